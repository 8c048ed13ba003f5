// Small helpers over the `yaml` package's node tree: alias resolution, key names as written, and
// value descriptions for messages, so the reader and the value types agree on all three.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** A node after alias resolution. */
export type ValueNode = Scalar | YAMLMap | YAMLSeq;

/** Anything that may carry a source range: every parsed node does. */
export interface Located {
  readonly range?: readonly [number, number, number] | null | undefined;
}

/** Follows an alias to its anchor; `null`, missing and non-node values read as null. */
export function resolveNode(raw: unknown, doc: Document): ValueNode | null {
  if (isAlias(raw)) {
    const target = raw.resolve(doc);
    return target ?? null;
  }
  if (isScalar(raw) || isMap(raw) || isSeq(raw)) return raw;
  return null;
}

/** True for a scalar whose value is YAML null (`key:`, `key: ~`, `key: null`). */
export function isNullNode(node: ValueNode | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** YAML 1.1's `<<` merge key, which the parser marks with a symbol value. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.source === '<<' && key.value === '<<'));
}

/**
 * A key's name as the user wrote it. YAML 1.1 reads `on:` or `y:` as booleans; the source text
 * is what spec-runner's users think of as the key.
 */
export function keyName(key: unknown): string {
  if (isScalar(key)) {
    if (typeof key.value === 'string') return key.value;
    if (typeof key.source === 'string') return key.source;
    return String(key.value);
  }
  if (isAlias(key)) return `*${key.source}`;
  if (key === null || key === undefined) return '';
  return isMap(key) ? '{...}' : isSeq(key) ? '[...]' : String(key);
}

const PREVIEW_MAX = 40;

function preview(text: string): string {
  return text.length > PREVIEW_MAX ? `${text.slice(0, PREVIEW_MAX)}…` : text;
}

/** "the string \"three\"", "the number -5", "a list". Secret values are described by type only. */
export function describeNode(node: ValueNode | null, secret: boolean): string {
  if (node === null) return 'null';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const v: unknown = node.value;
  if (v === null) return 'null';
  const source = typeof node.source === 'string' ? node.source : String(v);
  if (typeof v === 'string') return secret ? 'a string' : `the string ${JSON.stringify(preview(v))}`;
  if (typeof v === 'number' || typeof v === 'bigint') return secret ? 'a number' : `the number ${preview(source)}`;
  if (typeof v === 'boolean') return secret ? 'a boolean' : `the boolean ${preview(source)}`;
  if (v instanceof Date) return secret ? 'a date' : `a date (${preview(source)})`;
  return 'a value of an unsupported type';
}

/** True for a number or boolean scalar, which the user probably meant as a string. */
export function isNonStringScalar(node: ValueNode): boolean {
  if (!isScalar(node)) return false;
  const t = typeof node.value;
  return t === 'number' || t === 'boolean' || t === 'bigint' || node.value instanceof Date;
}
