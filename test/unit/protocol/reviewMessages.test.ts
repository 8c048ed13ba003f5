// The review decisions the run panel's page posts are checked field by field: a bad one is an
// error naming what was expected, a good one comes back with only its known fields.
import * as assert from 'node:assert/strict';
import { isReviewMessage, MAX_REASON_CHARS, parseReviewMessage } from '../../../src/protocol/parseReviewMessage';

const HEADER = '@@ -1,3 +1,4 @@ function f()';

describe('parseReviewMessage', () => {
  it('takes approve with its task and attempt, dropping unknown fields', () => {
    assert.deepEqual(parseReviewMessage({ type: 'approve', taskId: 'TASK-001', attempt: 2, extra: '<script>' }), { ok: true, value: { type: 'approve', taskId: 'TASK-001', attempt: 2 } });
  });

  it('takes reject with reason, comments and hunks to revert', () => {
    const m = {
      type: 'reject',
      taskId: 'TASK-001',
      attempt: 1,
      reason: 'Validate the URL length',
      comments: [{ path: 'src/app.ts', hunk: 0, text: 'too long' }, { path: 'src/x.ts', hunk: null, text: 'rename it' }, { path: null, hunk: null, text: 'overall' }],
      revert: [{ path: 'src/app.ts', index: 1, header: HEADER }],
    };
    assert.deepEqual(parseReviewMessage(m), {
      ok: true,
      value: {
        type: 'reject',
        taskId: 'TASK-001',
        attempt: 1,
        reason: 'Validate the URL length',
        comments: [{ path: 'src/app.ts', hunk: 0, text: 'too long' }, { path: 'src/x.ts', hunk: null, text: 'rename it' }, { path: null, hunk: null, text: 'overall' }],
        revert: [{ path: 'src/app.ts', index: 1, header: HEADER }],
      },
    });
  });

  it('defaults missing comments and revert to none', () => {
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1, reason: 'no' }), { ok: true, value: { type: 'reject', taskId: 'T-1', attempt: 1, reason: 'no', comments: [], revert: [] } });
  });

  it('requires a reason to reject', () => {
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1, reason: '   ' }), { ok: false, error: 'reject: expected reason to be a non-empty string, got "   "' });
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1 }), { ok: false, error: 'reject: expected reason to be a non-empty string, got nothing' });
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1, reason: 'x'.repeat(MAX_REASON_CHARS + 1) }), { ok: false, error: `reject: expected reason of at most ${MAX_REASON_CHARS} characters, got ${MAX_REASON_CHARS + 1}` });
  });

  it('names the bad entry of a list', () => {
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1, reason: 'r', comments: [{ path: 'a', hunk: 0, text: 'ok' }, { path: null, hunk: 2, text: 'x' }] }), { ok: false, error: 'reject: comments[1]: a hunk comment needs its path' });
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1, reason: 'r', revert: [{ path: 'a', index: -1, header: HEADER }] }), { ok: false, error: 'reject: revert[0].index: expected a whole number >= 0, got -1' });
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1, reason: 'r', revert: [{ path: 'a', index: 0, header: 'not a hunk' }] }), { ok: false, error: 'reject: revert[0].header: expected a hunk header starting with @@, got "not a hunk"' });
    assert.deepEqual(parseReviewMessage({ type: 'reject', taskId: 'T-1', attempt: 1, reason: 'r', comments: 'all' }), { ok: false, error: 'reject: comments: expected an array, got "all"' });
  });

  it('checks the task id and attempt', () => {
    assert.deepEqual(parseReviewMessage({ type: 'approve', taskId: '', attempt: 1 }), { ok: false, error: 'approve: expected taskId to be a task id, got ""' });
    assert.deepEqual(parseReviewMessage({ type: 'approve', taskId: 'T-1', attempt: 0 }), { ok: false, error: 'approve: expected attempt to be a whole number >= 1, got 0' });
    assert.deepEqual(parseReviewMessage({ type: 'approve', taskId: 'T-1', attempt: 1.5 }), { ok: false, error: 'approve: expected attempt to be a whole number >= 1, got 1.5' });
  });

  it('takes skip and openDiff (one file or all)', () => {
    assert.deepEqual(parseReviewMessage({ type: 'skip', taskId: 'T-1' }), { ok: true, value: { type: 'skip', taskId: 'T-1' } });
    assert.deepEqual(parseReviewMessage({ type: 'openDiff', taskId: 'T-1', path: 'src/a.ts' }), { ok: true, value: { type: 'openDiff', taskId: 'T-1', path: 'src/a.ts' } });
    assert.deepEqual(parseReviewMessage({ type: 'openDiff', taskId: 'T-1' }), { ok: true, value: { type: 'openDiff', taskId: 'T-1', path: null } });
    assert.deepEqual(parseReviewMessage({ type: 'openDiff', taskId: 'T-1', path: 3 }), { ok: false, error: 'openDiff: expected path to be null or a file path, got 3' });
  });

  it('refuses what is not a review message', () => {
    assert.deepEqual(parseReviewMessage(null), { ok: false, error: 'expected a message object, got null' });
    assert.deepEqual(parseReviewMessage({ type: 'stop' }), { ok: false, error: 'expected type to be one of approve, reject, skip, openDiff, got "stop"' });
  });

  it('tells review messages from the run panel\'s', () => {
    assert.equal(isReviewMessage({ type: 'approve' }), true);
    assert.equal(isReviewMessage({ type: 'openDiff' }), true);
    assert.equal(isReviewMessage({ type: 'ready' }), false);
    assert.equal(isReviewMessage({ type: 'toString' }), false);
    assert.equal(isReviewMessage('approve'), false);
  });
});
