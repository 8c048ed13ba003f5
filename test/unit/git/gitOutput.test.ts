// The exact shapes git prints with -z and custom formats, parsed without a repository.
import assert from 'node:assert/strict';
import { parseGitVersion, parseLogZ, parseNumstatZ, parseStatusZ } from '../../../src/core/git/gitOutput';

describe('git output parsers', () => {
  it('parseStatusZ lists each path once, sorted, renames with both paths', () => {
    const out = ' M src/a.ts\0A  new file.txt\0?? z/untracked\0R  moved.ts\0orig.ts\0MM src/a.ts\0';
    assert.deepEqual(parseStatusZ(out), ['moved.ts', 'new file.txt', 'orig.ts', 'src/a.ts', 'z/untracked']);
    assert.deepEqual(parseStatusZ(''), []);
  });

  it('parseNumstatZ reads counts, binary files and rename records', () => {
    const out = '3\t1\tsrc/a.ts\0-\t-\timg.png\0' + '2\t0\t\0old name.ts\0new name.ts\0';
    assert.deepEqual(parseNumstatZ(out), [
      { path: 'src/a.ts', added: 3, removed: 1, binary: false },
      { path: 'img.png', added: 0, removed: 0, binary: true },
      { path: 'new name.ts', added: 2, removed: 0, binary: false },
    ]);
    assert.deepEqual(parseNumstatZ(''), []);
  });

  it('parseLogZ splits sha, subject and the whole message', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const out = `${a}\nfeat: one\nfeat: one\n\nbody TASK-1\n\0${b}\nsecond\nsecond\n\0`;
    assert.deepEqual(parseLogZ(out), [
      { sha: a, subject: 'feat: one', message: 'feat: one\n\nbody TASK-1\n' },
      { sha: b, subject: 'second', message: 'second\n' },
    ]);
  });

  it('parseGitVersion reads plain, Windows and Apple builds', () => {
    assert.deepEqual(parseGitVersion('git version 2.39.5\n'), [2, 39, 5]);
    assert.deepEqual(parseGitVersion('git version 2.45.1.windows.1\n'), [2, 45, 1]);
    assert.deepEqual(parseGitVersion('git version 2.37.1 (Apple Git-137.1)\n'), [2, 37, 1]);
    assert.deepEqual(parseGitVersion('git version 3.0\n'), [3, 0, 0]);
    assert.equal(parseGitVersion('not git'), null);
  });
});
