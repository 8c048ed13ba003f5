// `codex exec --json` events as AgentEvents. Codex reports tokens but no price: the cost is the
// tokens priced by the request's model in the price table, and unpriced when the model is unknown
// (an empty model is codex's own default, which the stream does not name).
import type { AgentEvent, Cost, StreamParser, StreamSummary, TokenUsage } from '../types';
import { NO_USAGE } from '../types';
import type { PriceTable } from '../priceTable';
import { DEFAULT_PRICES, priceUsage } from '../priceTable';
import type { JsonObject } from './json';
import { num, obj, objects, str } from './json';
import { NdjsonTally } from './ndjson';
import { BoundedText } from '../plainTextParser';
import { clip, firstLine, resultSummary, resultText, toolDetail, toolSummary } from './toolSummary';
import { addUsage, tokenCount } from './usage';

/** OpenAI counts cached tokens inside input_tokens; TokenUsage keeps them apart. */
export function codexUsage(u: JsonObject | undefined): TokenUsage {
  const input = tokenCount(num(u, 'input_tokens'));
  const cached = Math.min(tokenCount(num(u, 'cached_input_tokens')), input);
  return { input: input - cached, output: tokenCount(num(u, 'output_tokens')), cacheRead: cached, cacheWrite: 0 };
}

/** codex runs commands as `bash -lc '<command>'`: the summary shows the command itself. */
export function unwrapShell(command: string): string {
  const m = /^(?:\S*\/)?(?:bash|sh|zsh) -l?c (['"])([\s\S]*)\1$/.exec(command);
  return m?.[2] ?? command;
}

const CHANGE_VERB: Readonly<Record<string, string>> = { add: 'Write', update: 'Edit', delete: 'Delete' };

export class CodexStreamParser implements StreamParser {
  private readonly tally = new NdjsonTally();
  /** Every assistant text, bounded in memory without losing a marker line. */
  private readonly texts = new BoundedText();
  private lastText = '';
  private readonly toolsShown = new Set<string>();
  private usage: TokenUsage = NO_USAGE;
  private sessionId: string | undefined;
  private turnFailed: string | undefined;
  /** A stream `error` not yet followed by a completed turn (codex also reports retried hiccups). */
  private pendingError: string | undefined;

  constructor(
    private readonly model: string,
    private readonly prices: PriceTable = DEFAULT_PRICES,
    private readonly cwd?: string,
  ) {}

  private cost(): Cost {
    return priceUsage(this.model, this.usage, this.prices);
  }

  feed(line: string, stream: 'stdout' | 'stderr'): readonly AgentEvent[] {
    const read = this.tally.read(line, stream);
    if (read.kind === 'other') return read.events;
    const o = read.value;
    switch (read.type) {
      case 'thread.started': {
        const id = str(o, 'thread_id');
        if (id !== undefined) this.sessionId = id;
        return [{ kind: 'init', ...(id !== undefined ? { sessionId: id } : {}) }];
      }
      case 'item.started':
      case 'item.updated':
      case 'item.completed':
        return this.item(obj(o, 'item'), read.type === 'item.completed');
      case 'turn.completed':
        this.usage = addUsage(this.usage, codexUsage(obj(o, 'usage')));
        this.pendingError = undefined;
        return [{ kind: 'usage', usage: this.usage, cost: this.cost() }];
      case 'turn.failed': {
        const message = str(obj(o, 'error'), 'message') ?? 'turn failed';
        this.turnFailed = message;
        const failedUsage = obj(o, 'usage');
        const events: AgentEvent[] = [{ kind: 'error', message }];
        if (failedUsage !== undefined) {
          this.usage = addUsage(this.usage, codexUsage(failedUsage));
          events.push({ kind: 'usage', usage: this.usage, cost: this.cost() });
        }
        return events;
      }
      case 'error': {
        const message = str(o, 'message') ?? 'error';
        this.pendingError = message;
        return [{ kind: 'error', message }];
      }
      default:
        return [];
    }
  }

  private item(item: JsonObject | undefined, completed: boolean): readonly AgentEvent[] {
    if (item === undefined) return [];
    const id = str(item, 'id') ?? '';
    switch (str(item, 'type')) {
      case 'agent_message': {
        const text = str(item, 'text') ?? '';
        if (!completed || text === '') return [];
        this.texts.append(text);
        this.lastText = text;
        return [{ kind: 'text', text }];
      }
      case 'command_execution': {
        const command = str(item, 'command') ?? '';
        const events = this.toolOnce(id, 'Bash', toolSummary('Bash', { command: unwrapShell(command) }), command);
        if (!completed) return events;
        const exit = num(item, 'exit_code');
        const status = str(item, 'status');
        const isError = status === 'failed' || status === 'declined' || (exit !== undefined && exit !== 0);
        const output = str(item, 'aggregated_output') ?? '';
        const head = exit !== undefined ? `exit ${exit}` : (status ?? 'done');
        const line = firstLine(output);
        return [...events, { kind: 'tool_result', summary: clip(line !== '' ? `${head}: ${line}` : head), isError }];
      }
      case 'file_change': {
        const changes = objects(item, 'changes');
        const first = changes[0];
        const verb = CHANGE_VERB[str(first, 'kind') ?? ''] ?? 'Edit';
        const path = str(first, 'path') ?? '';
        const more = changes.length > 1 ? ` (+${changes.length - 1} more)` : '';
        const events = this.toolOnce(id, verb, toolSummary(verb, { path }, this.cwd) + more, toolDetail(changes));
        if (!completed) return events;
        const failed = str(item, 'status') === 'failed';
        return [...events, { kind: 'tool_result', summary: failed ? 'patch failed' : 'patch applied', isError: failed }];
      }
      case 'mcp_tool_call': {
        const name = `${str(item, 'server') ?? 'mcp'}.${str(item, 'tool') ?? 'tool'}`;
        const args = item['arguments'];
        const events = this.toolOnce(id, name, toolSummary(name, args, this.cwd), toolDetail(args));
        if (!completed) return events;
        const error = str(obj(item, 'error'), 'message');
        const isError = error !== undefined || str(item, 'status') === 'failed';
        const text = error ?? resultText(obj(item, 'result')?.['content']);
        return [...events, { kind: 'tool_result', summary: resultSummary(text, isError), isError }];
      }
      case 'web_search': {
        const query = str(item, 'query') ?? '';
        return this.toolOnce(id, 'WebSearch', toolSummary('WebSearch', { query }), query);
      }
      case 'error': {
        if (!completed) return [];
        return [{ kind: 'error', message: str(item, 'message') ?? 'error' }];
      }
      default:
        // reasoning, todo_list, plan and kinds codex adds later: not part of the answer.
        return [];
    }
  }

  /** started, updated and completed all carry the item: show its call once. */
  private toolOnce(id: string, name: string, summary: string, detail: string): AgentEvent[] {
    if (id !== '' && this.toolsShown.has(id)) return [];
    if (id !== '') this.toolsShown.add(id);
    return [{ kind: 'tool', name, summary: clip(summary), detail }];
  }

  finish(): StreamSummary {
    const reportedError = this.turnFailed ?? this.pendingError;
    return {
      finalText: this.lastText,
      allText: this.texts.value(),
      usage: this.usage,
      cost: this.cost(),
      ...(this.sessionId !== undefined ? { sessionId: this.sessionId } : {}),
      ...(reportedError !== undefined ? { reportedError } : {}),
      parsedLines: this.tally.parsedLines,
      unparsedLines: this.tally.unparsedLines,
    };
  }
}
