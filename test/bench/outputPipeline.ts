// The output pipeline's budget (issue 3: at least 50 MB/s of claude stream-json, memory flat): the
// real fake claude floods stdout through runAgent (framing, the stream-json parser), every line goes
// to the attempt log file and every event to the run panel's feed, wired as taskDriver and the panel do.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { claudeAdapter } from '../../src/core/agents/adapters/claudeAdapter';
import { LineFramer } from '../../src/core/agents/lineFramer';
import { runAgent } from '../../src/core/agents/runAgent';
import type { AgentEvent, AgentRequest, StreamParser } from '../../src/core/agents/types';
import type { RunEvent } from '../../src/core/executor/runEvents';
import { openAttemptLog, type AttemptLogWriter } from '../../src/core/store';
import { RunFeedSet, realScheduler } from '../../src/extension/runFeed';
import type { HostToRun } from '../../src/protocol/runMessages';
import { MemorySampler, type MemoryFigures } from './memorySampler';

/** The bench runs from the repository root (scripts/bench.mjs), where the fixtures are. */
export const FAKE_CLAUDE = resolve('test', 'fixtures', 'agents', 'bin', 'claude');

const RUN_ID = 'run-bench';
const TASK_ID = 'TASK-001';

/** How far the replay goes: each level adds one stage of the pipeline to the one before. */
export type ReplayLevel = 'frame' | 'parse' | 'log' | 'feed';
export const REPLAY_LEVELS: readonly ReplayLevel[] = ['frame', 'parse', 'log', 'feed'];

export interface PipelineFigures {
  /** Bytes of the agent's stdout that went through the pipeline. */
  readonly stdoutBytes: number;
  readonly wallMs: number;
  /** stdoutBytes / wall time, MB = 1e6 bytes. */
  readonly mbPerS: number;
  /** CPU time of this process (the consumer) over the same span: less sensitive to other load than wall time. */
  readonly cpuMs: number;
  readonly lines: number;
  readonly events: number;
  /** Rows the panel's feed appended and messages (with their JSON size) it posted to the page. */
  readonly feedRows: number;
  readonly posts: number;
  readonly postedMb: number;
  /** Size of the attempt log file, and what it dropped for falling behind (must be 0). */
  readonly logBytes: number;
  readonly droppedBytes: number;
  /** The run's verdict, so a broken pipeline cannot pass as a fast one. */
  readonly verdict: string;
  readonly memory: MemoryFigures;
}

/** A flood of `mb` MiB between a first text and the completion marker, as a long agent turn prints. */
function floodScript(mb: number): unknown {
  return {
    steps: [
      { say: 'Reading the code base.' },
      { spam: { mb } },
      { cost: { usd: 0.42, input: 12_000, output: 3_400 } },
      { marker: 'TASK_COMPLETE' },
    ],
  };
}

interface Scratch {
  readonly dir: string;
  readonly script: string;
  readonly logPath: string;
  readonly request: AgentRequest;
}

function makeScratch(mb: number): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'specpilot-bench-pipeline-'));
  const script = join(dir, 'flood.json');
  writeFileSync(script, JSON.stringify(floodScript(mb)));
  const promptFile = join(dir, 'prompt.md');
  const prompt = 'Implement TASK-001.';
  writeFileSync(promptFile, prompt);
  return {
    dir,
    script,
    logPath: join(dir, 'logs', TASK_ID, 'attempt-1.log'),
    request: {
      command: FAKE_CLAUDE,
      model: '',
      prompt,
      promptFile,
      cwd: dir,
      skipPermissions: false,
      template: '',
      env: { SPECPILOT_FAKE_SCRIPT: script },
    },
  };
}

/** The panel side: the feed set the run panel holds, with one connected page that takes every post. */
class PanelSink {
  readonly feeds = new RunFeedSet({ now: () => Date.now(), logFileFor: () => null, scheduler: realScheduler });
  posts = 0;
  postedChars = 0;
  events = 0;

