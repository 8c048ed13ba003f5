// One line of agent output with ANSI codes -> styled text segments: colours become classes mapped to
// the terminal theme in runPanel.css (textContent and classes only); other escapes are dropped.
// Pure. The local SGR tokenizer yields anser-shaped chunks, so anser can replace it in one line.

export type AnsiColorName = 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white';

const COLOR_NAMES: readonly AnsiColorName[] = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** A colour as a class (`ansi-red`, `ansi-bright-red`) or an exact rgb for 256-colour and true-colour codes. */
export type AnsiColor = { readonly kind: 'class'; readonly name: string } | { readonly kind: 'rgb'; readonly r: number; readonly g: number; readonly b: number };

export type AnsiDecoration = 'bold' | 'dim' | 'italic' | 'underline' | 'inverse' | 'hidden' | 'strikethrough';

/** One run of text with one style, in anser's JSON terms. */
export interface AnsiChunk {
  readonly content: string;
  readonly fg: AnsiColor | null;
  readonly bg: AnsiColor | null;
  readonly decorations: readonly AnsiDecoration[];
}

/** What the page renders: text plus classes, and an rgb colour set through the CSSOM when exact. */
export interface AnsiSegment {
  readonly text: string;
  readonly classes: readonly string[];
  /** `rgb(r, g, b)` from numbers the tokenizer parsed, or null. */
  readonly color: string | null;
  readonly background: string | null;
}

export function ansiSegments(line: string, tokenize: (text: string) => readonly AnsiChunk[] = tokenizeSgr): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  for (const chunk of tokenize(line)) {
    if (chunk.content === '') continue;
    const segment = styleOf(chunk);
    const last = out[out.length - 1];
    if (last && sameStyle(last, segment)) out[out.length - 1] = { ...last, text: last.text + segment.text };
    else out.push(segment);
  }
  return out;
}

/** The line without any escape code: for copying and for searching. */
export function ansiPlainText(line: string): string {
  return tokenizeSgr(line).map((c) => c.content).join('');
}

function styleOf(chunk: AnsiChunk): AnsiSegment {
  const inverse = chunk.decorations.includes('inverse');
  const fg = inverse ? chunk.bg : chunk.fg;
  const bg = inverse ? chunk.fg : chunk.bg;
  const classes: string[] = [];
  let color: string | null = null;
  let background: string | null = null;
  if (fg?.kind === 'class') classes.push(`${fg.name}-fg`);
  else if (fg?.kind === 'rgb') color = rgb(fg);
  else if (inverse) classes.push('ansi-inverse-fg');
  if (bg?.kind === 'class') classes.push(`${bg.name}-bg`);
  else if (bg?.kind === 'rgb') background = rgb(bg);
  else if (inverse) classes.push('ansi-inverse-bg');
  for (const d of chunk.decorations) if (d !== 'inverse') classes.push(`ansi-${d}`);
  return { text: chunk.content, classes, color, background };
}

function rgb(c: { readonly r: number; readonly g: number; readonly b: number }): string {
  return `rgb(${c.r}, ${c.g}, ${c.b})`;
}

function sameStyle(a: AnsiSegment, b: AnsiSegment): boolean {
  return a.color === b.color && a.background === b.background && a.classes.length === b.classes.length && a.classes.every((c, i) => c === b.classes[i]);
}

// ---- tokenizer -------------------------------------------------------------------------------

interface Pen {
  fg: AnsiColor | null;
  bg: AnsiColor | null;
  decorations: Set<AnsiDecoration>;
}

