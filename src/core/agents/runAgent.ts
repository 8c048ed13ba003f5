// One agent run end to end: the adapter's argv, the process runner, every line through the adapter's
// parser, then the outcome and the completion marker. Only a bounded tail of lines is kept here; the
// full log is the caller's (onLine), so memory stays flat however much the agent prints.
import type { OutputStream, ProcessResult } from './processRunner';
import { runProcess } from './processRunner';
import { parseMarkers } from './markers';
import { classifyOutcome, describeOutcome } from './outcome';
import { prepareInvocation } from './prepareInvocation';
import type { AgentAdapter, AgentEvent, AgentRequest, AgentRunResult, InvocationResult, StreamSummary } from './types';

export const DEFAULT_TAIL_LINES = 60;
/** One tail line is cut here: sixty 1 MB lines would be no error context, only a memory cost. */
export const MAX_TAIL_LINE_LENGTH = 4000;

export interface RunAgentOptions {
  /** Whole-run limit in ms; 0: none. */
  readonly timeoutMs: number;
  /** Stop after this many ms without output; 0: never. */
  readonly idleTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly killGraceMs?: number;
  /** Record the process group here (pid = pgid) before anything else happens. */
  readonly onSpawn?: (pid: number) => void;
  /** Every raw line, for the attempt's log file. */
  readonly onLine?: (line: string, stream: OutputStream, truncated: boolean) => void;
  /** Every event the adapter's parser made of the lines, in order. */
  readonly onEvent?: (event: AgentEvent) => void;
  readonly tailLines?: number;
}

/**
 * Never rejects for the agent's sake (a missing command, a crash, a timeout are outcomes); only an
 * exception thrown by a callback or by the adapter's parser rejects it, after the run was stopped.
 */
export async function runAgent(adapter: AgentAdapter, req: AgentRequest, opts: RunAgentOptions): Promise<AgentRunResult> {
  const parser = adapter.parser(req);
  const prepared = prepare(adapter, req);
  if (!prepared.ok) return notStarted(prepared.error, parser.finish());
  const { invocation } = prepared;

  const tail = new LineRing(opts.tailLines ?? DEFAULT_TAIL_LINES);
  const processResult = await runProcess({
    argv: invocation.argv,
    cwd: invocation.cwd,
    ...(invocation.env === undefined ? {} : { env: invocation.env }),
    ...(invocation.stdin === undefined ? {} : { stdin: invocation.stdin }),
    timeoutMs: opts.timeoutMs,
    idleTimeoutMs: opts.idleTimeoutMs,
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.killGraceMs === undefined ? {} : { killGraceMs: opts.killGraceMs }),
    ...(opts.onSpawn === undefined ? {} : { onSpawn: opts.onSpawn }),
    onLine: (line, stream, truncated) => {
      opts.onLine?.(line, stream, truncated);
      tail.push(line, truncated);
      for (const event of parser.feed(line, stream)) opts.onEvent?.(event);
    },
  });
  const summary = parser.finish();
  return finished(processResult, summary, tail.lines(), opts);
}

function prepare(adapter: AgentAdapter, req: AgentRequest): InvocationResult {
  try {
    return prepareInvocation(adapter, req);
  } catch (e) {
    // An adapter should refuse through check(); a throw is still a refusal, not a crash of the run loop.
    return { ok: false, error: `the ${adapter.kind} adapter could not build a command: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function finished(process: ProcessResult, summary: StreamSummary, tail: readonly string[], opts: RunAgentOptions): AgentRunResult {
  const outcome = classifyOutcome(process, summary);
  const described = describeOutcome(outcome, process, opts);
  const failure = described !== null && summary.reportedError !== undefined && summary.reportedError !== ''
    ? `${described}: ${summary.reportedError}`
    : described;
  return {
    outcome,
    marker: parseMarkers(markerText(summary)),
    summary,
    exitCode: process.exitCode,
    signal: process.signal,
    durationMs: process.durationMs,
    tail,
    pid: process.pid,
    ...(failure === null ? {} : { failure }),
  };
}

function notStarted(error: string, summary: StreamSummary): AgentRunResult {
  return {
    outcome: 'crashed',
    marker: parseMarkers(''),
    summary,
    exitCode: null,
    signal: null,
    durationMs: 0,
    tail: [],
    pid: undefined,
    failure: error,
  };
}

/** Markers live in the assistant's text; the final answer is searched too when allText lacks it. */
function markerText(summary: StreamSummary): string {
  if (summary.finalText === '' || summary.allText.includes(summary.finalText)) return summary.allText;
  return `${summary.allText}\n${summary.finalText}`;
}

/** The last `capacity` lines, each cut at MAX_TAIL_LINE_LENGTH, in a fixed array: no growth, no shifting. */
class LineRing {
  private readonly slots: string[] = [];
  private next = 0;
  private readonly capacity: number;

  /** 0 keeps no tail; a negative or fractional capacity is a caller bug and falls back to the default. */
  constructor(capacity: number) {
    this.capacity = Number.isInteger(capacity) && capacity >= 0 ? capacity : DEFAULT_TAIL_LINES;
  }

  push(line: string, truncated: boolean): void {
    if (this.capacity === 0) return;
    const kept = line.length > MAX_TAIL_LINE_LENGTH || truncated ? `${cutLine(line)} [... line cut]` : line;
    if (this.slots.length < this.capacity) this.slots.push(kept);
    else this.slots[this.next] = kept;
    this.next = (this.next + 1) % this.capacity;
  }

  lines(): readonly string[] {
    if (this.slots.length < this.capacity) return [...this.slots];
    return [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
  }
}

function cutLine(line: string): string {
  let end = Math.min(line.length, MAX_TAIL_LINE_LENGTH);
  const last = line.charCodeAt(end - 1);
  // Never end on half a surrogate pair.
  if (end < line.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return line.slice(0, end);
}
