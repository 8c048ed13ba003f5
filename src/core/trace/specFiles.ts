// Where each format keeps the requirement / design definitions a tasks file traces to, by each
// tool's own conventions, so the index loads the right files without a setting.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecFormat } from '../spec/model';
import { assertNever } from '../spec/model';
import type { DefinitionSource, SpecFile } from './model';

/** Every file path under `dir`, at any depth; [] when `dir` does not exist. */
export type ListFiles = (dir: string) => readonly string[];

/**
 * The definition files to load for `tasksPath`, in the order their definitions should win. For
 * spec-runner an empty `specPrefix` is taken from the tasks file name (`phase5-tasks.md`).
 */
export function specFilesFor(
  tasksPath: string,
  format: SpecFormat,
  specPrefix = '',
  listFiles: ListFiles = listFilesSync,
): SpecFile[] {
  const { dir, base, sep } = splitPath(tasksPath);
  const at = (name: string): string => (dir === null ? name : `${dir}${sep}${name}`);
  switch (format) {
    case 'spec-runner': {
      const prefix = specPrefix !== '' ? specPrefix : (/^(.*)tasks\.md$/i.exec(base)?.[1] ?? '');
      return [
        { path: at(`${prefix}requirements.md`), source: 'spec-runner-requirements' },
        { path: at(`${prefix}design.md`), source: 'spec-runner-design' },
      ];
    }
    case 'kiro':
      return [
        { path: at('requirements.md'), source: 'kiro-requirements' },
        { path: at('design.md'), source: 'kiro-design' },
      ];
    case 'spec-kit':
      return [{ path: at('spec.md'), source: 'spec-kit-spec' }];
    case 'openspec': {
      let found: readonly string[];
      try {
        found = listFiles(at('specs'));
      } catch {
        found = [];
      }
      return found
        .filter((p) => /(?:^|[\\/])spec\.md$/.test(p))
        .slice()
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((path) => ({ path, source: 'openspec-spec' }));
    }
    default:
      return assertNever(format);
  }
}

/** The kind of definition file `path` is by its conventional location, or null. */
export function definitionSourceFor(path: string): DefinitionSource | null {
  const p = path.replace(/\\/g, '/');
  if (/(?:^|\/)\.kiro\/specs\/[^/]+\/requirements\.md$/i.test(p)) return 'kiro-requirements';
  if (/(?:^|\/)\.kiro\/specs\/[^/]+\/design\.md$/i.test(p)) return 'kiro-design';
  if (/(?:^|\/)openspec\/(?:.+\/)?specs\/(?:.+\/)?spec\.md$/i.test(p)) return 'openspec-spec';
  if (/(?:^|\/)specs\/[^/]+\/spec\.md$/i.test(p)) return 'spec-kit-spec';
  if (/(?:^|\/)spec\/[^/]*requirements\.md$/i.test(p)) return 'spec-runner-requirements';
  if (/(?:^|\/)spec\/[^/]*design\.md$/i.test(p)) return 'spec-runner-design';
  return null;
}

/** Splits on the last '/' or '\\' and keeps that separator, so results look like the input. */
function splitPath(path: string): { dir: string | null; base: string; sep: string } {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return { dir: null, base: path, sep: '/' };
  return { dir: path.slice(0, i), base: path.slice(i + 1), sep: path[i]! };
}

/** A synchronous walk that treats an unreadable or missing directory as empty. */
export function listFilesSync(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 16) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir, 0);
  return out;
}
