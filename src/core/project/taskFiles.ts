// Finds the task files of a workspace at the four tools' conventional paths, so the CLI and the
// extension agree on what "the tasks of this repository" are.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecFormat } from '../spec/model';

export interface TaskFileRef {
  readonly path: string;
  readonly format: SpecFormat;
}

/** Workspace-relative globs, for file watchers and activation events. */
export const TASK_FILE_GLOBS: readonly string[] = [
  'spec/*tasks.md',
  'specs/*/tasks.md',
  'openspec/changes/*/tasks.md',
  '.kiro/specs/*/tasks.md',
];

function dirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * Every task file under `root`: spec-runner's `spec/<prefix>tasks.md` first (the one named by
 * `specPrefix` before other prefixes), then Kiro, Spec Kit and OpenSpec features by name.
 */
export function findTaskFiles(root: string, specPrefix = ''): TaskFileRef[] {
  const out: TaskFileRef[] = [];
  const preferred = join(root, 'spec', `${specPrefix}tasks.md`);
  if (isFile(preferred)) out.push({ path: preferred, format: 'spec-runner' });
  try {
    for (const name of readdirSync(join(root, 'spec')).sort()) {
      const p = join(root, 'spec', name);
      if (/tasks\.md$/i.test(name) && p !== preferred && isFile(p)) out.push({ path: p, format: 'spec-runner' });
    }
  } catch {
    // no spec/ folder
  }
  const nested: [string, SpecFormat][] = [
    [join(root, '.kiro', 'specs'), 'kiro'],
    [join(root, 'specs'), 'spec-kit'],
    [join(root, 'openspec', 'changes'), 'openspec'],
  ];
  for (const [base, format] of nested) {
    for (const name of dirs(base)) {
      const p = join(base, name, 'tasks.md');
      if (isFile(p)) out.push({ path: p, format });
    }
  }
  return out;
}