  constructor() {
    this.feeds.feed({ kind: 'run_started', runId: RUN_ID, mode: 'task', taskIds: [TASK_ID] });
    this.feeds.feed({ kind: 'task_started', runId: RUN_ID, taskId: TASK_ID, title: 'Flood', branch: null, maxAttempts: 1 });
    this.feeds.feed({ kind: 'stage', runId: RUN_ID, taskId: TASK_ID, stage: 'implement', attempt: 1, maxAttempts: 1 });
    // VS Code serialises each postMessage in the extension host: that cost is the host's, so it counts.
    this.feeds.get(TASK_ID)?.connect((message: HostToRun) => {
      this.posts++;
      this.postedChars += JSON.stringify(message).length;
      return Promise.resolve(true);
    });
  }

  agent(event: AgentEvent): void {
    this.events++;
    const wrapped: RunEvent = { kind: 'agent', runId: RUN_ID, taskId: TASK_ID, attempt: 1, event };
    this.feeds.feed(wrapped);
  }

  finish(): { rows: number } {
    this.feeds.flushAll();
    const rows = this.feeds.get(TASK_ID)?.view().total ?? 0;
    this.feeds.dispose();
    return { rows };
  }
}

/** As taskDriver writes the attempt log: one line at a time, stderr marked. */
function logLine(log: AttemptLogWriter, line: string, stream: 'stdout' | 'stderr'): void {
  log.write(stream === 'stderr' ? `[stderr] ${line}\n` : `${line}\n`);
}

function figures(
  stdoutBytes: number,
  wallMs: number,
  cpu: NodeJS.CpuUsage,
  counts: { lines: number; events: number; rows: number; posts: number; postedChars: number },
  log: AttemptLogWriter | null,
  verdict: string,
  memory: MemoryFigures,
): PipelineFigures {
  let logBytes = 0;
  try {
    if (log) logBytes = statSync(log.path).size;
  } catch {
    logBytes = 0;
  }
  return {
    stdoutBytes,
    wallMs,
    mbPerS: stdoutBytes / 1e6 / (wallMs / 1000),
    cpuMs: (cpu.user + cpu.system) / 1000,
    lines: counts.lines,
    events: counts.events,
    feedRows: counts.rows,
    posts: counts.posts,
    postedMb: counts.postedChars / 1e6,
    logBytes,
    droppedBytes: log?.droppedBytes ?? 0,
    verdict,
    memory,
  };
}

/** The real thing: the fake claude process printing `mb` MiB through runAgent with the claude adapter. */
export async function measureChildPipeline(mb: number): Promise<PipelineFigures> {
  const s = makeScratch(mb);
  try {
    const panel = new PanelSink();
    const memory = new MemorySampler();
    let stdoutBytes = 0;
    let lines = 0;
    memory.start();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const log = openAttemptLog(s.logPath);
    const result = await runAgent(claudeAdapter, s.request, {
      timeoutMs: 0,
      idleTimeoutMs: 0,
      onLine: (line, stream) => {
        lines++;
        // The fake prints ASCII only, so characters are bytes.
        if (stream === 'stdout') stdoutBytes += line.length + 1;
        logLine(log, line, stream);
      },
      onEvent: (event) => panel.agent(event),
    });
    await log.close();
    const { rows } = panel.finish();
    const wallMs = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpu);
    const mem = memory.stop();
    const verdict = `${result.outcome}/${result.marker.marker ?? 'no marker'}`;
    return figures(stdoutBytes, wallMs, cpuUsed, { lines, events: panel.events, rows, posts: panel.posts, postedChars: panel.postedChars }, log, verdict, mem);
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
}

export interface FloorFigures {
  readonly stdoutBytes: number;
  readonly wallMs: number;
  readonly mbPerS: number;
  readonly cpuMs: number;
}

/**
 * The producer's own speed: the same fake claude and script, its stdout read and thrown away by a
 * bare spawn (no execa, no framing). No pipeline through a child can be faster than this.
 */
