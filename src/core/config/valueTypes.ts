// One parser per kind of setting (integer, dollars, list, personas...). Each checks a YAML node
// and either returns the typed value or says what it got, so the reader can report the error
// at that node and fall back to the default.
import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { closestMatch } from './suggest';
import type { ConfigDiagnosticCode, ConfigValue, Persona } from './types';
import { isNonStringScalar, isNullNode } from './yamlNodes';
import type { Located, ValueNode } from './yamlNodes';

export interface MapEntry {
  readonly name: string;
  readonly keyNode: Located;
  /** The raw pair value (a node, an alias, or null). */
  readonly value: unknown;
}

/** What a value parser may ask of the reader. */
export interface ValueContext {
  /** Dotted key of the setting being read. */
  readonly key: string;
  /** True when values must not appear in messages. */
  readonly secret: boolean;
  resolve(raw: unknown): ValueNode | null;
  /** A mapping's entries, merge keys expanded and duplicates reported (last one wins). */
  entries(map: YAMLMap, path: string): readonly MapEntry[];
  describe(node: ValueNode | null): string;
  /** `key` defaults to the setting's key; pass it for a problem deeper inside the value. */
  warn(at: Located, code: ConfigDiagnosticCode, message: string, suggestion?: string, key?: string): void;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly at: Located; readonly got: string };

export interface ValueType<T extends ConfigValue> {
  /** For the schema table: `integer >= 1`, `string[]`. */
  readonly label: string;
  /** For messages: `an integer >= 1`. */
  readonly expected: string;
  /** spec-runner treats an empty string as "not set" for this kind (paths). */
  readonly emptyMeansDefault?: boolean;
  /** `node` is never YAML null: the reader treats null as "not set" before calling. */
  parse(node: ValueNode, ctx: ValueContext): ParseResult<T>;
}

function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

function fail<T>(at: Located, got: string): ParseResult<T> {
  return { ok: false, at, got };
}

/** "the number 5 (put it in quotes)" for a scalar that YAML read as a number or boolean. */
function gotText(node: ValueNode, ctx: ValueContext): string {
  const got = ctx.describe(node);
  return isNonStringScalar(node) ? `${got} (put it in quotes to make it a string)` : got;
}

export function integer(min: number): ValueType<number> {
  return {
    label: `integer >= ${min}`,
    expected: `an integer >= ${min}`,
    parse(node, ctx) {
      if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= min) {
        return ok(node.value);
      }
      return fail(node, ctx.describe(node));
    },
  };
}

/** A dollar amount; null (no limit) is the default, so only non-null values reach `parse`. */
export function usd(): ValueType<number | null> {
  return {
    label: 'number >= 0 | null',
    expected: 'a number >= 0 (US dollars), or null for no limit',
    parse(node, ctx) {
      if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) && node.value >= 0) {
        return ok(node.value);
      }
      return fail(node, ctx.describe(node));
    },
  };
}

export function text(): ValueType<string> {
  return {
    label: 'string',
    expected: 'a string',
    parse(node, ctx) {
      if (isScalar(node) && typeof node.value === 'string') return ok(node.value);
      return fail(node, gotText(node, ctx));
    },
  };
}

/** A path; spec-runner reads `paths.logs: ""` as "use the default". */
export function pathText(): ValueType<string> {
  return { ...text(), label: 'path', expected: 'a path (string)', emptyMeansDefault: true };
}

export function flag(): ValueType<boolean> {
  return {
    label: 'boolean',
    expected: 'true or false',
    parse(node, ctx) {
      if (isScalar(node) && typeof node.value === 'boolean') return ok(node.value);
      return fail(node, ctx.describe(node));
    },
  };
}

/** One of a fixed set of words, matched without regard to case (`--log-level=DEBUG` works too). */
export function oneOf<const V extends readonly string[]>(values: V): ValueType<V[number]> {
  const quoted = values.map((v) => `"${v}"`);
  return {
    label: quoted.join(' | '),
    expected: `one of ${quoted.join(', ')}`,
    parse(node, ctx) {
      if (isScalar(node) && typeof node.value === 'string') {
        const wanted = node.value.toLowerCase();
        const match = values.find((v) => v.toLowerCase() === wanted);
        if (match !== undefined) return ok(match);
      }
      return fail(node, ctx.describe(node));
    },
  };
}

export interface KnownValues {
  /** Singular noun for messages: `review role`. */
  readonly what: string;
  readonly values: readonly string[];
}

function warnUnknownValue(item: ValueNode, value: string, known: KnownValues, ctx: ValueContext): void {
  if (known.values.includes(value)) return;
  const near = closestMatch(value, known.values);
  const hint = near !== null ? `did you mean "${near}"?` : `expected one of ${known.values.join(', ')}`;
  ctx.warn(item, 'unknown-value', `${ctx.key}: unknown ${known.what} "${value}"; ${hint}`, near ?? undefined);
}

export interface StringListOptions {
  /** spec-runner turns a lone string into a one-item list for these keys. */
  readonly allowSingle?: boolean;
  /** Values spec-runner acts on; others get a warning but are kept. */
  readonly known?: KnownValues;
}

