// Reads config text (saved or still in the editor) into a fully defaulted config plus positioned
// diagnostics. Follows spec-runner's reading: YAML 1.1 like PyYAML, the executor: wrapper
// accepted, null means "not set", last duplicate wins, unreadable YAML means all defaults.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { DiagnosticSink } from './diagnosticSink';
import { pyYamlTags } from './pyYamlTags';
import { findSecretsInText, scrubDiagnostics } from './redact';
import {
  buildConfig,
  childNames,
  DEFAULT_CONFIG,
  LEGACY_TEMPLATE_SIBLINGS,
  ROW_BY_KEY,
  SECTIONS,
  UNUSED_SPEC_RUNNER_KEYS,
} from './schema';
import type { Row } from './schema';
import { closestMatch } from './suggest';
import type { ConfigValue, LoadedConfig, SpecpilotConfig } from './types';
import type { MapEntry, ValueContext } from './valueTypes';
import { describeNode, isMergeKey, isNullNode, keyName, resolveNode } from './yamlNodes';
import type { Located, ValueNode } from './yamlNodes';

export const CONFIG_FILE = 'spec-runner.config.yaml';
export const LEGACY_CONFIG_FILE = 'spec/executor.config.yaml';

export interface ParseConfigOptions {
  /** The text is the deprecated spec/executor.config.yaml; by default decided from `file`. */
  readonly legacy?: boolean;
  /** Overrides `spec_prefix`, as spec-runner's --spec-prefix does, when not empty. */
  readonly specPrefix?: string;
}

export function isLegacyConfigPath(file: string): boolean {
  const p = file.replace(/\\/g, '/');
  return p === LEGACY_CONFIG_FILE || p.endsWith(`/${LEGACY_CONFIG_FILE}`);
}

/** Merge chains deeper than this are not followed (a guard, not a limit anyone meets). */
const MAX_MERGE_DEPTH = 16;

/** Every leaf and section path, for "this key belongs elsewhere" hints. */
const ALL_PATHS: readonly string[] = [...ROW_BY_KEY.keys(), ...SECTIONS.keys()];

const LEGACY_MESSAGE = `${LEGACY_CONFIG_FILE} is deprecated: move these settings to ${CONFIG_FILE} at the repository root, without the "executor:" wrapper`;

/** The deprecation notice for a legacy file without an `executor:` key: on its first line. */
function warnLegacyAtTop(sink: DiagnosticSink, text: string): void {
  const newline = text.indexOf('\n');
  const end = newline < 0 ? text.length : newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
  sink.span('warning', 'legacy-config', 0, end, LEGACY_MESSAGE);
}

function formatDefault(value: ConfigValue): string {
  if (value === null) return 'null (no limit)';
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return JSON.stringify(value);
}

class ConfigReader {
  private readonly found = new Map<string, MapEntry>();
  readonly secrets: string[] = [];

  constructor(
    private readonly doc: Document,
    readonly sink: DiagnosticSink,
  ) {}

  resolve(raw: unknown): ValueNode | null {
    return resolveNode(raw, this.doc);
  }

  /** Where to point at a value: the alias itself when the value came through one. */
  private located(raw: unknown, resolved: ValueNode | null): Located | null {
    if (isAlias(raw)) return raw;
    return resolved;
  }

  entries(map: YAMLMap, path: string, depth = 0): MapEntry[] {
    const own: MapEntry[] = [];
    const merged: MapEntry[] = [];
    for (const pair of map.items) {
      if (isMergeKey(pair.key)) {
        if (depth >= MAX_MERGE_DEPTH) continue;
        const target = this.resolve(pair.value);
        const sources = target !== null && isSeq(target) ? target.items.map((i) => this.resolve(i)) : [target];
        for (const s of sources) {
          if (s !== null && isMap(s)) merged.push(...this.entries(s, path, depth + 1));
        }
        continue;
      }
      const keyNode: Located = isScalar(pair.key) || isAlias(pair.key) ? pair.key : map;
      own.push({ name: keyName(pair.key), keyNode, value: pair.value });
    }
    const last = new Map<string, MapEntry>();
    for (const e of own) last.set(e.name, e);
    const result: MapEntry[] = [];
    for (const e of own) {
      const winner = last.get(e.name);
      if (winner !== undefined && winner !== e) {
        const label = path === '' ? e.name : `${path}.${e.name}`;
        const line = this.sink.lineOf(winner.keyNode.range?.[0] ?? 0);
        this.sink.at(
          'warning',
          'duplicate-key',
          e.keyNode,
          `duplicate key "${label}": this value is ignored; the one on line ${line} wins`,
          { key: label },
        );
        continue;
      }
      result.push(e);
    }
    // Explicit keys override merged ones; among merged mappings the first one wins.
    for (const m of merged) {
      if (!result.some((r) => r.name === m.name)) result.push(m);
    }
    return result;
  }

