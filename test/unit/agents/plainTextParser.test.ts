// BoundedText keeps an agent's text in bounded memory and still gives the markers of the whole text;
// the plain-text parser built on it turns stdout lines into the answer and stderr into raw events.
import assert from 'node:assert/strict';
import { parseMarkers, parseReviewVerdict } from '../../../src/core/agents/markers';
import { BoundedText, plainTextParser } from '../../../src/core/agents/plainTextParser';

describe('BoundedText', () => {
  it('keeps text under the cap whole, joined by newlines', () => {
    const t = new BoundedText(100);
    t.append('one');
    t.append('two\nthree');
    t.append('four\r\nfive');
    assert.equal(t.value(), 'one\ntwo\nthree\nfour\nfive');
  });

  it('past the cap keeps the newest lines and the last whole marker line of each word', () => {
    const t = new BoundedText(30);
    t.append('TASK_FAILED: first');
    t.append('TASK_BLOCKED: stuck');
    t.append('REVIEW_PASSED');
    t.append('TASK_FAILED: second');
    t.append('TASK_FAILED is what I print'); // not a marker line: must not replace `second`
    for (let i = 0; i < 10; i++) t.append(`filler line ${i}`);
    assert.equal(
      t.value(),
      [
        '[... 159 characters of earlier output omitted ...]',
        'TASK_BLOCKED: stuck',
        'REVIEW_PASSED',
        'TASK_FAILED: second',
        'filler line 8',
        'filler line 9',
      ].join('\n'),
    );
  });

  it('gives parseMarkers and parseReviewVerdict what the whole text gives, however much was dropped', () => {
    const lines = ['TASK_FAILED: a', 'REVIEW_FIXED', 'TASK_COMPLETE', 'TASK_FAILED: b', 'REVIEW_PASSED', 'TASK_COMPLETE: c'];
    const whole: string[] = [];
    const bounded = new BoundedText(64);
    for (let i = 0; i < 500; i++) {
      const line = i % 37 === 0 ? lines[(i / 37) % lines.length] ?? '' : `line ${i} of ordinary text`;
      whole.push(line);
      bounded.append(line);
      const all = whole.join('\n');
      assert.deepEqual(parseMarkers(bounded.value()), parseMarkers(all), `after ${i + 1} lines`);
      assert.equal(parseReviewVerdict(bounded.value()), parseReviewVerdict(all), `after ${i + 1} lines`);
    }
  });

  it('keeps the end of a single line longer than the cap', () => {
    const t = new BoundedText(10);
    t.append(`${'a'.repeat(15)}0123456789`);
    assert.equal(t.value(), '[... 15 characters of earlier output omitted ...]\n0123456789');
    const pair = new BoundedText(3);
    pair.append('a😀bc'); // the cut would fall inside 😀: the whole pair goes
    assert.equal(pair.value(), '[... 3 characters of earlier output omitted ...]\nbc');
  });
});

describe('plainTextParser', () => {
  it('turns stdout lines into text events and the answer, stderr into raw events', () => {
    const p = plainTextParser();
    assert.deepEqual(p.feed('Hello.', 'stdout'), [{ kind: 'text', text: 'Hello.' }]);
    assert.deepEqual(p.feed('load time = 12 ms', 'stderr'), [{ kind: 'raw', stream: 'stderr', line: 'load time = 12 ms' }]);
    assert.deepEqual(p.feed('', 'stdout'), [{ kind: 'text', text: '' }]);
    assert.deepEqual(p.feed('TASK_COMPLETE', 'stdout'), [{ kind: 'text', text: 'TASK_COMPLETE' }]);
    assert.deepEqual(p.feed('', 'stdout'), [{ kind: 'text', text: '' }]);
    assert.deepEqual(p.finish(), {
      finalText: 'Hello.\n\nTASK_COMPLETE',
      allText: 'Hello.\n\nTASK_COMPLETE',
      usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      cost: { kind: 'usd', usd: 0 },
      parsedLines: 4,
      unparsedLines: 0,
    });
  });

  it('reports the cost it was given and an empty answer for no output', () => {
    assert.deepEqual(plainTextParser({ cost: { kind: 'unpriced' } }).finish(), {
      finalText: '',
      allText: '',
      usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      cost: { kind: 'unpriced' },
      parsedLines: 0,
      unparsedLines: 0,
    });
  });
});
