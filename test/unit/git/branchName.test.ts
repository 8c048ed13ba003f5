// Task branch names from user-edited ids and titles: exact slugs (unicode, long, hostile) and a
// validity check that agrees with `git check-ref-format --branch` itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { branchSafeId, isValidBranchName, slugify, taskBranchName } from '../../../src/core/git/branchName';
import { useGitSandbox } from './gitFixture';

describe('slugify', () => {
  it('lower-cases ASCII and collapses every other run to one dash', () => {
    assert.equal(slugify('Add Login Page'), 'add-login-page');
    assert.equal(slugify('  --Fix: the   API (v2)!!  '), 'fix-the-api-v2');
    assert.equal(slugify('snake_case and CamelCase'), 'snake-case-and-camelcase');
  });

  it('drops accents and folds compatibility forms to ASCII', () => {
    assert.equal(slugify('Créer l’écran de connexion'), 'creer-l-ecran-de-connexion');
    assert.equal(slugify('İstanbul Straße'), 'istanbul-stra-e');
    assert.equal(slugify('ＡＢＣ ﬁle'), 'abc-file');
  });

  it('gives an empty slug for a title of emoji or CJK only', () => {
    assert.equal(slugify('🚀🔥'), '');
    assert.equal(slugify('添加登录页面'), '');
    assert.equal(slugify('ログイン 🚀'), '');
  });

  it('keeps ASCII parts of mixed titles', () => {
    assert.equal(slugify('添加 login 页面 v2'), 'login-v2');
  });

  it('cuts at 40 characters and never ends in a dash', () => {
    const slug = slugify('Implement the very long feature title that goes on and on forever');
    assert.equal(slug, 'implement-the-very-long-feature-title-th');
    assert.equal(slug.length, 40);
    // Character 40 is a dash here: it is trimmed, not kept.
    assert.equal(slugify('abcdefghij abcdefghij abcdefghij abcdefgh xyz'), 'abcdefghij-abcdefghij-abcdefghij-abcdefg');
    assert.equal(slugify('abcdefghij abcdefghij abcdefghij abcdefg xyz'), 'abcdefghij-abcdefghij-abcdefghij-abcdefg');
  });

  it('turns hostile titles into plain words', () => {
    assert.equal(slugify('$(rm -rf ~)'), 'rm-rf');
    assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
    assert.equal(slugify('feat: a; b'), 'feat-a-b');
    assert.equal(slugify('`touch /tmp/pwned` && echo | cat'), 'touch-tmp-pwned-echo-cat');
    assert.equal(slugify('@{-1}..HEAD~2^:*?[x]\\.lock'), '1-head-2-x-lock');
    assert.equal(slugify('line\nbreak\ttab\0nul'), 'line-break-tab-nul');
  });
});

describe('taskBranchName', () => {
  it('is task/<ID>-<slug>, or task/<ID> when the title has no ASCII', () => {
    assert.equal(taskBranchName('TASK-001', 'Add login page'), 'task/TASK-001-add-login-page');
    assert.equal(taskBranchName('1.2', 'Wire the API'), 'task/1.2-wire-the-api');
    assert.equal(taskBranchName('T007', '🚀'), 'task/T007');
    assert.equal(taskBranchName('TASK-002', '添加登录页面'), 'task/TASK-002');
  });

  it('makes hostile ids safe ref components', () => {
    assert.equal(branchSafeId('TASK-001'), 'TASK-001');
    assert.equal(branchSafeId('../x'), 'x');
    assert.equal(branchSafeId('a..b'), 'a.b');
    assert.equal(branchSafeId('$(rm -rf ~)'), 'rm-rf');
    assert.equal(branchSafeId('x.lock'), 'x-lock');
    assert.equal(branchSafeId('-v'), 'v');
    assert.equal(branchSafeId('🚀'), 'id-0a858ab8');
    assert.equal(taskBranchName('x.lock', '🚀'), 'task/x-lock');
  });
});

describe('isValidBranchName agrees with git check-ref-format --branch', () => {
  const sandbox = useGitSandbox();

  const gitSays = (cwd: string, name: string): boolean =>
    spawnSync('git', ['check-ref-format', '--branch', name], { cwd, stdio: 'ignore' }).status === 0;

  const hostileTitles = [
    '$(rm -rf ~)',
    '../../etc',
    'feat: a; b',
    '`id`',
    '; rm -rf / #',
    '--force',
    '@{-1}',
    'a'.repeat(300),
    'HEAD',
    '.hidden',
    'x.lock',
    'ends with dot.',
    'Ünïcödé ✓ 中文',
  ];

  const names = [
    'main',
    'task/TASK-001-add-login',
    'task/1.2-x',
    'a/b/c',
    'feature/ü',
    'a./b',
    '',
    '-x',
    'HEAD',
    'a@{b',
    'a@b',
    'a..b',
    'a//b',
    '/a',
    'a/',
    'a.',
    '.a',
    'a/.b',
    'a.lock',
    'a.lock/b',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    'a\tb',
    'a\u007fb',
    'task/x-lock',
  ];

  it('on tricky names', async () => {
    const { dir } = await sandbox.repo();
    for (const name of names) assert.equal(isValidBranchName(name), gitSays(dir, name), JSON.stringify(name));
  });

  it('refuses @, which git accepts as a name but reads as HEAD in every revision argument', async () => {
    const { git } = await sandbox.repo();
    assert.equal(git('check-ref-format', '--branch', '@'), '@\n');
    assert.equal(isValidBranchName('@'), false);
  });

  it('task branch names of hostile ids and titles are valid for git', async () => {
    const { dir } = await sandbox.repo();
    for (const title of hostileTitles) {
      for (const id of ['TASK-001', title]) {
        const name = taskBranchName(id, title);
        assert.ok(isValidBranchName(name), name);
        assert.ok(gitSays(dir, name), `git refuses ${JSON.stringify(name)}`);
        assert.match(name, /^task\/[A-Za-z0-9._-]+$/);
      }
    }
  });
});