  /** Reads the top-level mapping, unwrapping spec-runner's v1 `executor:` block. */
  readTop(top: YAMLMap, legacy: boolean, text: string): void {
    const entries = this.entries(top, '');
    const wrapper = entries.find((e) => e.name === 'executor');
    if (wrapper === undefined) {
      if (legacy) warnLegacyAtTop(this.sink, text);
      this.walk(entries, '');
      return;
    }
    if (legacy) {
      this.sink.at('warning', 'legacy-config', wrapper.keyNode, LEGACY_MESSAGE, { key: 'executor' });
    } else {
      this.sink.at(
        'info',
        'legacy-wrapper',
        wrapper.keyNode,
        `the "executor:" wrapper is the old layout; ${CONFIG_FILE} can hold these settings at the top level`,
        { key: 'executor' },
      );
    }
    const roots = childNames('');
    for (const e of entries) {
      if (e === wrapper) continue;
      if (LEGACY_TEMPLATE_SIBLINGS.includes(e.name)) {
        this.sink.at('info', 'unused-key', e.keyNode, `"${e.name}" is ignored: spec-runner reads only the "executor:" block`, {
          key: e.name,
        });
      } else if (roots.includes(e.name)) {
        this.sink.at(
          'warning',
          'misplaced-key',
          e.keyNode,
          `"${e.name}" is outside the "executor:" block, so it is ignored; move it under "executor:"`,
          { key: e.name },
        );
      } else {
        this.sink.at('warning', 'unknown-key', e.keyNode, `unknown key "${e.name}" outside the "executor:" block; it is ignored`, {
          key: e.name,
        });
      }
    }
    const block = this.resolve(wrapper.value);
    if (isNullNode(block)) return;
    if (block !== null && isMap(block)) {
      this.walk(this.entries(block, ''), '');
      return;
    }
    this.sink.at(
      'error',
      'not-a-mapping',
      this.located(wrapper.value, block),
      `executor: expected a mapping of settings, got ${describeNode(block, false)}; using the defaults`,
      { key: 'executor' },
    );
  }

  private walk(entries: readonly MapEntry[], section: string): void {
    for (const e of entries) {
      const path = section === '' ? e.name : `${section}.${e.name}`;
      if (ROW_BY_KEY.has(path)) {
        this.found.set(path, e);
        continue;
      }
      const children = SECTIONS.get(path);
      if (children !== undefined) {
        const v = this.resolve(e.value);
        if (isNullNode(v)) continue;
        if (v !== null && isMap(v)) {
          this.walk(this.entries(v, path), path);
        } else {
          this.sink.at(
            'error',
            'wrong-type',
            this.located(e.value, v),
            `${path}: expected a mapping with keys ${children.join(', ')}, got ${describeNode(v, false)}; using the defaults`,
            { key: path },
          );
        }
        continue;
      }
      if (section === '' && UNUSED_SPEC_RUNNER_KEYS.includes(e.name)) {
        this.sink.at('info', 'unused-key', e.keyNode, `"${e.name}" is a spec-runner setting Specpilot does not use; it is ignored`, {
          key: e.name,
        });
        continue;
      }
      this.reportUnknown(e, section, path);
    }
  }

  private reportUnknown(e: MapEntry, section: string, path: string): void {
    const where = section === '' ? '' : ` in ${section}`;
    if (e.name === '') {
      this.sink.at('warning', 'unknown-key', e.keyNode, `a key is missing before ":"${where}; the value is ignored`, {
        key: path,
      });
      return;
    }
    const elsewhere = ALL_PATHS.find((p) => {
      const cut = p.lastIndexOf('.');
      return p.slice(cut + 1) === e.name && p.slice(0, Math.max(0, cut)) !== section;
    });
    if (elsewhere !== undefined) {
      const target = elsewhere.includes('.') ? `"${elsewhere}"` : `top-level "${elsewhere}"`;
      const place = section === '' ? ' at the top level' : where;
      this.sink.at('warning', 'misplaced-key', e.keyNode, `unknown key "${e.name}"${place}; did you mean ${target}?`, {
        key: path,
      });
      return;
    }
    const siblings = childNames(section);
    const near = closestMatch(e.name, siblings);
    if (near !== null) {
      this.sink.at('warning', 'unknown-key', e.keyNode, `unknown key "${e.name}"${where}; did you mean "${near}"?`, {
        key: path,
        suggestion: near,
      });
      return;
    }
    const expected = section === '' ? '' : `; expected one of ${siblings.join(', ')}`;
    this.sink.at('warning', 'unknown-key', e.keyNode, `unknown key "${e.name}"${where}${expected}`, { key: path });
  }

