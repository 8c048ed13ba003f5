// The stream parser of CLIs that print plain text (ollama, llama-cli, custom commands): every stdout
// line is answer text, stderr is shown raw. Also BoundedText, which keeps an agent's text in bounded
// memory without losing a marker line, for any parser that gathers allText.
import type { AgentEvent, Cost, StreamParser, StreamSummary } from './types';
import { NO_USAGE } from './types';
import { signalWord } from './markers';

/** Text kept whole up to this many characters; past it, the newest text and every kind of marker line. */
export const DEFAULT_MAX_TEXT_LENGTH = 1024 * 1024;

/**
 * Lines of text, at most `maxLength` characters of the newest of them plus, from the dropped older
 * ones, the last whole marker or verdict line of each word. Markers are ranked and ties go to the last
 * occurrence, so parseMarkers and parseReviewVerdict read the same result from value() as from the
 * whole text. A single line longer than `maxLength` keeps its end.
 */
export class BoundedText {
  private lines: string[] = [];
  private head = 0;
  private length = 0;
  private droppedChars = 0;
  private readonly droppedSignals = new Map<string, string>();

  constructor(private readonly maxLength: number = DEFAULT_MAX_TEXT_LENGTH) {}

  /** Adds one text (it may hold several lines), joined to the previous one by a newline. */
  append(text: string): void {
    // Most texts are one line, and a regex split of each showed up in a flood's profile.
    if (!text.includes('\n')) this.pushLine(text);
    else for (const line of text.split(/\r?\n/)) this.pushLine(line);
  }

  value(): string {
    const window = this.lines.slice(this.head).join('\n');
    if (this.droppedChars === 0) return window;
    let shown = 0;
    for (const line of this.droppedSignals.values()) shown += line.length + 1;
    const note = `[... ${this.droppedChars - shown} characters of earlier output omitted ...]`;
    return [note, ...this.droppedSignals.values(), window].join('\n');
  }

  private pushLine(whole: string): void {
    let line = whole;
    if (line.length > this.maxLength) {
      let cut = line.length - this.maxLength;
      if (isLowSurrogate(line.charCodeAt(cut))) cut += 1;
      line = line.slice(cut);
      this.droppedChars += cut;
    }
    this.lines.push(line);
    this.length += line.length + 1;
    while (this.length > this.maxLength && this.lines.length - this.head > 1) {
      const dropped = this.lines[this.head] ?? '';
      this.head += 1;
      this.length -= dropped.length + 1;
      this.droppedChars += dropped.length + 1;
      const word = signalWord(dropped);
      if (word !== null) {
        // Re-inserted so the map's order stays the order the lines were printed in.
        this.droppedSignals.delete(word);
        this.droppedSignals.set(word, dropped);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export interface PlainTextParserOptions {
  /** ollama and llama-cli run locally: a true 0 (the default). A custom command: say `unpriced`. */
  readonly cost?: Cost;
  readonly maxTextLength?: number;
}

export function plainTextParser(options: PlainTextParserOptions = {}): StreamParser {
  return new PlainTextParser(options.cost ?? { kind: 'usd', usd: 0 }, new BoundedText(options.maxTextLength));
}

class PlainTextParser implements StreamParser {
  private stdoutLines = 0;

  constructor(
    private readonly cost: Cost,
    private readonly text: BoundedText,
  ) {}

  feed(line: string, stream: 'stdout' | 'stderr'): readonly AgentEvent[] {
    if (stream === 'stderr') return [{ kind: 'raw', stream, line }];
    this.stdoutLines += 1;
    this.text.append(line);
    return [{ kind: 'text', text: line }];
  }

  finish(): StreamSummary {
    // Trailing blank lines (a final newline, llama-cli's padding) are no part of the answer.
    const text = this.text.value().replace(/\s+$/, '');
    return {
      finalText: text,
      allText: text,
      usage: NO_USAGE,
      cost: this.cost,
      parsedLines: this.stdoutLines,
      unparsedLines: 0,
    };
  }
}
