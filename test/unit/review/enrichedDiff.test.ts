// The change reviewers read, from a real repository: uncommitted edits, new (untracked) files,
// binaries and earlier commits on the task branch against its base, counted per file and cut to
// a size without splitting a file.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepo } from '../../../src/core/git';
import type { GitPort } from '../../../src/core/git/gitPort';
import { enrichedDiff } from '../../../src/core/review/enrichedDiff';
import { makeDemoRepo, testConfig, type DemoRepo } from '../executor/demoRepo';

describe('enrichedDiff (real git)', function () {
  this.timeout(30_000);
  let repo: DemoRepo;
  afterEach(() => repo?.cleanup());

  async function git(): Promise<GitPort> {
    const r = await openRepo(repo.dir);
    if ('error' in r) throw new Error(r.error);
    return r;
  }

  it('counts the task branch against its base: commits on the branch and the working tree, untracked and binary files too', async () => {
    repo = makeDemoRepo(testConfig());
    repo.git('checkout', '-q', '-b', 'task/T');
    repo.write('README.md', 'changed on the branch\n');
    repo.git('commit', '-qam', 'wip');
    repo.write('src/new file.js', 'a\nb\n');
    writeFileSync(join(repo.dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    const r = await enrichedDiff(await git(), 'main');
    assert.ok(r.ok);
    if (!r.ok) return;
    const byPath = Object.fromEntries(r.value.files.map((f) => [f.path, [f.added, f.removed, f.binary, f.cut]]));
    assert.deepEqual(byPath['src/new file.js'], [2, 0, false, false]);
    assert.deepEqual(byPath['logo.png'], [0, 0, true, false]);
    assert.equal((byPath['README.md'] as unknown[])[0], 1);
    assert.equal((byPath['README.md'] as unknown[])[2], false);
    assert.equal(r.value.files.length, 3);
    assert.match(r.value.diff, /^\+changed on the branch$/m);
    assert.match(r.value.diff, /^diff --git a\/src\/new file\.js b\/src\/new file\.js$/m);
    // The user's index is untouched: the untracked file is still untracked.
    assert.match(repo.git('status', '--porcelain'), /^\?\? "?src\/new file\.js"?$/m);
  });

  it('without a branch reads the working tree against HEAD; a cap leaves whole files out and names them', async () => {
    repo = makeDemoRepo(testConfig());
    repo.write('a.txt', 'x\n'.repeat(10));
    repo.write('b.txt', 'y\n'.repeat(1000));
    repo.write('c.txt', 'z\n');
    const r = await enrichedDiff(await git(), null, 600);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.deepEqual(r.value.files.map((f) => [f.path, f.added, f.cut]), [['a.txt', 10, false], ['b.txt', 1000, true], ['c.txt', 1, false]]);
    assert.equal(r.value.added, 1011);
    assert.ok(!r.value.diff.includes('b.txt'));
    assert.ok(r.value.diff.includes('+z'));
  });

  it('no repository: an empty change; a bad base: an error value', async () => {
    const none = await enrichedDiff(null, 'main');
    assert.deepEqual(none, { ok: true, value: { files: [], diff: '', added: 0, removed: 0 } });
    repo = makeDemoRepo(testConfig());
    const bad = await enrichedDiff(await git(), 'no-such-branch');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.error, /^git diff against no-such-branch failed: /);
  });
});