  private context(r: Row<ConfigValue>): ValueContext {
    return {
      key: r.key,
      secret: r.secret,
      resolve: (raw) => this.resolve(raw),
      entries: (map, path) => this.entries(map, path),
      describe: (node) => describeNode(node, r.secret),
      warn: (at, code, message, suggestion, key) =>
        this.sink.at('warning', code, at, message, { key: key ?? r.key, suggestion }),
    };
  }

  read<T extends ConfigValue>(r: Row<T>): T {
    const e = this.found.get(r.key);
    if (e === undefined) return r.default;
    const v = this.resolve(e.value);
    if (v === null || isNullNode(v)) return r.default;
    if (r.secret) this.collectSecrets(v);
    const result = r.type.parse(v, this.context(r));
    if (result.ok) {
      if (r.type.emptyMeansDefault === true && result.value === '') return r.default;
      return result.value;
    }
    const at = result.at === v ? this.located(e.value, v) : result.at;
    this.sink.at(
      'error',
      'wrong-type',
      at,
      `${r.key}: expected ${r.type.expected}, got ${result.got}; using the default ${formatDefault(r.default)}`,
      { key: r.key },
    );
    return r.default;
  }

  private collectSecrets(node: ValueNode): void {
    if (isScalar(node)) {
      if (node.value !== null && node.value !== undefined) this.secrets.push(String(node.value));
      return;
    }
    const items: unknown[] = isMap(node) ? node.items.map((p) => p.value) : node.items;
    for (const item of items) {
      const v = this.resolve(item);
      if (v !== null && isScalar(v) && v.value !== null) this.secrets.push(String(v.value));
    }
  }
}

function withPrefix(config: SpecpilotConfig, specPrefix: string | undefined): SpecpilotConfig {
  return specPrefix !== undefined && specPrefix !== '' ? { ...config, spec_prefix: specPrefix } : config;
}

/**
 * Parses the text of `spec-runner.config.yaml` (or the legacy `spec/executor.config.yaml`).
 * Never throws: problems become diagnostics and the affected keys keep their defaults.
 */
export function parseConfigText(text: string, file: string, options: ParseConfigOptions = {}): LoadedConfig {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const legacy = options.legacy ?? isLegacyConfigPath(file);
  const lines = new LineCounter();
  const sink = new DiagnosticSink(file, lines);
  let config: SpecpilotConfig = DEFAULT_CONFIG;
  let secrets: string[] = [];
  try {
    // YAML 1.1 because spec-runner reads the file with PyYAML: `yes`/`on` are booleans there.
    const doc = parseDocument(body, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: false,
      version: '1.1',
      customTags: pyYamlTags,
    });
    for (const err of doc.errors) {
      sink.span('error', 'yaml-syntax', err.pos[0], err.pos[1], `YAML syntax error: ${err.message}`);
    }
    for (const warn of doc.warnings) {
      sink.span('warning', 'yaml-warning', warn.pos[0], warn.pos[1], `YAML: ${warn.message}`);
    }
    const reader = new ConfigReader(doc, sink);
    const top = reader.resolve(doc.contents);
    if (doc.errors.length === 0 && !isNullNode(top) && top !== null) {
      if (isMap(top)) {
        reader.readTop(top, legacy, body);
        config = buildConfig((r) => reader.read(r));
        secrets = reader.secrets;
      } else {
        sink.at(
          'error',
          'not-a-mapping',
          top,
          `expected "key: value" settings at the top level, got ${describeNode(top, false)}; using the defaults`,
        );
      }
    } else if (doc.errors.length === 0 && legacy) {
      warnLegacyAtTop(sink, body);
    }
  } catch (err) {
    config = DEFAULT_CONFIG;
    const reason = err instanceof Error ? err.message : String(err);
    sink.span('error', 'internal-error', 0, 0, `could not read the config (${reason}); using the defaults`);
  }
  const diagnostics = scrubDiagnostics(sink.diagnostics, [...secrets, ...findSecretsInText(body)]).sort(
    (a, b) => a.line - b.line || a.col - b.col,
  );
  return { config: withPrefix(config, options.specPrefix), source: { file, legacy }, diagnostics };
}
