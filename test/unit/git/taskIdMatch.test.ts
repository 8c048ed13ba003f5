// A task's commits are those naming its id as a whole word: TASK-001 is not TASK-0012.
import assert from 'node:assert/strict';
import { mentionsTaskId } from '../../../src/core/git/taskIdMatch';

describe('mentionsTaskId', () => {
  const cases: readonly (readonly [string, string, boolean])[] = [
    ['TASK-001: add login', 'TASK-001', true],
    ['feat(TASK-001): add login', 'TASK-001', true],
    ['Refs TASK-001.', 'TASK-001', true],
    ['subject\n\nImplements TASK-001', 'TASK-001', true],
    ["Merge branch 'task/TASK-001-add-login'", 'TASK-001', true],
    ['TASK-0012: other task', 'TASK-001', false],
    ['XTASK-001 is not it', 'TASK-001', false],
    ['TASK-001_b', 'TASK-001', false],
    ['TASK-001.5 follow-up', 'TASK-001', false],
    ['task-001 lower case', 'TASK-001', false],
    ['TASK-0012 then TASK-001', 'TASK-001', true],
    ['1.1: first', '1.1', true],
    ['1.1.2: nested', '1.1', false],
    ['2.1.1: nested', '1.1', false],
    ['v1.1 release', '1.1', false],
    ['T1 done', 'T1', true],
    ['T10 done', 'T1', false],
    ['anything', '', false],
  ];

  for (const [message, id, expected] of cases) {
    it(`${JSON.stringify(message)} ${expected ? 'names' : 'does not name'} ${id || '(empty id)'}`, () => {
      assert.equal(mentionsTaskId(message, id), expected);
    });
  }
});
