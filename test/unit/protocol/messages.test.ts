// The host's boundary check on webview messages and on the panel state handed back after a
// reload: well-formed input comes back rebuilt with only its known fields, anything else is null.
import assert from 'node:assert/strict';
import type { WebviewToHost } from '../../../src/protocol/messages';
import { parseTaskTarget, parseWebviewMessage } from '../../../src/protocol/parseWebviewMessage';

describe('parseWebviewMessage', () => {
  it('accepts each message type and keeps only its known fields', () => {
    const cases: [unknown, WebviewToHost][] = [
      [{ type: 'ready' }, { type: 'ready' }],
      [{ type: 'ready', extra: 1 }, { type: 'ready' }],
      [{ type: 'openTask', file: '/w/spec/tasks.md', line: 41 }, { type: 'openTask', file: '/w/spec/tasks.md', line: 41 }],
      [{ type: 'openTask', file: 'C:\\w\\spec\\tasks.md', line: 0, html: '<b>' }, { type: 'openTask', file: 'C:\\w\\spec\\tasks.md', line: 0 }],
      [{ type: 'revealTask', file: '/w/spec/tasks.md', id: 'TASK-002' }, { type: 'revealTask', file: '/w/spec/tasks.md', id: 'TASK-002' }],
      [{ type: 'revealTask', file: '/w/.kiro/specs/a/tasks.md', id: '2.1' }, { type: 'revealTask', file: '/w/.kiro/specs/a/tasks.md', id: '2.1' }],
      [{ type: 'openDefinition', file: '/w/spec/requirements.md', line: 7 }, { type: 'openDefinition', file: '/w/spec/requirements.md', line: 7 }],
    ];
    for (const [input, expected] of cases) assert.deepEqual(parseWebviewMessage(input), expected, JSON.stringify(input));
  });

  it('returns a new object, not the input', () => {
    const input = { type: 'openTask', file: '/w/spec/tasks.md', line: 3 };
    const out = parseWebviewMessage(input);
    assert.notEqual(out, input);
    assert.deepEqual(Object.keys(out ?? {}), ['type', 'file', 'line']);
  });

  it('rejects what is not an object with a known type', () => {
    for (const input of [undefined, null, 0, 'ready', true, [], [{ type: 'ready' }], {}, { type: 7 }, { type: 'Ready' },
      { type: 'snapshot', seq: 1 }, { type: 'toString' }, { type: 'constructor' }, { type: '__proto__' }, { kind: 'ready' }]) {
      assert.equal(parseWebviewMessage(input), null, JSON.stringify(input) ?? String(input));
    }
  });

  it('rejects openTask / openDefinition without a path and a whole, non-negative line', () => {
    for (const type of ['openTask', 'openDefinition']) {
      for (const bad of [
        { file: '/w/t.md' },
        { line: 1 },
        { file: '', line: 1 },
        { file: 42, line: 1 },
        { file: ['/w/t.md'], line: 1 },
        { file: '/w/t.md', line: -1 },
        { file: '/w/t.md', line: 1.5 },
        { file: '/w/t.md', line: '3' },
        { file: '/w/t.md', line: Number.NaN },
        { file: '/w/t.md', line: Number.POSITIVE_INFINITY },
        { file: '/w/t.md', line: 2 ** 53 },
        { file: '/w/t\0.md', line: 1 },
        { file: 'x'.repeat(4097), line: 1 },
      ]) {
        assert.equal(parseWebviewMessage({ type, ...bad }), null, `${type} ${JSON.stringify(bad)}`);
      }
    }
  });

  it('rejects revealTask without a path and an id', () => {
    for (const bad of [
      { file: '/w/t.md' },
      { id: 'TASK-001' },
      { file: '/w/t.md', id: '' },
      { file: '/w/t.md', id: 1 },
      { file: '/w/t.md', id: null },
      { file: null, id: 'TASK-001' },
      { file: '/w/t.md', id: 'T'.repeat(257) },
    ]) {
      assert.equal(parseWebviewMessage({ type: 'revealTask', ...bad }), null, JSON.stringify(bad));
    }
  });

  it('accepts the longest path and id it allows', () => {
    const file = `/${'x'.repeat(4095)}`;
    assert.deepEqual(parseWebviewMessage({ type: 'revealTask', file, id: 'T'.repeat(256) }), { type: 'revealTask', file, id: 'T'.repeat(256) });
  });
});

describe('parseTaskTarget', () => {
  it('reads back the state the webview saved', () => {
    assert.deepEqual(parseTaskTarget({ file: '/w/spec/tasks.md', id: 'TASK-003' }), { file: '/w/spec/tasks.md', id: 'TASK-003' });
    assert.deepEqual(parseTaskTarget({ file: '/w/spec/tasks.md', id: 'TASK-003', seq: 9 }), { file: '/w/spec/tasks.md', id: 'TASK-003' });
  });

  it('rejects a missing or malformed state', () => {
    for (const bad of [undefined, null, 'TASK-003', [], {}, { file: '/w/spec/tasks.md' }, { id: 'TASK-003' }, { file: '', id: 'TASK-003' }, { file: '/w/t.md', id: 3 }]) {
      assert.equal(parseTaskTarget(bad), null, JSON.stringify(bad) ?? String(bad));
    }
  });
});
