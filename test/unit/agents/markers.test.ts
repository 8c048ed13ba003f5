// Completion markers and review verdicts count as whole lines only; several of them resolve by one
// total order (blocked > failed > complete; failed > fixed > passed) and the reason is exact.
import assert from 'node:assert/strict';
import { parseMarkers, parseReviewVerdict, signalWord } from '../../../src/core/agents/markers';
import type { MarkerResult } from '../../../src/core/agents/types';

const m = (marker: MarkerResult['marker'], reason = ''): MarkerResult => ({ marker, reason });

describe('parseMarkers', () => {
  const cases: [string, string, MarkerResult][] = [
    ['a bare marker', 'TASK_COMPLETE', m('complete')],
    ['a marker after text', 'Done the work.\n\nTASK_COMPLETE\n', m('complete')],
    ['indentation and trailing blanks', '  \tTASK_COMPLETE \t', m('complete')],
    ['a failure reason', 'TASK_FAILED: tests do not pass', m('failed', 'tests do not pass')],
    ['a reason without a space and with trailing blanks', 'TASK_BLOCKED:needs the API key  ', m('blocked', 'needs the API key')],
    ['a space before the colon', 'TASK_FAILED : flaky', m('failed', 'flaky')],
    ['an empty reason', 'TASK_FAILED:', m('failed', '')],
    ['a reason on COMPLETE', 'TASK_COMPLETE: all green', m('complete', 'all green')],
    ['CRLF line endings', 'work\r\nTASK_BLOCKED: waiting\r\n', m('blocked', 'waiting')],
    ['a lone CR line ending', 'work\rTASK_COMPLETE\r', m('complete')],
    ['no marker', 'I changed two files.', m(null)],
    ['empty text', '', m(null)],
    ['a marker inside a sentence', 'I will print TASK_COMPLETE later', m(null)],
    ['a marker followed by words', 'TASK_COMPLETE and then some', m(null)],
    ['a longer word', 'TASK_COMPLETED', m(null)],
    ['lower case', 'task_complete', m(null)],
    ['markdown emphasis', '**TASK_COMPLETE**', m(null)],
    ['inline code', '`TASK_FAILED: x`', m(null)],
    ['a quoted instruction', '> TASK_BLOCKED: reason', m(null)],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: ${JSON.stringify(text)}`, () => assert.deepEqual(parseMarkers(text), expected));
  }

  it('ranks blocked over failed over complete, in any order', () => {
    const lines = ['TASK_COMPLETE', 'TASK_FAILED: f', 'TASK_BLOCKED: b'];
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const order of orders) {
      const text = order.map((i) => lines[i]).join('\n');
      assert.deepEqual(parseMarkers(text), m('blocked', 'b'), text);
    }
    assert.deepEqual(parseMarkers('TASK_FAILED: f\nTASK_COMPLETE'), m('failed', 'f'));
    assert.deepEqual(parseMarkers('TASK_COMPLETE\nTASK_FAILED: f'), m('failed', 'f'));
  });

  it('takes the reason of the last line of the winning marker', () => {
    assert.deepEqual(parseMarkers('TASK_FAILED: first try\nretrying\nTASK_FAILED: second try\nTASK_COMPLETE'), m('failed', 'second try'));
  });

  it('ignores a lower-ranked marker that comes later', () => {
    assert.deepEqual(parseMarkers('TASK_BLOCKED: no access\nTASK_COMPLETE: anyway'), m('blocked', 'no access'));
  });
});

describe('parseReviewVerdict', () => {
  const cases: [string, string | null][] = [
    ['REVIEW_PASSED', 'passed'],
    ['Looks good.\n  REVIEW_FIXED: renamed a variable\n', 'fixed'],
    ['REVIEW_FAILED: missing tests', 'failed'],
    ['REVIEW_PASSED\r\n', 'passed'],
    ['REVIEW_PASSED\nREVIEW_FIXED', 'fixed'],
    ['REVIEW_FIXED\nREVIEW_PASSED', 'fixed'],
    ['REVIEW_FAILED\nREVIEW_PASSED\nREVIEW_FIXED', 'failed'],
    ['I would say REVIEW_PASSED', null],
    ['REVIEW_PASSED!', null],
    ['REVIEW_PASS', null],
    ['TASK_COMPLETE', null],
    ['', null],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} -> ${String(expected)}`, () => assert.equal(parseReviewVerdict(text), expected));
  }
});

describe('signalWord', () => {
  it('names the word of a whole marker or verdict line only', () => {
    assert.equal(signalWord('  TASK_FAILED: x '), 'TASK_FAILED');
    assert.equal(signalWord('REVIEW_FIXED'), 'REVIEW_FIXED');
    assert.equal(signalWord('TASK_FAILED is what I would print'), null);
    assert.equal(signalWord('say TASK_COMPLETE'), null);
  });
});
