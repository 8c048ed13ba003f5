// The checks every host-side message gate shares: what a page posts arrives as `unknown`, and each
// parser rebuilds it field by field with these, so a bad value is judged and described the same way
// in every panel.

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A message or state object as it arrives, before any field is trusted. */
export type Fields = Readonly<Record<string, unknown>>;

/** One parser a message type: it receives the whole object and rebuilds only its known fields. */
export type TypeParsers<T> = { readonly [type: string]: (m: Fields) => Parsed<T> };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}

export function isRecord(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string of at most `max` characters with no NUL (paths and ids reach the file system). */
export function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\0');
}

/** A whole number >= 0 (a line, an index, a sequence number). */
export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** A short, safe description of a bad value for the log (never the value itself when long). */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length <= 40 ? JSON.stringify(v) : `a string of ${v.length} characters`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v === 'object' ? 'an object' : typeof v;
}

/**
 * Checks `value` is an object whose `type` names one of `parsers` and hands it to that parser;
 * otherwise an error naming the known types. `say` describes a bad value (a gate may word it its way).
 */
export function parseByType<T>(value: unknown, parsers: TypeParsers<T>, say: (v: unknown) => string = describe): Parsed<T> {
  if (!isRecord(value)) return fail(`expected a message object, got ${say(value)}`);
  const type = value['type'];
  const parser = typeof type === 'string' && Object.hasOwn(parsers, type) ? parsers[type] : undefined;
  if (parser === undefined) return fail(`expected type to be one of ${Object.keys(parsers).join(', ')}, got ${say(type)}`);
  return parser(value);
}
