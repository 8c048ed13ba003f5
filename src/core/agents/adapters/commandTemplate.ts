// Custom command templates (`{cmd} --prompt {prompt_file}`) turned into argv without a shell: the
// template, which the user wrote, is split into words like a shell would (single and double
// quotes group words; there are no escapes, variables or globs), then each placeholder is replaced
// inside its own word in one pass, so a prompt's spaces, quotes, `$(...)` or `{model}` stay literal.

export const PLACEHOLDERS = ['cmd', 'prompt', 'prompt_file', 'model'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type TemplateWords = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly error: string };

/** Shell-style word splitting of the template: whitespace separates words, quotes group them. */
export function splitTemplate(template: string): TemplateWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  let quoteStart = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template.charAt(i);
    if (quote !== null) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      quoteStart = i;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== null) {
    return { ok: false, error: `command template: the ${quote === '"' ? 'double' : 'single'} quote at column ${quoteStart + 1} is never closed` };
  }
  if (inWord) words.push(word);
  if (words.length === 0) return { ok: false, error: 'command template is empty: expected e.g. "{cmd} --prompt {prompt_file}"' };
  return { ok: true, words };
}

const PLACEHOLDER_RE = /\{([a-z_]+)\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** `{name}` words the template uses that are not placeholders: a typo, named before any spawn. */
export function unknownPlaceholders(words: readonly string[]): readonly string[] {
  const unknown = new Set<string>();
  for (const w of words) for (const m of w.matchAll(PLACEHOLDER_RE)) if (!isPlaceholder(m[1] ?? '')) unknown.add(`{${m[1]}}`);
  return [...unknown];
}

export function usesPlaceholder(words: readonly string[], name: Placeholder): boolean {
  return words.some((w) => w.includes(`{${name}}`));
}

/** Each word stays one argv element; replacement text is never rescanned. */
export function substitute(words: readonly string[], values: Readonly<Record<Placeholder, string>>): readonly string[] {
  return words.map((w) => w.replace(PLACEHOLDER_RE, (whole: string, name: string) => (isPlaceholder(name) ? values[name] : whole)));
}
