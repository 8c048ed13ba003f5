// Specpilot's own edits to the task file (the task's status, its ticked checklist items) are left
// out of the diff the reviewers read, on real `git diff` output: the file is dropped when they are
// its only changes, and otherwise the rest stays a valid patch of the working tree.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planStatus } from '../../../src/core/executor/taskFileWriter';
import { enrichDiffText } from '../../../src/core/review/enrichedDiff';
import { dropOwnChanges, type OwnTaskFile } from '../../../src/core/review/ownChanges';

const TASKS = [
  '## Milestone 1: Links',
  '',
  '### TASK-001: Short code generator',
  '🔴 P0 | ⬜ TODO | Est: 1d',
  '',
  'Generate short codes.',
  '',
  '**Checklist:**',
  '- [ ] Generate a code',
  '- [ ] Reject collisions',
  '',
  '**Traces to:** [REQ-001]',
  '',
  '### TASK-002: Redirect',
  '🟠 P1 | ⬜ TODO | Est: 1d',
  '',
  '**Checklist:**',
  '- [ ] Redirect to the long URL',
  '',
].join('\n');

describe('dropOwnChanges (real git diff)', function () {
  this.timeout(30_000);
  let dir: string;
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@e', ...args], { cwd: dir, encoding: 'utf8' });
  const file = (): string => join(dir, 'spec', 'tasks.md');
  const own = (text: string): OwnTaskFile => ({ path: 'spec/tasks.md', file: file(), format: 'spec-runner', taskId: 'TASK-001', text });
  /** Specpilot's write: what the executor does at attempt 1 (and at done, with checkAll). */
  const specpilot = (text: string, status: 'in_progress' | 'done', checkAll = false): string => {
    const r = planStatus(text, file(), 'spec-runner', 'TASK-001', status, checkAll);
    assert.ok(r.ok);
    return r.text;
  };
  const change = (text: string, extra = true): { diff: string; text: string } => {
    writeFileSync(file(), text);
    if (extra) writeFileSync(join(dir, 'src.js'), 'module.exports = 2;\n');
    return { diff: git('diff', '--no-color', '--no-ext-diff', '--no-renames', 'HEAD'), text };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'specpilot-own-'));
    git('init', '-q', '-b', 'main');
    execFileSync('mkdir', ['-p', join(dir, 'spec')]);
    writeFileSync(file(), TASKS);
    writeFileSync(join(dir, 'src.js'), 'module.exports = 1;\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drops the task file when its status (and ticks) are its only changes', () => {
    const { diff, text } = change(specpilot(TASKS, 'in_progress'));
    assert.match(diff, /^-🔴 P0 \| ⬜ TODO \| Est: 1d$/m);
    const out = dropOwnChanges(diff, own(text));
    assert.equal(out, diff.slice(diff.indexOf('diff --git a/src.js')));
    assert.deepEqual(enrichDiffText(out).files.map((f) => [f.path, f.added, f.removed]), [['src.js', 1, 1]]);
    // Ticked items of the task (done with checkAll) too.
    const done = change(specpilot(TASKS, 'done', true), false);
    assert.equal(dropOwnChanges(done.diff, own(done.text)), diff.slice(diff.indexOf('diff --git a/src.js')));
  });

  it('keeps the agent\'s own edits of the task file, as a patch that still applies', () => {
    const edited = specpilot(TASKS, 'in_progress')
      .replace('Generate short codes.', 'Generate short codes (base62).')
      .replace('- [ ] Redirect to the long URL', '- [x] Redirect to the long URL');
    const { diff, text } = change(edited);
    const out = dropOwnChanges(diff, own(text));
    const taskChunk = out.slice(0, out.indexOf('diff --git a/src.js'));
    // The status line is context now; the description and the other task's tick are changes.
    assert.equal(
      taskChunk.slice(taskChunk.indexOf('@@')),
      [
        '@@ -1,9 +1,9 @@',
        ' ## Milestone 1: Links',
        ' ',
        ' ### TASK-001: Short code generator',
        ' 🔴 P0 | 🔄 IN_PROGRESS | Est: 1d',
        ' ',
        '-Generate short codes.',
        '+Generate short codes (base62).',
        ' ',
        ' **Checklist:**',
        ' - [ ] Generate a code',
        '@@ -15,4 +15,4 @@ Generate short codes.',
        ' 🟠 P1 | ⬜ TODO | Est: 1d',
        ' ',
        ' **Checklist:**',
        '-- [ ] Redirect to the long URL',
        '+- [x] Redirect to the long URL',
        '',
      ].join('\n'),
    );
    assert.deepEqual(enrichDiffText(out).files.map((f) => [f.path, f.added, f.removed]), [['spec/tasks.md', 2, 2], ['src.js', 1, 1]]);
    // Still a true patch of the working tree: it reverses cleanly.
    writeFileSync(join(dir, 'out.patch'), out);
    git('apply', '--check', '-R', 'out.patch');
  });

  it('splits a block where the agent changed the line next to the status line', () => {
    const edited = specpilot(TASKS, 'in_progress').replace('### TASK-001: Short code generator', '### TASK-001: Short code generator (v2)');
    const { diff, text } = change(edited, false);
    const out = dropOwnChanges(diff, own(text));
    assert.match(diff, /^-### TASK-001: Short code generator\n-🔴 P0 \| ⬜ TODO \| Est: 1d\n\+### TASK-001: Short code generator \(v2\)\n\+🔴 P0 \| 🔄 IN_PROGRESS \| Est: 1d$/m);
    assert.equal(
      out.slice(out.indexOf('@@')),
      [
        '@@ -1,7 +1,7 @@',
        ' ## Milestone 1: Links',
        ' ',
        '-### TASK-001: Short code generator',
        '+### TASK-001: Short code generator (v2)',
        ' 🔴 P0 | 🔄 IN_PROGRESS | Est: 1d',
        ' ',
        ' Generate short codes.',
        ' ',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'out.patch'), out);
    git('apply', '--check', '-R', 'out.patch');
  });

  it('leaves the diff alone when the task file is not in it, is new, or the task is gone', () => {
    writeFileSync(join(dir, 'src.js'), 'module.exports = 3;\n');
    const only = git('diff', '--no-color', 'HEAD');
    assert.equal(dropOwnChanges(only, own(TASKS)), only);
    const { diff, text } = change(specpilot(TASKS, 'in_progress'));
    assert.equal(dropOwnChanges(diff, { ...own(text), taskId: 'TASK-404' }), diff);
    // The diff and the file disagree (the file changed since): shown as it is.
    assert.equal(dropOwnChanges(diff, own(text.replace('Generate short codes.', 'other'))), diff);
  });
});