export async function measureProducerFloor(mb: number): Promise<FloorFigures> {
  const s = makeScratch(mb);
  try {
    const argv = claudeAdapter.invocation(s.request).argv;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const stdoutBytes = await new Promise<number>((done, fail) => {
      const child = spawn(argv[0] ?? FAKE_CLAUDE, argv.slice(1), {
        cwd: s.dir,
        env: { ...process.env, SPECPILOT_FAKE_SCRIPT: s.script },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let bytes = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      child.on('error', fail);
      child.on('close', (code) => (code === 0 ? done(bytes) : fail(new Error(`the fake claude exited ${String(code)}`))));
    });
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { stdoutBytes, wallMs, mbPerS: stdoutBytes / 1e6 / (wallMs / 1000), cpuMs: (used.user + used.system) / 1000 };
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
}

/** Records the fake's stdout for a flood of `mb` MiB to `out` (untimed), for the replays. */
export function recordFlood(mb: number, out: string): { readonly bytes: number } {
  const s = makeScratch(mb);
  const fd = openSync(out, 'w');
  try {
    const argv = claudeAdapter.invocation(s.request).argv;
    const r = spawnSync(argv[0] ?? FAKE_CLAUDE, argv.slice(1), {
      cwd: s.dir,
      env: { ...process.env, SPECPILOT_FAKE_SCRIPT: s.script },
      stdio: ['ignore', fd, 'inherit'],
    });
    if (r.status !== 0) throw new Error(`recording the fake claude failed: exit ${String(r.status)} ${String(r.error ?? '')}`);
  } finally {
    closeSync(fd);
    rmSync(s.dir, { recursive: true, force: true });
  }
  return { bytes: statSync(out).size };
}

const CHUNK = 64 * 1024;

/** Each 64 KiB chunk gets its own turn of the event loop, as a pipe delivers them, so the log file can drain. */
const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

/**
 * The same bytes without the child process: a recording (recordFlood) pushed in 64 KiB chunks into
 * the framer, then (by `level`) the claude parser, the attempt log and the panel's feed.
 */
export async function measureReplay(recording: string, level: ReplayLevel): Promise<PipelineFigures> {
  const s = makeScratch(0);
  try {
    const withParse = level !== 'frame';
    const withLog = level === 'log' || level === 'feed';
    const withFeed = level === 'feed';
    const panel = withFeed ? new PanelSink() : null;
    const memory = new MemorySampler();
    let stdoutBytes = 0;
    let lines = 0;
    let events = 0;
    const buffer = Buffer.alloc(CHUNK);
    memory.start();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const log = withLog ? openAttemptLog(s.logPath) : null;
    const parser: StreamParser | null = withParse ? claudeAdapter.parser(s.request) : null;
    const framer = new LineFramer((line) => {
      lines++;
      if (log) logLine(log, line, 'stdout');
      if (!parser) return;
      for (const event of parser.feed(line, 'stdout')) {
        events++;
        panel?.agent(event);
      }
    });
    const fd = openSync(recording, 'r');
    try {
      for (;;) {
        const n = readSync(fd, buffer, 0, CHUNK, null);
        if (n === 0) break;
        stdoutBytes += n;
        // The pipe hands the framer a fresh Buffer per chunk; the framer decodes it at once.
        framer.push(buffer.subarray(0, n));
        await nextTurn();
      }
    } finally {
      closeSync(fd);
    }
    framer.end();
    const summary = parser?.finish();
    await log?.close();
    const rows = panel?.finish().rows ?? 0;
    const wallMs = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpu);
    const mem = memory.stop();
    const verdict = summary ? `${summary.parsedLines} parsed, ${summary.unparsedLines} unparsed` : `${lines} lines`;
    return figures(stdoutBytes, wallMs, cpuUsed, { lines, events, rows, posts: panel?.posts ?? 0, postedChars: panel?.postedChars ?? 0 }, log, verdict, mem);
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
}
