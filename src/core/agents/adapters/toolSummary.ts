// One line per tool call (`Edit src/app.ts`, `Bash npm test`) for the run panel and the log, with
// the full input kept as the detail; and one line per tool result.
import { isAbsolute, relative } from 'node:path';
import { isObject } from './json';

const MAX_SUMMARY = 120;

/**
 * Input keys that name what a tool acts on, most telling first (claude, opencode, pi, codex
 * names): a search's pattern says more than the directory it searches.
 */
const KEYS = ['file_path', 'filePath', 'notebook_path', 'command', 'cmd', 'pattern', 'path', 'url', 'query', 'description', 'prompt'] as const;
const PATH_KEYS: ReadonlySet<string> = new Set(['file_path', 'filePath', 'notebook_path', 'path']);

export function toolDisplayName(name: string): string {
  // opencode and pi name tools in lower case (`bash`, `edit`); claude's are capitalised.
  return /^[a-z][a-z_]*$/.test(name) ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

export function firstLine(text: string): string {
  const lines = text.split(/\r?\n/);
  // Tabs and runs of spaces (line-numbered file dumps) read as one space on one line.
  const first = lines.find((l) => l.trim() !== '')?.trim().replace(/\s+/g, ' ') ?? '';
  const more = lines.filter((l) => l.trim() !== '').length > 1;
  return clip(more ? `${first} …` : first);
}

export function clip(text: string): string {
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

function argText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return undefined;
}

function shownPath(path: string, cwd: string | undefined): string {
  if (cwd === undefined || cwd === '' || !isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function toolSummary(name: string, input: unknown, cwd?: string): string {
  const display = toolDisplayName(name);
  if (!isObject(input)) return clip(display);
  for (const key of KEYS) {
    const v = argText(input[key]);
    if (v !== undefined && v !== '') return firstLine(`${display} ${PATH_KEYS.has(key) ? shownPath(v, cwd) : v}`);
  }
  return clip(display);
}

export function toolDetail(input: unknown): string {
  if (input === undefined) return '';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/** Text of a tool result in any of the shapes the CLIs use: a string, or blocks with `text`. */
export function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((block: unknown) => (isObject(block) && typeof block['text'] === 'string' ? block['text'] : ''))
      .filter((t) => t !== '')
      .join('\n');
  }
  return '';
}

export function resultSummary(text: string, isError: boolean): string {
  const line = firstLine(text);
  if (line !== '') return line;
  return isError ? '(error, no output)' : '(no output)';
}
