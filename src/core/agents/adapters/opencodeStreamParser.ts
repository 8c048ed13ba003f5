// `opencode run --format json` events as AgentEvents: each line is `{type, timestamp, sessionID,
// part}`; cost and tokens come per step (step_finish.part) and are summed over the run.
import type { AgentEvent, StreamParser, StreamSummary, TokenUsage } from '../types';
import { NO_USAGE } from '../types';
import type { JsonObject } from './json';
import { num, obj, str } from './json';
import { NdjsonTally } from './ndjson';
import { BoundedText } from '../plainTextParser';
import { resultSummary, toolDetail, toolSummary } from './toolSummary';
import { addUsage, roundUsd, tokenCount, usd } from './usage';

export function opencodeUsage(tokens: JsonObject | undefined): TokenUsage {
  const cache = obj(tokens, 'cache');
  return {
    input: tokenCount(num(tokens, 'input')),
    output: tokenCount(num(tokens, 'output')),
    cacheRead: tokenCount(num(cache, 'read')),
    cacheWrite: tokenCount(num(cache, 'write')),
  };
}

/** opencode's error payloads: `{name, data: {message}}` (session errors) or `{message}`. */
function errorMessage(error: JsonObject | undefined): string {
  return str(obj(error, 'data'), 'message') ?? str(error, 'message') ?? str(error, 'name') ?? 'error';
}

export class OpencodeStreamParser implements StreamParser {
  private readonly tally = new NdjsonTally();
  /** Every assistant text, bounded in memory without losing a marker line. */
  private readonly texts = new BoundedText();
  /** Text parts of the latest step that had any: the final answer. */
  private lastStepTexts: string[] = [];
  private stepHasText = false;
  private usage: TokenUsage = NO_USAGE;
  private costUsd = 0;
  private sessionId: string | undefined;
  private reportedError: string | undefined;

  constructor(private readonly cwd?: string) {}

  feed(line: string, stream: 'stdout' | 'stderr'): readonly AgentEvent[] {
    const read = this.tally.read(line, stream);
    if (read.kind === 'other') return read.events;
    const o = read.value;
    const part = obj(o, 'part');
    const events: AgentEvent[] = [];
    const sessionId = str(o, 'sessionID') ?? str(part, 'sessionID');
    if (this.sessionId === undefined && sessionId !== undefined) {
      this.sessionId = sessionId;
      events.push({ kind: 'init', sessionId });
    }
    switch (read.type) {
      case 'step_start':
        this.stepHasText = false;
        break;
      case 'text': {
        const text = str(part, 'text') ?? '';
        if (text === '') break;
        if (!this.stepHasText) this.lastStepTexts = [];
        this.stepHasText = true;
        this.lastStepTexts.push(text);
        this.texts.append(text);
        events.push({ kind: 'text', text });
        break;
      }
      case 'tool_use': {
        const name = str(part, 'tool') ?? 'tool';
        const state = obj(part, 'state');
        const input = state?.['input'];
        events.push({ kind: 'tool', name, summary: toolSummary(name, input, this.cwd), detail: toolDetail(input) });
        const status = str(state, 'status');
        if (status === 'completed' || status === 'error') {
          const isError = status === 'error';
          const output = str(state, 'output') ?? '';
          // edit and write print nothing; their title (the file) says what was done.
          const text = isError ? (str(state, 'error') ?? '') : output.trim() !== '' ? output : (str(state, 'title') ?? '');
          events.push({ kind: 'tool_result', summary: resultSummary(text, isError), isError });
        }
        break;
      }
      case 'step_finish':
        this.usage = addUsage(this.usage, opencodeUsage(obj(part, 'tokens')));
        this.costUsd = roundUsd(this.costUsd + (num(part, 'cost') ?? 0));
        events.push({ kind: 'usage', usage: this.usage, cost: usd(this.costUsd) });
        break;
      case 'error': {
        const message = errorMessage(obj(o, 'error'));
        this.reportedError = this.reportedError === undefined ? message : `${this.reportedError}\n${message}`;
        events.push({ kind: 'error', message });
        break;
      }
      default:
        // reasoning, done, and types opencode adds later.
        break;
    }
    return events;
  }

  finish(): StreamSummary {
    return {
      finalText: this.lastStepTexts.join('\n'),
      allText: this.texts.value(),
      usage: this.usage,
      cost: usd(this.costUsd),
      ...(this.sessionId !== undefined ? { sessionId: this.sessionId } : {}),
      ...(this.reportedError !== undefined ? { reportedError: this.reportedError } : {}),
      parsedLines: this.tally.parsedLines,
      unparsedLines: this.tally.unparsedLines,
    };
  }
}
