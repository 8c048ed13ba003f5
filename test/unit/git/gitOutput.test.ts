// The exact shapes git prints with -z and custom formats, parsed without a repository.
import assert from 'node:assert/strict';
import { parseGitVersion, parseLogZ, parseNumstatZ, parseStatusV2Z } from '../../../src/core/git/gitOutput';

describe('git output parsers', () => {
  it('parseStatusV2Z reads the branch and lists each changed path once, sorted, renames with both paths', () => {
    const h = 'a'.repeat(40);
    const out =
      `# branch.oid ${h}\0# branch.head task/T-1\0# branch.upstream origin/x\0# branch.ab +0 -0\0` +
      `1 .M N... 100644 100644 100644 ${h} ${h} src/a.ts\0` +
      `1 A. N... 000000 100644 100644 ${'0'.repeat(40)} ${h} new file.txt\0` +
      `2 R. N... 100644 100644 100644 ${h} ${h} R100 moved.ts\0orig.ts\0` +
      `u UU N... 100644 100644 100644 100644 ${h} ${h} ${h} both  spaces.ts\0` +
      '? z/untracked\0! ignored.log\0';
    assert.deepEqual(parseStatusV2Z(out), {
      branch: 'task/T-1',
      changed: ['both  spaces.ts', 'moved.ts', 'new file.txt', 'orig.ts', 'src/a.ts', 'z/untracked'],
    });
    assert.deepEqual(parseStatusV2Z('# branch.oid (initial)\0# branch.head main\0'), { branch: 'main', changed: [] });
    assert.deepEqual(parseStatusV2Z(`# branch.oid ${h}\0# branch.head (detached)\0`), { branch: 'HEAD', changed: [] });
    assert.deepEqual(parseStatusV2Z(''), { branch: null, changed: [] });
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
