// The host's boundary check on what the report panel's page posts and on the state handed back
// after a reload: well-formed input comes back rebuilt with only its known fields, anything else
// is an error that names what was expected.
import assert from 'node:assert/strict';
import { parseReportMessage, parseReportPanelState } from '../../../src/protocol/parseReportMessage';
import type { ReportToHost } from '../../../src/protocol/reportMessages';

describe('parseReportMessage', () => {
  it('accepts each message type and keeps only its known fields', () => {
    const cases: [unknown, ReportToHost][] = [
      [{ type: 'ready' }, { type: 'ready' }],
      [{ type: 'ready', seq: 3 }, { type: 'ready' }],
      [{ type: 'open', file: '/ws/spec/tasks.md', line: 0 }, { type: 'open', file: '/ws/spec/tasks.md', line: 0 }],
      [{ type: 'open', file: 'C:\\ws\\spec\\requirements.md', line: 41, column: 3 }, { type: 'open', file: 'C:\\ws\\spec\\requirements.md', line: 41 }],
      [{ type: 'filter', milestone: null, uncoveredOnly: false }, { type: 'filter', milestone: null, uncoveredOnly: false }],
      [{ type: 'filter', milestone: 'Milestone 1: Core shortener', uncoveredOnly: true, x: 1 }, { type: 'filter', milestone: 'Milestone 1: Core shortener', uncoveredOnly: true }],
    ];
    for (const [input, expected] of cases) assert.deepEqual(parseReportMessage(input), { ok: true, value: expected }, JSON.stringify(input));
  });

  it('returns a new object, not the input', () => {
    const input = { type: 'open', file: '/a.md', line: 2, html: '<img src=x onerror=alert(1)>' };
    const out = parseReportMessage(input);
    assert.ok(out.ok);
    assert.notEqual(out.value, input);
    assert.deepEqual(Object.keys(out.value), ['type', 'file', 'line']);
  });

  it('rejects what is not an object, and unknown or inherited type names', () => {
    const cases: [unknown, string][] = [
      [undefined, 'expected a message object, got undefined'],
      [null, 'expected a message object, got null'],
      ['ready', 'expected a message object, got "ready"'],
      [[{ type: 'ready' }], 'expected a message object, got an array'],
      [{ type: 'snapshot' }, 'expected type to be one of ready, open, filter, got "snapshot"'],
      [{ type: 'openTask' }, 'expected type to be one of ready, open, filter, got "openTask"'],
      [{ type: '__proto__' }, 'expected type to be one of ready, open, filter, got "__proto__"'],
      [{ type: 'toString' }, 'expected type to be one of ready, open, filter, got "toString"'],
      [{}, 'expected type to be one of ready, open, filter, got undefined'],
    ];
    for (const [input, error] of cases) assert.deepEqual(parseReportMessage(input), { ok: false, error }, JSON.stringify(input));
  });

  it('rejects an open without a usable path or a whole, non-negative line', () => {
    const pathError = (got: string): string => `open: expected file to be a non-empty path of at most 4096 characters, got ${got}`;
    const lineError = (got: string): string => `open: expected line to be a whole number >= 0, got ${got}`;
    const cases: [unknown, string][] = [
      [{ type: 'open', line: 1 }, pathError('undefined')],
      [{ type: 'open', file: '', line: 1 }, pathError('""')],
      [{ type: 'open', file: 'a\0b', line: 1 }, pathError('"a\\u0000b"')],
      [{ type: 'open', file: 'x'.repeat(4097), line: 1 }, pathError('a string of 4097 characters')],
      [{ type: 'open', file: ['/a'], line: 1 }, pathError('an array')],
      [{ type: 'open', file: '/a', line: -1 }, lineError('-1')],
      [{ type: 'open', file: '/a', line: 1.5 }, lineError('1.5')],
      [{ type: 'open', file: '/a', line: '3' }, lineError('"3"')],
      [{ type: 'open', file: '/a', line: Number.NaN }, lineError('NaN')],
      [{ type: 'open', file: '/a' }, lineError('undefined')],
    ];
    for (const [input, error] of cases) assert.deepEqual(parseReportMessage(input), { ok: false, error }, JSON.stringify(input));
  });

  it('rejects a filter with a bad milestone or a non-boolean toggle', () => {
    const msError = (got: string): string => `filter: expected milestone to be null or a non-empty string of at most 1000 characters, got ${got}`;
    const cases: [unknown, string][] = [
      [{ type: 'filter', uncoveredOnly: false }, msError('undefined')],
      [{ type: 'filter', milestone: '', uncoveredOnly: false }, msError('""')],
      [{ type: 'filter', milestone: 3, uncoveredOnly: false }, msError('3')],
      [{ type: 'filter', milestone: 'm'.repeat(1001), uncoveredOnly: false }, msError('a string of 1001 characters')],
      [{ type: 'filter', milestone: null, uncoveredOnly: 'yes' }, 'filter: expected uncoveredOnly to be true or false, got "yes"'],
      [{ type: 'filter', milestone: null }, 'filter: expected uncoveredOnly to be true or false, got undefined'],
    ];
    for (const [input, error] of cases) assert.deepEqual(parseReportMessage(input), { ok: false, error }, JSON.stringify(input));
  });
});

describe('parseReportPanelState', () => {
  it('reads { file } and drops the rest', () => {
    assert.deepEqual(parseReportPanelState({ file: '/ws/spec/tasks.md', scroll: 4 }), { ok: true, value: { file: '/ws/spec/tasks.md' } });
  });

  it('names what it expected otherwise', () => {
    assert.deepEqual(parseReportPanelState(undefined), { ok: false, error: 'expected a report panel state object, got undefined' });
    assert.deepEqual(parseReportPanelState({ file: 7 }), { ok: false, error: 'expected file to be a non-empty path of at most 4096 characters, got 7' });
  });
});