/**
 * ESC [ params final (CSI), ESC ] ... BEL or ESC \ (OSC, e.g. hyperlinks), other escapes (ESC,
 * intermediates, one final: `ESC ( B`); C0 controls other than tab go too, so nothing invisible
 * reaches the page.
 */
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[([0-?]*)([ -/]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]?|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/g;

export function tokenizeSgr(text: string): AnsiChunk[] {
  const pen: Pen = { fg: null, bg: null, decorations: new Set() };
  const out: AnsiChunk[] = [];
  let at = 0;
  const emit = (content: string): void => {
    if (content !== '') out.push({ content, fg: pen.fg, bg: pen.bg, decorations: [...pen.decorations] });
  };
  for (const m of text.matchAll(ESCAPE)) {
    emit(text.slice(at, m.index));
    at = m.index + m[0].length;
    // Only SGR (final `m`, no intermediates, no private marker) changes the style.
    if (m[3] === 'm' && m[2] === '' && m[1] !== undefined && !/[<=>?]/.test(m[1])) applySgr(pen, m[1]);
  }
  emit(text.slice(at));
  return out;
}

function applySgr(pen: Pen, params: string): void {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number.parseInt(p, 10)));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 38 || code === 48) {
      const [color, used] = extendedColor(codes, i + 1);
      i += used;
      if (color) {
        if (code === 38) pen.fg = color;
        else pen.bg = color;
      }
      continue;
    }
    applyCode(pen, code);
  }
}

function applyCode(pen: Pen, code: number): void {
  const d = pen.decorations;
  if (code === 0) {
    pen.fg = null;
    pen.bg = null;
    d.clear();
  } else if (code === 1) d.add('bold');
  else if (code === 2) d.add('dim');
  else if (code === 3) d.add('italic');
  else if (code === 4) d.add('underline');
  else if (code === 7) d.add('inverse');
  else if (code === 8) d.add('hidden');
  else if (code === 9) d.add('strikethrough');
  else if (code === 22) {
    d.delete('bold');
    d.delete('dim');
  } else if (code === 23) d.delete('italic');
  else if (code === 24) d.delete('underline');
  else if (code === 27) d.delete('inverse');
  else if (code === 28) d.delete('hidden');
  else if (code === 29) d.delete('strikethrough');
  else if (code >= 30 && code <= 37) pen.fg = named(code - 30, false);
  else if (code === 39) pen.fg = null;
  else if (code >= 40 && code <= 47) pen.bg = named(code - 40, false);
  else if (code === 49) pen.bg = null;
  else if (code >= 90 && code <= 97) pen.fg = named(code - 90, true);
  else if (code >= 100 && code <= 107) pen.bg = named(code - 100, true);
}

/** `5;n` (256 colours) or `2;r;g;b` (true colour) after a 38/48; returns the colour and the codes used. */
function extendedColor(codes: readonly number[], at: number): [AnsiColor | null, number] {
  const mode = codes[at];
  if (mode === 5) {
    const n = codes[at + 1];
    return [n !== undefined ? palette(n) : null, 2];
  }
  if (mode === 2) {
    const [r, g, b] = [codes[at + 1], codes[at + 2], codes[at + 3]];
    const ok = [r, g, b].every((v) => v !== undefined && Number.isInteger(v) && v >= 0 && v <= 255);
    return [ok && r !== undefined && g !== undefined && b !== undefined ? { kind: 'rgb', r, g, b } : null, 4];
  }
  return [null, 1];
}

function named(index: number, bright: boolean): AnsiColor {
  const name = COLOR_NAMES[index] ?? 'white';
  return { kind: 'class', name: bright ? `ansi-bright-${name}` : `ansi-${name}` };
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** xterm's 256 colours: 0-15 the theme's named ones, then a 6x6x6 cube and a grey ramp. */
function palette(n: number): AnsiColor | null {
  if (!Number.isInteger(n) || n < 0 || n > 255) return null;
  if (n < 16) return named(n % 8, n >= 8);
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return { kind: 'rgb', r: level, g: level, b: level };
  }
  const i = n - 16;
  return { kind: 'rgb', r: CUBE[Math.floor(i / 36)] ?? 0, g: CUBE[Math.floor(i / 6) % 6] ?? 0, b: CUBE[i % 6] ?? 0 };
}
