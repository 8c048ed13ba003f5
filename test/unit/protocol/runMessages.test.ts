// The host's boundary check on what the run panel's page posts and on the state handed back after a
// reload: well-formed input comes back rebuilt with only its known fields, anything else is an
// error that names what was expected.
import assert from 'node:assert/strict';
import type { RunToHost } from '../../../src/protocol/runMessages';
import { MAX_COPY_CHARS, parseRunMessage, parseRunPanelState } from '../../../src/protocol/parseRunMessage';

describe('parseRunMessage', () => {
  it('accepts each message type and keeps only its known fields', () => {
    const cases: [unknown, RunToHost][] = [
      [{ type: 'ready' }, { type: 'ready' }],
      [{ type: 'ready', seq: 4 }, { type: 'ready' }],
      [{ type: 'stop', taskId: 'TASK-009' }, { type: 'stop' }],
      [{ type: 'openLog', file: '/etc/passwd' }, { type: 'openLog' }],
      [{ type: 'revealTask', id: 'x' }, { type: 'revealTask' }],
      [{ type: 'resync', lastSeq: 0 }, { type: 'resync', lastSeq: 0 }],
      [{ type: 'resync', lastSeq: 41, extra: true }, { type: 'resync', lastSeq: 41 }],
      [{ type: 'copy', text: '' }, { type: 'copy', text: '' }],
      [{ type: 'copy', text: '<script>alert(1)</script>', html: '<b>' }, { type: 'copy', text: '<script>alert(1)</script>' }],
    ];
    for (const [input, expected] of cases) assert.deepEqual(parseRunMessage(input), { ok: true, value: expected }, JSON.stringify(input));
  });

  it('returns a new object, not the input', () => {
    const input = { type: 'copy', text: 'a' };
    const out = parseRunMessage(input);
    assert.ok(out.ok);
    assert.notEqual(out.value, input);
    assert.deepEqual(Object.keys(out.value), ['type', 'text']);
  });

  it('rejects what is not an object, naming what it expected', () => {
    const cases: [unknown, string][] = [
      [undefined, 'expected a message object, got undefined'],
      [null, 'expected a message object, got null'],
      [7, 'expected a message object, got 7'],
      ['ready', 'expected a message object, got "ready"'],
      [[{ type: 'ready' }], 'expected a message object, got an array'],
    ];
    for (const [input, error] of cases) assert.deepEqual(parseRunMessage(input), { ok: false, error }, String(input));
  });

  it('rejects unknown and inherited type names', () => {
    const expected = 'expected type to be one of ready, stop, openLog, revealTask, resync, copy';
    for (const [type, got] of [
      [undefined, 'undefined'], [7, '7'], ['Ready', '"Ready"'], ['snapshot', '"snapshot"'], ['openTask', '"openTask"'],
      ['toString', '"toString"'], ['constructor', '"constructor"'], ['__proto__', '"__proto__"'], ['hasOwnProperty', '"hasOwnProperty"'],
    ] as const) {
      assert.deepEqual(parseRunMessage({ type }), { ok: false, error: `${expected}, got ${got}` }, String(type));
    }
    assert.deepEqual(parseRunMessage({ kind: 'ready' }), { ok: false, error: `${expected}, got undefined` });
  });

  it('rejects a resync without a whole, non-negative lastSeq', () => {
    for (const [lastSeq, got] of [[undefined, 'undefined'], [-1, '-1'], [1.5, '1.5'], ['3', '"3"'], [Number.NaN, 'NaN'], [2 ** 53, String(2 ** 53)], [null, 'null']] as const) {
      assert.deepEqual(parseRunMessage({ type: 'resync', lastSeq }), { ok: false, error: `resync: expected lastSeq to be a whole number >= 0, got ${got}` });
    }
  });

  it('rejects a copy that is not a string or is too long', () => {
    assert.deepEqual(parseRunMessage({ type: 'copy' }), { ok: false, error: 'copy: expected text to be a string, got undefined' });
    assert.deepEqual(parseRunMessage({ type: 'copy', text: ['a'] }), { ok: false, error: 'copy: expected text to be a string, got an array' });
    assert.deepEqual(parseRunMessage({ type: 'copy', text: { toString: 'x' } }), { ok: false, error: 'copy: expected text to be a string, got an object' });
    const long = 'x'.repeat(MAX_COPY_CHARS + 1);
    assert.deepEqual(parseRunMessage({ type: 'copy', text: long }), {
      ok: false,
      error: `copy: expected text of at most ${MAX_COPY_CHARS} characters, got ${MAX_COPY_CHARS + 1}`,
    });
    assert.equal(parseRunMessage({ type: 'copy', text: 'x'.repeat(MAX_COPY_CHARS) }).ok, true);
  });
});

describe('parseRunPanelState', () => {
  it('reads the persisted task id and title', () => {
    assert.deepEqual(parseRunPanelState({ taskId: 'TASK-003', title: 'POST /links endpoint' }), {
      ok: true,
      value: { taskId: 'TASK-003', title: 'POST /links endpoint' },
    });
    assert.deepEqual(parseRunPanelState({ taskId: '2.1', title: 'Sessions', seq: 9 }), { ok: true, value: { taskId: '2.1', title: 'Sessions' } });
  });

  it('falls back to the id when the title is missing or odd', () => {
    for (const title of [undefined, '', 42, 'x'.repeat(1001), 'a\0b']) {
      assert.deepEqual(parseRunPanelState({ taskId: 'T001', title }), { ok: true, value: { taskId: 'T001', title: 'T001' } }, String(title));
    }
  });

  it('rejects a state without a usable task id', () => {
    const expected = 'expected taskId to be a non-empty string of at most 256 characters, got';
    assert.deepEqual(parseRunPanelState(undefined), { ok: false, error: 'expected a run panel state object, got undefined' });
    assert.deepEqual(parseRunPanelState({ file: '/w/spec/tasks.md', id: 'TASK-001' }), { ok: false, error: `${expected} undefined` });
    assert.deepEqual(parseRunPanelState({ taskId: '' }), { ok: false, error: `${expected} ""` });
    assert.deepEqual(parseRunPanelState({ taskId: 7 }), { ok: false, error: `${expected} 7` });
    assert.deepEqual(parseRunPanelState({ taskId: 'x'.repeat(257) }), { ok: false, error: `${expected} a string of 257 characters` });
    assert.deepEqual(parseRunPanelState({ taskId: 'T\0' }), { ok: false, error: `${expected} "T\\u0000"` });
  });
});
