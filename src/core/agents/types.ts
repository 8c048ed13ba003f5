// The agent port: what the executor asks of an agent CLI and what comes back. Adapters (one per
// CLI) turn a request into an argv invocation and the CLI's stream into AgentEvents; the process
// runner spawns and frames; runAgent joins them. Shared by every file under src/core/agents.

export type AgentKind = 'claude' | 'codex' | 'opencode' | 'pi' | 'ollama' | 'llama-cli' | 'custom';

export const AGENT_KINDS: readonly AgentKind[] = ['claude', 'codex', 'opencode', 'pi', 'ollama', 'llama-cli', 'custom'];

/** What the executor wants run. The adapter decides how it reaches the CLI (argv, file, stdin). */
export interface AgentRequest {
  /** The command as configured (`claude`, `/opt/bin/codex`, `./my-agent`). */
  readonly command: string;
  /** Empty: the CLI's default model. */
  readonly model: string;
  readonly prompt: string;
  /** A file already holding `prompt`, for `{prompt_file}` templates and large prompts. */
  readonly promptFile: string;
  readonly cwd: string;
  /** claude's permission prompts skipped (spec-runner's skip_permissions). */
  readonly skipPermissions: boolean;
  /** Custom command template (`{cmd} --prompt {prompt_file}`); empty: detect from the command. */
  readonly template: string;
  /** Extra environment for the child (merged over process.env by the runner). */
  readonly env?: Readonly<Record<string, string>>;
}

/** One spawn, as an argv array: argv[0] is the executable. Never a shell command line. */
export interface AgentInvocation {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed; absent: stdin is closed at once. */
  readonly stdin?: string;
}

export interface TokenUsage {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

export const NO_USAGE: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

/**
 * A cost: a number of US dollars, or `unpriced` when the CLI reports tokens but no price is known
 * (shown as such, never as $0). Local CLIs (ollama, llama-cli) cost a true 0.
 */
export type Cost = { readonly kind: 'usd'; readonly usd: number } | { readonly kind: 'unpriced' };

/**
 * A running total's cost: `pending` while the CLI prices the run only at its end (claude's result
 * line carries total_cost_usd), so a display shows "not yet known" rather than "unpriced" or $0.
 */
export type UsageCost = Cost | { readonly kind: 'pending' };

/** What an adapter's stream parser makes of the CLI's output, in order. */
export type AgentEvent =
  | { readonly kind: 'init'; readonly sessionId?: string; readonly model?: string }
  | { readonly kind: 'text'; readonly text: string }
  /** A tool call, collapsed to one line (`Edit src/a.ts`); detail is the full input as text. */
  | { readonly kind: 'tool'; readonly name: string; readonly summary: string; readonly detail: string }
  | { readonly kind: 'tool_result'; readonly summary: string; readonly isError: boolean }
  /** Running totals so far (not increments). */
  | { readonly kind: 'usage'; readonly usage: TokenUsage; readonly cost: UsageCost }
  | { readonly kind: 'error'; readonly message: string }
  /** A line the parser could not read as its format: shown as is, counted against the format. */
  | { readonly kind: 'raw'; readonly stream: 'stdout' | 'stderr'; readonly line: string };

/** The parser's verdict once the stream ended. */
export interface StreamSummary {
  /** The agent's final answer (claude's `result`, codex's last agent_message, or all plain text). */
  readonly finalText: string;
  /** Every assistant text, joined by newlines: where completion markers are searched. */
  readonly allText: string;
  readonly usage: TokenUsage;
  readonly cost: Cost;
  readonly sessionId?: string;
  /** The CLI reported an error result (claude is_error, codex turn.failed). */
  readonly reportedError?: string;
  /** Lines of stdout that parsed as the format / that did not. */
  readonly parsedLines: number;
  readonly unparsedLines: number;
}

/** Stateful, one per run: fed one framed line at a time. */
export interface StreamParser {
  feed(line: string, stream: 'stdout' | 'stderr'): readonly AgentEvent[];
  finish(): StreamSummary;
}

export interface AgentAdapter {
  readonly kind: AgentKind;
  invocation(req: AgentRequest): AgentInvocation;
  /**
   * The request, when given, lets the parser price tokens by the request's model (codex) and show
   * tool paths relative to its cwd; without it a codex run is unpriced.
   */
  parser(req?: AgentRequest): StreamParser;
  /** argv after the command that prints the CLI's version (`--version`). */
  readonly versionArgs: readonly string[];
  /**
   * Why this adapter cannot run the request (ollama without a model, a custom template with an
   * unclosed quote), or null. Call it (or prepareInvocation) before invocation().
   */
  check?(req: AgentRequest): string | null;
}

/** invocation() behind check(): a refused request is a value, not a throw. */
export type InvocationResult =
  | { readonly ok: true; readonly invocation: AgentInvocation }
  | { readonly ok: false; readonly error: string };

/** How a run ended, decided before any verdict is read (agent-clis.md). */
export type RunOutcome = 'answered' | 'empty' | 'crashed' | 'timed_out' | 'idle' | 'cancelled';

export type CompletionMarker = 'complete' | 'failed' | 'blocked';

export interface MarkerResult {
  readonly marker: CompletionMarker | null;
  /** The text after `TASK_FAILED:` / `TASK_BLOCKED:`; empty when none. */
  readonly reason: string;
}

/** One agent run, start to end: what the executor records as an attempt's agent part. */
export interface AgentRunResult {
  readonly outcome: RunOutcome;
  readonly marker: MarkerResult;
  readonly summary: StreamSummary;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly durationMs: number;
  /** The last lines of output (stdout and stderr interleaved), for the next attempt's error context. */
  readonly tail: readonly string[];
  readonly pid: number | undefined;
  /**
   * Why the run gave no answer, in words, for the log and the next attempt's error context: the spawn
   * error naming the command, the timeout that stopped it, the exit code or signal (with the CLI's
   * reported error when it gave one). Absent when the outcome is `answered`.
   */
  readonly failure?: string;
}
