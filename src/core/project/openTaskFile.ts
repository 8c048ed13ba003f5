// Resolves "the task file" of a command the way spec-runner does (--file, else
// spec/<prefix>tasks.md, else the one task file of the repository) and loads it with its config
// and definition files. Node-only: the extension reads through its open documents instead.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../config';
import { detectFormat } from '../spec/detect';
import type { SpecFormat } from '../spec/model';
import { parseSpec } from '../spec/parseSpec';
import { loadDefinitions, specFilesFor } from '../trace';
import { analyzeSpec, type SpecAnalysis } from './analyzeSpec';
import { findTaskFiles, type TaskFileRef } from './taskFiles';

export interface OpenOptions {
  readonly cwd: string;
  readonly file?: string | null;
  readonly format?: SpecFormat | null;
  readonly specPrefix?: string | null;
}

export interface OpenedTaskFile {
  readonly root: string;
  readonly path: string;
  /** The raw text as read (BOM and line endings included), for write-back. */
  readonly text: string;
  readonly analysis: SpecAnalysis;
  readonly config: LoadedConfig;
}

export type OpenResult =
  | { readonly ok: true; readonly value: OpenedTaskFile }
  | { readonly ok: false; readonly error: string; readonly candidates: readonly TaskFileRef[] };

const ROOT_MARKERS = ['spec-runner.config.yaml', 'spec', '.kiro', 'specs', 'openspec', '.git'];

/** The nearest folder at or above `cwd` that holds a spec folder, a config or a .git. */
export function findRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (ROOT_MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

export function openTaskFile(options: OpenOptions): OpenResult {
  const root = findRoot(options.cwd);
  const config = loadConfig(root, options.specPrefix ? { specPrefix: options.specPrefix } : {});
  const prefix = options.specPrefix ?? config.config.spec_prefix;
  let path: string;
  let candidates: TaskFileRef[] = [];
  if (options.file) {
    path = isAbsolute(options.file) ? options.file : resolve(options.cwd, options.file);
    if (!existsSync(path)) return { ok: false, error: `no such task file: ${options.file}`, candidates };
  } else {
    const preferred = join(root, 'spec', `${prefix}tasks.md`);
    candidates = findTaskFiles(root, prefix);
    if (existsSync(preferred)) path = preferred;
    else if (options.specPrefix) {
      // An explicit prefix names one file: falling back to another task file would act on the wrong tasks.
      const others = candidates.length > 0 ? `; found ${candidates.map((c) => relative(root, c.path).replace(/\\/g, '/')).join(', ')}` : '';
      return { ok: false, error: `no task file spec/${prefix}tasks.md for --spec-prefix ${prefix} under ${root}${others}`, candidates };
    } else if (candidates.length === 1) path = candidates[0]!.path;
    else if (candidates.length === 0) {
      return {
        ok: false,
        error: `no task file found under ${root}: looked for spec/${prefix}tasks.md, specs/<feature>/tasks.md, openspec/changes/<id>/tasks.md and .kiro/specs/<feature>/tasks.md`,
        candidates,
      };
    } else {
      const list = candidates.map((c) => `  ${relative(root, c.path)} (${c.format})`).join('\n');
      return { ok: false, error: `several task files found; choose one with --file:\n${list}`, candidates };
    }
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, error: `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`, candidates };
  }
  return { ok: true, value: loadOpened(root, path, text, config, options.format ?? null, prefix) };
}

export function loadOpened(
  root: string,
  path: string,
  text: string,
  config: LoadedConfig,
  format: SpecFormat | null,
  prefix: string,
): OpenedTaskFile {
  const rel = relative(root, path).replace(/\\/g, '/');
  const detected = detectFormat(rel.startsWith('..') ? path : rel, text, format).format;
  const spec = parseSpec(text, path, { format: detected });
  const definitions = loadDefinitions(specFilesFor(path, detected, detected === 'spec-runner' ? prefix : ''));
  return { root, path, text, analysis: analyzeSpec(spec, definitions), config };
}
