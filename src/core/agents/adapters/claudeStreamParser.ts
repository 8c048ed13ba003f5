// Claude Code's `--output-format stream-json --verbose` lines as AgentEvents. The final `result`
// line is the authority for answer, cost and usage; before it, usage is summed from assistant
// messages (one per message id: claude repeats a message's usage on every content block's line),
// as a running total, so a run of 100,000 messages costs neither time nor memory per message.
import type { AgentEvent, Cost, StreamParser, StreamSummary, TokenUsage } from '../types';
import { NO_USAGE } from '../types';
import type { JsonObject } from './json';
import { bool, num, obj, objects, str } from './json';
import { NdjsonTally } from './ndjson';
import { BoundedText } from '../plainTextParser';
import { resultSummary, resultText, toolDetail, toolSummary } from './toolSummary';
import { UNPRICED, addUsage, subtractUsage, tokenCount, usd } from './usage';

/** Anthropic's usage object: input excludes cache reads and writes. */
export function claudeUsage(u: JsonObject | undefined): TokenUsage {
  return {
    input: tokenCount(num(u, 'input_tokens')),
    output: tokenCount(num(u, 'output_tokens')),
    cacheRead: tokenCount(num(u, 'cache_read_input_tokens')),
    cacheWrite: tokenCount(num(u, 'cache_creation_input_tokens')),
  };
}

/** `total_cost_usd` (current) wins over `cost_usd` (older CLIs); neither: unpriced. */
export function claudeCost(result: JsonObject): Cost {
  const total = num(result, 'total_cost_usd') ?? num(result, 'cost_usd');
  return total === undefined ? UNPRICED : usd(total);
}

/** Message ids whose usage is remembered; claude prints one message's content blocks one after another. */
const RECENT_MESSAGE_IDS = 256;

export class ClaudeStreamParser implements StreamParser {
  private readonly tally = new NdjsonTally();
  /** Every assistant text, bounded in memory without losing a marker line. */
  private readonly texts = new BoundedText();
  private lastText = '';
  /** The sum of the latest usage of every message so far. */
  private usageTotal: TokenUsage = NO_USAGE;
  private sawUsage = false;
  /**
   * The latest usage of the most recent message ids, to replace a repeated one rather than add it.
   * A message's lines come together, so a bounded window suffices and memory stays flat.
   */
  private readonly recentUsage = new Map<string, TokenUsage>();
  private result: { text: string | undefined; usage: TokenUsage; cost: Cost; error: string | undefined } | undefined;
  private sessionId: string | undefined;

  constructor(private readonly cwd?: string) {}

  feed(line: string, stream: 'stdout' | 'stderr'): readonly AgentEvent[] {
    const read = this.tally.read(line, stream);
    if (read.kind === 'other') return read.events;
    const o = read.value;
    this.sessionId = str(o, 'session_id') ?? this.sessionId;
    switch (read.type) {
      case 'system':
        return this.system(o);
      case 'assistant':
        return this.assistant(o);
      case 'user':
        return this.user(o);
      case 'result':
        return this.resultLine(o);
      default:
        // stream_event (--include-partial-messages) deltas repeat what the assistant line then
        // carries whole; other types are new kinds of progress: read as the format, shown as nothing.
        return [];
    }
  }

  private system(o: JsonObject): readonly AgentEvent[] {
    if (str(o, 'subtype') !== 'init') return [];
    const sessionId = str(o, 'session_id');
    const model = str(o, 'model');
    return [{ kind: 'init', ...(sessionId !== undefined ? { sessionId } : {}), ...(model !== undefined ? { model } : {}) }];
  }

  private assistant(o: JsonObject): readonly AgentEvent[] {
    const message = obj(o, 'message');
    const events: AgentEvent[] = [];
    for (const block of objects(message, 'content')) {
      const type = str(block, 'type');
      if (type === 'text') {
        const text = str(block, 'text') ?? '';
        if (text === '') continue;
        this.texts.append(text);
        this.lastText = text;
        events.push({ kind: 'text', text });
      } else if (type === 'tool_use') {
        const name = str(block, 'name') ?? 'tool';
        const input = block['input'];
        events.push({ kind: 'tool', name, summary: toolSummary(name, input, this.cwd), detail: toolDetail(input) });
      }
    }
    const usage = obj(message, 'usage');
    if (usage !== undefined && this.result === undefined) {
      this.countUsage(str(message, 'id'), claudeUsage(usage));
      // Tokens so far; the price arrives with the result line.
      events.push({ kind: 'usage', usage: this.usageTotal, cost: { kind: 'pending' } });
    }
    return events;
  }

  private countUsage(id: string | undefined, usage: TokenUsage): void {
    this.sawUsage = true;
    if (id === undefined) {
      this.usageTotal = addUsage(this.usageTotal, usage);
      return;
    }
    const previous = this.recentUsage.get(id);
    this.usageTotal = addUsage(previous === undefined ? this.usageTotal : subtractUsage(this.usageTotal, previous), usage);
    // Re-inserted so the map's order is recency and the oldest id is the first to go.
    this.recentUsage.delete(id);
    this.recentUsage.set(id, usage);
    if (this.recentUsage.size > RECENT_MESSAGE_IDS) {
      const oldest = this.recentUsage.keys().next();
      if (oldest.done !== true) this.recentUsage.delete(oldest.value);
    }
  }

  private user(o: JsonObject): readonly AgentEvent[] {
    const events: AgentEvent[] = [];
    for (const block of objects(obj(o, 'message'), 'content')) {
      if (str(block, 'type') !== 'tool_result') continue;
      const isError = bool(block, 'is_error') ?? false;
      events.push({ kind: 'tool_result', summary: resultSummary(resultText(block['content']), isError), isError });
    }
    return events;
  }

  private resultLine(o: JsonObject): readonly AgentEvent[] {
    const text = str(o, 'result');
    const isError = bool(o, 'is_error') ?? false;
    const subtype = str(o, 'subtype') ?? '';
    const usageObj = obj(o, 'usage');
    const usage = usageObj !== undefined ? claudeUsage(usageObj) : this.usageTotal;
    const cost = claudeCost(o);
    const error = isError ? (text !== undefined && text !== '' ? text : subtype !== '' ? subtype : 'error') : undefined;
    this.result = { text, usage, cost, error };
    const events: AgentEvent[] = [{ kind: 'usage', usage, cost }];
    if (error !== undefined) events.push({ kind: 'error', message: error });
    return events;
  }

  finish(): StreamSummary {
    const r = this.result;
    return {
      finalText: r?.text ?? this.lastText,
      allText: this.texts.value(),
      usage: r?.usage ?? (this.sawUsage ? this.usageTotal : NO_USAGE),
      cost: r?.cost ?? UNPRICED,
      ...(this.sessionId !== undefined ? { sessionId: this.sessionId } : {}),
      ...(r?.error !== undefined ? { reportedError: r.error } : {}),
      parsedLines: this.tally.parsedLines,
      unparsedLines: this.tally.unparsedLines,
    };
  }
}
