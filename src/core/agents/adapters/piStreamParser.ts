// `pi -p --mode json` events as AgentEvents. Text, tool calls, usage and cost are read from each
// assistant message at message_end only: message_update repeats the partial message on every
// delta, and turn_end / agent_end repeat finished ones, so reading them too would double count.
import type { AgentEvent, StreamParser, StreamSummary, TokenUsage } from '../types';
import { NO_USAGE } from '../types';
import type { JsonObject } from './json';
import { bool, num, obj, objects, str } from './json';
import { NdjsonTally } from './ndjson';
import { BoundedText } from '../plainTextParser';
import { resultSummary, resultText, toolDetail, toolSummary } from './toolSummary';
import { addUsage, roundUsd, tokenCount, usd } from './usage';

export function piUsage(u: JsonObject | undefined): TokenUsage {
  return {
    input: tokenCount(num(u, 'input')),
    output: tokenCount(num(u, 'output')),
    cacheRead: tokenCount(num(u, 'cacheRead')),
    cacheWrite: tokenCount(num(u, 'cacheWrite')),
  };
}

export class PiStreamParser implements StreamParser {
  private readonly tally = new NdjsonTally();
  /** Every assistant text, bounded in memory without losing a marker line. */
  private readonly texts = new BoundedText();
  private lastAnswer = '';
  private usage: TokenUsage = NO_USAGE;
  private costUsd = 0;
  private sessionId: string | undefined;
  private reportedError: string | undefined;

  constructor(private readonly cwd?: string) {}

  feed(line: string, stream: 'stdout' | 'stderr'): readonly AgentEvent[] {
    const read = this.tally.read(line, stream);
    if (read.kind === 'other') return read.events;
    const o = read.value;
    switch (read.type) {
      case 'session': {
        const id = str(o, 'id');
        if (id !== undefined) this.sessionId = id;
        return [{ kind: 'init', ...(id !== undefined ? { sessionId: id } : {}) }];
      }
      case 'message_end':
        return this.messageEnd(obj(o, 'message'));
      case 'auto_retry_end':
        // pi retried the failed request and it went through: the earlier error is not the outcome.
        if (bool(o, 'success') === true) this.reportedError = undefined;
        return [];
      default:
        return [];
    }
  }

  private messageEnd(message: JsonObject | undefined): readonly AgentEvent[] {
    const role = str(message, 'role');
    if (role === 'toolResult') {
      const isError = bool(message, 'isError') ?? false;
      return [{ kind: 'tool_result', summary: resultSummary(resultText(message?.['content']), isError), isError }];
    }
    if (role !== 'assistant') return [];
    const events: AgentEvent[] = [];
    const answer: string[] = [];
    for (const block of objects(message, 'content')) {
      const type = str(block, 'type');
      if (type === 'text') {
        const text = str(block, 'text') ?? '';
        if (text === '') continue;
        answer.push(text);
        this.texts.append(text);
        events.push({ kind: 'text', text });
      } else if (type === 'toolCall') {
        const name = str(block, 'name') ?? 'tool';
        const args = block['arguments'];
        events.push({ kind: 'tool', name, summary: toolSummary(name, args, this.cwd), detail: toolDetail(args) });
      }
    }
    if (answer.length > 0) this.lastAnswer = answer.join('\n');
    const usage = obj(message, 'usage');
    if (usage !== undefined) {
      this.usage = addUsage(this.usage, piUsage(usage));
      this.costUsd = roundUsd(this.costUsd + (num(obj(usage, 'cost'), 'total') ?? 0));
      events.push({ kind: 'usage', usage: this.usage, cost: usd(this.costUsd) });
    }
    const stop = str(message, 'stopReason');
    if (stop === 'error' || stop === 'aborted') {
      const error = str(message, 'errorMessage') ?? stop;
      this.reportedError = error;
      events.push({ kind: 'error', message: error });
    }
    return events;
  }

  finish(): StreamSummary {
    return {
      finalText: this.lastAnswer,
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
