// Turns a child's stdout or stderr chunks into lines. Pipes cut data anywhere (mid-line, mid-UTF-8
// sequence), and an agent can print a multi-megabyte line without a newline: the framer decodes
// across chunk borders and holds at most one capped line, so memory stays flat whatever is printed.
import { StringDecoder } from 'node:string_decoder';

/** One line is cut after this many UTF-16 code units unless the caller says otherwise (~1 MB of text). */
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** Called once per line, without its `\n` or `\r\n`; `truncated` when the line was cut at the cap. */
export type LineSink = (line: string, truncated: boolean) => void;

export class LineFramer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** The current line already hit the cap: the rest of it, up to its newline, is dropped. */
  private overflowed = false;
  private ended = false;
  private readonly maxLineLength: number;

  constructor(
    private readonly sink: LineSink,
    maxLineLength: number = DEFAULT_MAX_LINE_LENGTH,
  ) {
    // A cap below 2 could not hold a surrogate pair whole; a non-integer or negative one is a caller bug
    // that must not turn into an unbounded buffer, so it falls back to the default.
    this.maxLineLength = Number.isInteger(maxLineLength) && maxLineLength >= 2 ? maxLineLength : DEFAULT_MAX_LINE_LENGTH;
  }

  push(chunk: Buffer | string): void {
    if (this.ended) return;
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (text !== '') this.consume(text);
  }

  /** Flushes an incomplete UTF-8 sequence (as U+FFFD) and the last line when it had no newline. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const rest = this.decoder.end();
    if (rest !== '') this.consume(rest);
    if (this.pending !== '' || this.overflowed) this.emit();
  }

  private consume(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) {
        this.append(text, start, text.length);
        return;
      }
      this.append(text, start, nl);
      this.emit();
      start = nl + 1;
    }
  }

  private append(text: string, from: number, to: number): void {
    if (from >= to || this.overflowed) return;
    if (this.pending.length > this.maxLineLength) {
      // The `\r` held past the cap was not a line ending after all: the line goes on, so it is cut.
      this.pending = this.pending.slice(0, this.maxLineLength);
      this.overflowed = true;
      return;
    }
    const room = this.maxLineLength - this.pending.length;
    const length = to - from;
    // One `\r` past the cap may still be half of a `\r\n`, which is no content: hold it.
    if (length <= room || (length === room + 1 && text.charCodeAt(to - 1) === CR)) {
      this.pending += from === 0 && to === text.length ? text : text.slice(from, to);
      return;
    }
    let cut = from + room;
    // Never split a surrogate pair: the cut line must still be valid UTF-16.
    if (cut > from && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
    this.pending += text.slice(from, cut);
    this.overflowed = true;
  }

  private emit(): void {
    let line = this.pending;
    // A cut line lost its end, so a `\r` before it is content, not a line ending.
    if (!this.overflowed && line.endsWith('\r')) line = line.slice(0, -1);
    const truncated = this.overflowed;
    this.pending = '';
    this.overflowed = false;
    this.sink(line, truncated);
  }
}

const CR = 13;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
