// The framer against what pipes really do: chunks cut at any byte (inside a UTF-8 sequence too),
// CRLF endings, lines longer than the cap, and a last line without a newline.
import assert from 'node:assert/strict';
import { DEFAULT_MAX_LINE_LENGTH, LineFramer } from '../../../src/core/agents/lineFramer';

type Framed = [string, boolean];

function frame(chunks: readonly (Buffer | string)[], maxLineLength?: number): Framed[] {
  const lines: Framed[] = [];
  const framer = new LineFramer((line, truncated) => lines.push([line, truncated]), maxLineLength);
  for (const chunk of chunks) framer.push(chunk);
  framer.end();
  return lines;
}

/** The buffer cut into two at every byte offset, and into single bytes. */
function everySplit(buf: Buffer): Buffer[][] {
  const splits: Buffer[][] = [];
  for (let i = 0; i <= buf.length; i++) splits.push([buf.subarray(0, i), buf.subarray(i)]);
  splits.push([...buf].map((b) => Buffer.from([b])));
  return splits;
}

describe('LineFramer', () => {
  it('gives the same lines however the bytes of multi-byte characters are split', () => {
    const text = 'héllo 世界 🎉\nsecond 😀 line\r\nthird ñ';
    const expected: Framed[] = [['héllo 世界 🎉', false], ['second 😀 line', false], ['third ñ', false]];
    for (const chunks of everySplit(Buffer.from(text, 'utf8'))) assert.deepEqual(frame(chunks), expected);
  });

  it('strips \\r\\n and \\n endings but keeps a \\r inside a line', () => {
    assert.deepEqual(frame(['a\r\nb\nc\rd\r\n']), [['a', false], ['b', false], ['c\rd', false]]);
  });

  it('keeps empty lines and emits nothing for empty input', () => {
    assert.deepEqual(frame(['\n\n']), [['', false], ['', false]]);
    assert.deepEqual(frame(['\r\n']), [['', false]]);
    assert.deepEqual(frame([]), []);
    assert.deepEqual(frame(['']), []);
  });

  it('flushes the last line at end only when it had no newline', () => {
    assert.deepEqual(frame(['one\ntwo']), [['one', false], ['two', false]]);
    assert.deepEqual(frame(['one\ntwo\n']), [['one', false], ['two', false]]);
    assert.deepEqual(frame(['{"type":"assist']), [['{"type":"assist', false]]);
  });

  it('cuts a line at the cap, flags it and drops the rest up to its newline', () => {
    const expected: Framed[] = [['abcdefghij', true], ['short', false], ['0123456789', true]];
    for (const chunks of everySplit(Buffer.from('abcdefghijklmnopqrstuvwxyz\nshort\n0123456789ABC', 'utf8'))) {
      assert.deepEqual(frame(chunks, 10), expected);
    }
  });

  it('does not flag a line of exactly the cap, with \\n or \\r\\n, however it is split', () => {
    for (const chunks of everySplit(Buffer.from('abcdefghij\r\nabcdefghij\nabcdefghij\r', 'utf8'))) {
      assert.deepEqual(frame(chunks, 10), [['abcdefghij', false], ['abcdefghij', false], ['abcdefghij', false]]);
    }
  });

  it('flags a line whose \\r at the cap turns out to be followed by more text', () => {
    for (const chunks of everySplit(Buffer.from('abcdefghij\rX\nok\n', 'utf8'))) {
      assert.deepEqual(frame(chunks, 10), [['abcdefghij', true], ['ok', false]]);
    }
  });

  it('never cuts a surrogate pair in half', () => {
    // The cap falls between the two halves of 😀: the whole character is dropped instead.
    assert.deepEqual(frame(['abcd😀xyz\n'], 5), [['abcd', true]]);
    assert.deepEqual(frame(['abc😀xyz\n'], 5), [['abc😀', true]]);
  });

  it('holds at most the cap of a huge line without a newline', () => {
    const lines: Framed[] = [];
    const framer = new LineFramer((line, truncated) => lines.push([line, truncated]), 1000);
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 80; i++) framer.push(chunk); // 5 MiB, one line
    framer.push('\nnext\n');
    framer.end();
    assert.deepEqual(lines, [['x'.repeat(1000), true], ['next', false]]);
  });

  it('ends an incomplete UTF-8 sequence as U+FFFD and ignores pushes after end', () => {
    const lines: Framed[] = [];
    const framer = new LineFramer((line, truncated) => lines.push([line, truncated]));
    framer.push(Buffer.from([0x61, 0xe4, 0xb8]));
    framer.end();
    framer.push('late\n');
    framer.end();
    assert.deepEqual(lines, [['a\ufffd', false]]);
  });

  it('falls back to the default cap for a cap that could not hold a line', () => {
    const long = 'y'.repeat(DEFAULT_MAX_LINE_LENGTH + 5);
    for (const cap of [0, 1, -3, 2.5, Number.NaN]) {
      assert.deepEqual(frame([`${long}\n`], cap), [['y'.repeat(DEFAULT_MAX_LINE_LENGTH), true]]);
    }
  });
});
