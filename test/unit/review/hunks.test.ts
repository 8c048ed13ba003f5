// The review's files and hunks on real git diffs: parsing (statuses, counts, exact hunk rows),
// a patch of chosen hunks, reverting one hunk of a multi-hunk file on a real branch, a stale
// hunk refused with nothing changed, and a file read at a revision.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { html, parse } from 'diff2html';
import { openRepo } from '../../../src/core/git';
import type { GitPort } from '../../../src/core/git/gitPort';
import { findHunk, hunkPatch, quoteComments, revertHunks, reviewFiles } from '../../../src/core/review/hunks';

const LETTERS = 'abcdefghijklmn'.split('').join('\n') + '\n';

describe('review hunks (real git)', function () {
  this.timeout(30_000);
  let dir: string;
  let git: GitPort;
  const sh = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'specpilot-hunks-'));
    sh('init', '-q', '-b', 'main');
    sh('config', 'user.name', 'Test');
    sh('config', 'user.email', 'test@example.com');
    writeFileSync(join(dir, 'f.txt'), LETTERS);
    writeFileSync(join(dir, 'gone.txt'), 'x\n');
    writeFileSync(join(dir, 'tail.txt'), 'one\ntwo');
    sh('add', '-A');
    sh('commit', '-qm', 'base');
    sh('checkout', '-qb', 'task/T-1');
    writeFileSync(join(dir, 'f.txt'), LETTERS.replace('a\n', 'A\n').replace('n\n', 'N\nnew\n'));
    unlinkSync(join(dir, 'gone.txt'));
    writeFileSync(join(dir, 'new.txt'), 'hi\n');
    writeFileSync(join(dir, 'tail.txt'), 'one\nTWO');
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([0, 1, 2, 0]));
    sh('add', '-A');
    sh('commit', '-qm', 'T-1: candidate');
    const repo = await openRepo(dir);
    assert.ok(!('error' in repo));
    git = repo as GitPort;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses files, statuses, +/- counts and exact hunk rows (no-newline markers kept)', async () => {
    const files = reviewFiles(await git.diff('main', 'task/T-1'));
    assert.deepEqual(
      files.map((f) => [f.path, f.oldPath, f.status, f.added, f.removed, f.hunks.length]),
      [
        ['bin.dat', null, 'binary', 0, 0, 0],
        ['f.txt', null, 'modified', 3, 2, 2],
        ['gone.txt', null, 'deleted', 0, 1, 1],
        ['new.txt', null, 'added', 1, 0, 1],
        ['tail.txt', null, 'modified', 1, 1, 1],
      ],
    );
    const f = files[1]!;
    assert.deepEqual(f.hunks[0], { index: 0, header: '@@ -1,4 +1,4 @@', oldStart: 1, oldLines: 4, newStart: 1, newLines: 4, lines: ['-a', '+A', ' b', ' c', ' d'] });
    assert.deepEqual(f.hunks[1], { index: 1, header: '@@ -11,4 +11,5 @@ j', oldStart: 11, oldLines: 4, newStart: 11, newLines: 5, lines: [' k', ' l', ' m', '-n', '+N', '+new'] });
    assert.deepEqual(files[4]!.hunks[0]!.lines, [' one', '-two', '\\ No newline at end of file', '+TWO', '\\ No newline at end of file']);
    assert.deepEqual(files[2]!.hunks[0], { index: 0, header: '@@ -1 +0,0 @@', oldStart: 1, oldLines: 1, newStart: 0, newLines: 0, lines: ['-x'] });
    assert.deepEqual(reviewFiles(''), []);
  });

  it('cuts a patch of chosen hunks with the file header', async () => {
    const f = reviewFiles(await git.diff('main', 'task/T-1'))[1]!;
    const patch = hunkPatch(f, [1]);
    assert.match(patch, /^diff --git a\/f\.txt b\/f\.txt\nindex [0-9a-f]+\.\.[0-9a-f]+ 100644\n--- a\/f\.txt\n\+\+\+ b\/f\.txt\n@@ -11,4 \+11,5 @@ j\n k\n l\n m\n-n\n\+N\n\+new\n$/);
    assert.throws(() => hunkPatch(f, [5]), /f\.txt has no hunk #6 \(it has 2\)/);
  });

  it('reverts one hunk of a multi-hunk file (and a no-newline hunk) on the branch and commits it', async () => {
    const files = reviewFiles(await git.diff('main', 'task/T-1'));
    const before = sh('rev-parse', 'HEAD').trim();
    const r = await revertHunks(git, files, [
      { path: 'f.txt', index: 1, header: '@@ -11,4 +11,5 @@ j' },
      { path: 'tail.txt', index: 0, header: '@@ -1,2 +1,2 @@' },
    ], 'T-1');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(readFileSync(join(dir, 'f.txt'), 'utf8'), LETTERS.replace('a\n', 'A\n'));
    assert.equal(readFileSync(join(dir, 'tail.txt'), 'utf8'), 'one\ntwo');
    assert.equal(sh('status', '--porcelain'), '');
    assert.equal(sh('rev-parse', 'HEAD~1').trim(), before);
    assert.equal(r.value.sha, sh('rev-parse', 'HEAD').trim());
    assert.equal(
      sh('log', '-1', '--format=%B'),
      'Revert rejected hunks of T-1\n\nA person rejected these hunks in review:\n- f.txt #2 @@ -11,4 +11,5 @@ j\n- tail.txt #1 @@ -1,2 +1,2 @@\n\n',
    );
    // What is left of the candidate: the first hunk of f.txt only, and the other files.
    const after = reviewFiles(await git.diff('main', 'task/T-1'));
    assert.deepEqual(after.map((f) => [f.path, f.hunks.map((h) => h.header)]), [
      ['bin.dat', []],
      ['f.txt', ['@@ -1,4 +1,4 @@']],
      ['gone.txt', ['@@ -1 +0,0 @@']],
      ['new.txt', ['@@ -0,0 +1 @@']],
    ]);
  });

  it('refuses a stale or unknown hunk and changes nothing', async () => {
    const files = reviewFiles(await git.diff('main', 'task/T-1'));
    const head = sh('rev-parse', 'HEAD').trim();
    const stale = await revertHunks(git, files, [{ path: 'f.txt', index: 1, header: '@@ -11,4 +11,6 @@ j' }], 'T-1');
    assert.deepEqual(stale, {
      ok: false,
      error: 'f.txt hunk #2 changed since it was reviewed (expected "@@ -11,4 +11,6 @@ j", found "@@ -11,4 +11,5 @@ j"): review the task again',
    });
    assert.deepEqual(findHunk(files, { path: 'nope.txt', index: 0, header: '' }), { ok: false, error: 'nope.txt is not among the changed files of this review' });
    assert.deepEqual(findHunk(files, { path: 'bin.dat', index: 0, header: '' }), { ok: false, error: 'bin.dat is a binary file: it has no hunks to name' });
    assert.deepEqual(findHunk(files, { path: 'f.txt', index: 2, header: '' }), { ok: false, error: 'f.txt has no hunk #3 (it has 2)' });
    assert.equal(sh('rev-parse', 'HEAD').trim(), head);
    assert.equal(sh('status', '--porcelain'), '');
  });

  it('quotes comments with the hunk they are on', async () => {
    const files = reviewFiles(await git.diff('main', 'task/T-1'));
    assert.deepEqual(quoteComments(files, [{ path: null, hunk: null, text: 'overall' }, { path: 'f.txt', hunk: 0, text: 'why upper case?' }]), {
      ok: true,
      value: [
        { path: null, hunk: null, text: 'overall', header: null, hunkText: null },
        { path: 'f.txt', hunk: 0, text: 'why upper case?', header: '@@ -1,4 +1,4 @@', hunkText: '-a\n+A\n b\n c\n d' },
      ],
    });
    assert.deepEqual(quoteComments(files, [{ path: 'f.txt', hunk: 9, text: 'x' }]), { ok: false, error: 'f.txt has no hunk #10 (it has 2)' });
    assert.deepEqual(quoteComments(files, [{ path: null, hunk: null, text: '  ' }]), { ok: false, error: 'expected a comment text, got an empty one' });
  });

  it('reads a file at a revision (null where it does not exist)', async () => {
    assert.equal(await git.show('main', 'f.txt'), LETTERS);
    assert.equal(await git.show('main', 'new.txt'), null);
    assert.equal(await git.show('task/T-1', 'new.txt'), 'hi\n');
    await assert.rejects(git.show('main', '../etc/passwd'), /expected a repository-relative path/);
  });

  it("diff2html's html() renders a hostile diff as text", () => {
    const diff = 'diff --git a/x.html b/x.html\n--- a/x.html\n+++ b/x.html\n@@ -1 +1 @@\n-<p>old</p>\n+<img src=x onerror=alert(1)>\n';
    const out = html(parse(diff));
    assert.ok(!out.includes('<img src=x onerror=alert(1)>'));
    assert.ok(!/<img/i.test(out));
    // Word-level highlighting wraps the changed words, with the angle brackets escaped around them.
    assert.ok(out.includes('&lt;<ins>img src=x onerror=alert(1)</ins>&gt;'), out);
  });
});