export function stringList(options: StringListOptions = {}): ValueType<readonly string[]> {
  return {
    label: options.allowSingle === true ? 'string[] | string' : 'string[]',
    expected: options.allowSingle === true ? 'a list of strings (or one string)' : 'a list of strings',
    parse(node, ctx) {
      if (options.allowSingle === true && isScalar(node) && typeof node.value === 'string') return ok([node.value]);
      if (!isSeq(node)) return fail(node, ctx.describe(node));
      const out: string[] = [];
      for (let i = 0; i < node.items.length; i++) {
        const raw = node.items[i];
        const item = ctx.resolve(raw);
        if (item === null || !isScalar(item) || typeof item.value !== 'string') {
          const at: Located = item ?? (isScalar(raw) ? raw : node);
          return fail(at, `${ctx.describe(item)} as item ${i + 1}`);
        }
        if (options.known !== undefined) warnUnknownValue(item, item.value, options.known, ctx);
        out.push(item.value);
      }
      return ok(out);
    },
  };
}

/** Name -> string (webhook headers). */
export function stringMap(): ValueType<Readonly<Record<string, string>>> {
  return {
    label: 'map<string, string>',
    expected: 'a mapping of names to strings',
    parse(node, ctx) {
      if (!isMap(node)) return fail(node, ctx.describe(node));
      const out: [string, string][] = [];
      for (const e of ctx.entries(node, ctx.key)) {
        const v = ctx.resolve(e.value);
        if (v === null || !isScalar(v) || typeof v.value !== 'string') {
          return fail(v ?? e.keyNode, `${v === null ? 'null' : gotText(v, ctx)} for "${e.name}"`);
        }
        out.push([e.name, v.value]);
      }
      return ok(Object.fromEntries(out));
    },
  };
}

/** Name -> list of strings (spec-runner's `spec_rules`, keyed by stage). */
export function stringListMap(): ValueType<Readonly<Record<string, readonly string[]>>> {
  const list = stringList();
  return {
    label: 'map<string, string[]>',
    expected: 'a mapping of names to lists of strings',
    parse(node, ctx) {
      if (!isMap(node)) return fail(node, ctx.describe(node));
      const out: [string, readonly string[]][] = [];
      for (const e of ctx.entries(node, ctx.key)) {
        const v = ctx.resolve(e.value);
        if (v === null) return fail(e.keyNode, `null for "${e.name}"`);
        const r = list.parse(v, ctx);
        if (!r.ok) return fail(r.at, `${r.got} for "${e.name}"`);
        out.push([e.name, r.value]);
      }
      return ok(Object.fromEntries(out));
    },
  };
}

const PERSONA_FIELDS = ['system_prompt', 'model', 'focus'] as const;

/**
 * Role -> persona. spec-runner's form is a mapping with system_prompt, model and focus; a plain
 * string is accepted as the system prompt alone.
 */
export function personas(): ValueType<Readonly<Record<string, Persona>>> {
  const str = text();
  const list = stringList();
  return {
    label: 'map<string, {system_prompt, model, focus} | string>',
    expected: 'a mapping of roles to {system_prompt, model, focus} (or to a prompt string)',
    parse(node, ctx) {
      if (!isMap(node)) return fail(node, ctx.describe(node));
      const out: [string, Persona][] = [];
      for (const e of ctx.entries(node, ctx.key)) {
        const v = ctx.resolve(e.value);
        if (v === null || isNullNode(v)) continue; // spec-runner skips a role with no settings
        if (isScalar(v) && typeof v.value === 'string') {
          out.push([e.name, { system_prompt: v.value, model: '', focus: [] }]);
          continue;
        }
        if (!isMap(v)) return fail(v, `${gotText(v, ctx)} for role "${e.name}"`);
        let systemPrompt = '';
        let model = '';
        let focus: readonly string[] = [];
        const where = `${ctx.key}.${e.name}`;
        for (const f of ctx.entries(v, where)) {
          const fv = ctx.resolve(f.value);
          if (fv === null || isNullNode(fv)) continue;
          if (f.name === 'system_prompt' || f.name === 'model') {
            const r = str.parse(fv, ctx);
            if (!r.ok) return fail(r.at, `${r.got} for "${where}.${f.name}"`);
            if (f.name === 'system_prompt') systemPrompt = r.value;
            else model = r.value;
          } else if (f.name === 'focus') {
            const r = list.parse(fv, ctx);
            if (!r.ok) return fail(r.at, `${r.got} for "${where}.focus"`);
            focus = r.value;
          } else {
            const near = closestMatch(f.name, PERSONA_FIELDS);
            const hint = near !== null ? `did you mean "${near}"?` : `expected ${PERSONA_FIELDS.join(', ')}`;
            ctx.warn(f.keyNode, 'unknown-key', `unknown key "${f.name}" in ${where}; ${hint}`, near ?? undefined, `${where}.${f.name}`);
          }
        }
        out.push([e.name, { system_prompt: systemPrompt, model, focus }]);
      }
      return ok(Object.fromEntries(out));
    },
  };
}
