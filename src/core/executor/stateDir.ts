// Where a task file's run state lives: spec/.specpilot/ beside spec-runner's spec/tasks.md, and a
// folder of its own under it for any other task file, so two task files never share a store.
import { join, relative } from 'node:path';

export function stateDirFor(root: string, tasksFile: string): string {
  const base = join(root, 'spec', '.specpilot');
  const rel = relative(root, tasksFile).replace(/\\/g, '/');
  if (rel === 'spec/tasks.md') return base;
  const slug = rel.replace(/\.md$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return join(base, slug || 'tasks');
}
