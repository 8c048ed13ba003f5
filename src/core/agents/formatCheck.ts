// The doctor's self-check of an adapter: a tiny known-good stream of its CLI's format, fed through
// its parser, must give the known summary. It proves the parser and the format agree on this
// build, without spending a model call.
import type { AgentAdapter, AgentKind, AgentRequest, Cost, StreamSummary, TokenUsage } from './types';
import { assertNever } from '../spec/model';

export interface FormatSample {
  /** The request the sample was "recorded" for (codex prices by its model). */
  readonly model: string;
  readonly lines: readonly string[];
  readonly expect: {
    readonly finalText: string;
    readonly allText: string;
    readonly usage: TokenUsage;
    readonly cost: Cost;
  };
}

const ANSWER = 'Done.\nTASK_COMPLETE';

function sample(kind: AgentKind): FormatSample {
  switch (kind) {
    case 'claude':
      return {
        model: '',
        lines: [
          '{"type":"system","subtype":"init","session_id":"s1","model":"claude-sonnet-4-5","tools":["Edit"]}',
          '{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"Done.\\nTASK_COMPLETE"}],"usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":2,"cache_creation_input_tokens":1}},"session_id":"s1"}',
          '{"type":"result","subtype":"success","is_error":false,"result":"Done.\\nTASK_COMPLETE","session_id":"s1","num_turns":1,"total_cost_usd":0.0123,"usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":2,"cache_creation_input_tokens":1}}',
        ],
        expect: { finalText: ANSWER, allText: ANSWER, usage: { input: 10, output: 5, cacheRead: 2, cacheWrite: 1 }, cost: { kind: 'usd', usd: 0.0123 } },
      };
    case 'codex':
      return {
        model: 'gpt-5',
        lines: [
          '{"type":"thread.started","thread_id":"t1"}',
          '{"type":"turn.started"}',
          '{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Done.\\nTASK_COMPLETE"}}',
          '{"type":"turn.completed","usage":{"input_tokens":1000,"cached_input_tokens":200,"output_tokens":100}}',
        ],
        // 800 x 1.25 + 200 x 0.125 + 100 x 10 per million.
        expect: { finalText: ANSWER, allText: ANSWER, usage: { input: 800, output: 100, cacheRead: 200, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.002025 } },
      };
    case 'opencode':
      return {
        model: '',
        lines: [
          '{"type":"step_start","timestamp":1,"sessionID":"ses_1","part":{"type":"step-start"}}',
          '{"type":"text","timestamp":2,"sessionID":"ses_1","part":{"type":"text","text":"Done.\\nTASK_COMPLETE"}}',
          '{"type":"step_finish","timestamp":3,"sessionID":"ses_1","part":{"type":"step-finish","cost":0.004,"tokens":{"input":30,"output":7,"reasoning":0,"cache":{"read":3,"write":0}}}}',
        ],
        expect: { finalText: ANSWER, allText: ANSWER, usage: { input: 30, output: 7, cacheRead: 3, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.004 } },
      };
    case 'pi':
      return {
        model: '',
        lines: [
          '{"type":"session","version":3,"id":"p1","timestamp":"2026-01-01T00:00:00.000Z","cwd":"/w"}',
          '{"type":"agent_start"}',
          '{"type":"message_end","message":{"role":"assistant","content":[{"type":"text","text":"Done.\\nTASK_COMPLETE"}],"model":"m","usage":{"input":20,"output":4,"cacheRead":0,"cacheWrite":0,"totalTokens":24,"cost":{"input":0.001,"output":0.002,"cacheRead":0,"cacheWrite":0,"total":0.003}},"stopReason":"stop"}}',
          '{"type":"agent_end","messages":[]}',
        ],
        expect: { finalText: ANSWER, allText: ANSWER, usage: { input: 20, output: 4, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.003 } },
      };
    case 'ollama':
    case 'llama-cli':
      return {
        model: 'm',
        lines: ['Done.', 'TASK_COMPLETE'],
        expect: { finalText: ANSWER, allText: ANSWER, usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0 } },
      };
    case 'custom':
      return {
        model: '',
        lines: ['Done.', 'TASK_COMPLETE'],
        expect: { finalText: ANSWER, allText: ANSWER, usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'unpriced' } },
      };
    default:
      return assertNever(kind);
  }
}

export function formatSample(kind: AgentKind): FormatSample {
  return sample(kind);
}

export type FormatCheck =
  | { readonly status: 'ok'; readonly detail: string }
  | { readonly status: 'partial' | 'failed'; readonly detail: string };

function sameCost(a: Cost, b: Cost): boolean {
  return a.kind === b.kind && (a.kind === 'unpriced' || (b.kind === 'usd' && a.usd === b.usd));
}

function sameUsage(a: TokenUsage, b: TokenUsage): boolean {
  return a.input === b.input && a.output === b.output && a.cacheRead === b.cacheRead && a.cacheWrite === b.cacheWrite;
}

export function checkFormat(adapter: AgentAdapter): FormatCheck {
  const s = sample(adapter.kind);
  const req: AgentRequest = {
    command: adapter.kind,
    model: s.model,
    prompt: '',
    promptFile: '',
    cwd: '/',
    skipPermissions: false,
    template: '',
  };
  let summary: StreamSummary;
  try {
    const parser = adapter.parser(req);
    for (const line of s.lines) parser.feed(line, 'stdout');
    summary = parser.finish();
  } catch (e: unknown) {
    return { status: 'failed', detail: `the ${adapter.kind} parser threw on its sample stream: ${e instanceof Error ? e.message : String(e)}` };
  }
  const wrong: string[] = [];
  if (summary.parsedLines !== s.lines.length || summary.unparsedLines !== 0) {
    wrong.push(`lines read ${summary.parsedLines} of ${s.lines.length} (${summary.unparsedLines} unparsed)`);
  }
  if (summary.finalText !== s.expect.finalText) wrong.push('final text');
  if (summary.allText !== s.expect.allText) wrong.push('answer text');
  if (!sameUsage(summary.usage, s.expect.usage)) wrong.push('token usage');
  if (!sameCost(summary.cost, s.expect.cost)) wrong.push('cost');
  if (wrong.length === 0) return { status: 'ok', detail: `${adapter.kind} format check passed` };
  // Nothing right at all is a broken parser; some fields wrong is a format that drifted.
  const status = wrong.length >= 4 ? 'failed' : 'partial';
  return { status, detail: `${adapter.kind} format check: wrong ${wrong.join(', ')}` };
}
