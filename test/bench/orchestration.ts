// The orchestration budget (issue 3: under 300 ms for one task around an agent that answers at
// once): runSession on a fresh git copy of the demo workspace, gates off, minus what the agent
// process itself takes to start and exit, measured alone with the same script.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { claudeAdapter } from '../../src/core/agents/adapters/claudeAdapter';
import { runProcess } from '../../src/core/agents/processRunner';
import type { AgentRequest } from '../../src/core/agents/types';
import type { RunEvent } from '../../src/core/executor/runEvents';
import { runSession } from '../../src/core/executor/runSession';
import { FAKE_CLAUDE } from './outputPipeline';
import { watchSpawns } from './spawnCensus';

const DEMO = resolve('test', 'fixtures', 'demo');
const TASK_ID = 'TASK-003';
const WARMUP = 2;

/** spec-runner's defaults with no retry and no delay; the gates are switched off by the override. */
// The engine's own overhead: no AI review (its reviewers are agent processes, measured as agents).
const CONFIG = ['max_retries: 1', 'retry_delay_seconds: 0', 'task_timeout_minutes: 2', 'budget_usd: null', 'hooks:', '  post_done:', '    run_review: false', ''].join('\n');
const SCRIPT = { steps: [{ say: 'Nothing to change: the endpoint is already there.' }, { marker: 'TASK_COMPLETE' }] };

/** Where one task's wall time went, from the events runSession emits (ms, medians over the iterations). */
export interface OrchestrationPhases {
  /** runSession called -> run_started: task file, config, lock, store, git, leftover-agent check. */
  readonly open: number;
  /** run_started -> the implement stage: the task file re-read, in-progress written back, the branch. */
  readonly prepare: number;
  /** The implement stage: prompt, attempt recorded, the agent process, its result recorded. */
  readonly implement: number;
  /** The agent stage's end -> task_finished: approval (review off, no HITL), commit, merge, checkout. */
  readonly finish: number;
  /** task_finished -> runSession returned: run recorded, store closed, lock released. */
  readonly close: number;
}

export interface OrchestrationFigures {
  readonly iterations: number;
  /** runSession of one task, median ms. */
  readonly sessionMs: number;
  /** The same fake agent spawned alone (execa, node start-up, the script, exit), median ms. */
  readonly agentMs: number;
  /** sessionMs - agentMs: what Specpilot adds around the agent. */
  readonly overheadMs: number;
  readonly sessionMinMs: number;
  readonly agentMinMs: number;
  readonly phases: OrchestrationPhases;
  /** git processes one task started, and their lifetimes summed (ms, median): git runs one command at a time. */
  readonly gitProcesses: number;
  readonly gitMs: number;
  /** Between one git command's exit and the next one's spawn (median of the sums; see SpawnTally). */
  readonly betweenGitMs: number;
  /** overheadMs - gitMs: Specpilot's own time (store, lock, task file, prompt, events). */
  readonly ownMs: number;
  /** Every iteration must end done with a merge; anything else is a broken bench, not a fast one. */
  readonly results: readonly string[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

/** The demo workspace as a one-commit repository on main, copied fresh (untimed) for every iteration. */
function makeTemplate(root: string): string {
  const dir = join(root, 'template');
  cpSync(DEMO, dir, { recursive: true });
  writeFileSync(join(dir, 'spec-runner.config.yaml'), CONFIG);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Bench');
  git(dir, 'config', 'user.email', 'bench@example.com');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'demo');
  return dir;
}

interface Timed {
  readonly sessionMs: number;
  readonly phases: OrchestrationPhases;
  readonly gitProcesses: number;
  readonly gitMs: number;
  readonly betweenGitMs: number;
  readonly result: string;
}

async function oneSession(dir: string, script: string): Promise<Timed> {
  const marks = new Map<string, number>();
  const mark = (name: string): void => {
    if (!marks.has(name)) marks.set(name, performance.now());
  };
  const emit = (e: RunEvent): void => {
    if (e.kind === 'run_started' || e.kind === 'task_finished' || e.kind === 'run_finished') mark(e.kind);
    else if (e.kind === 'stage') mark(`stage:${e.stage}`);
  };
  const census = watchSpawns();
  const started = performance.now();
  const summary = await runSession({
    cwd: dir,
    mode: 'task',
    taskIds: [TASK_ID],
    front: 'cli',
    emit,
    overrides: { command: FAKE_CLAUDE, noGates: true, env: { SPECPILOT_FAKE_SCRIPT: script } },
  });
  const ended = performance.now();
  const spawns = census.stop();
  const at = (name: string): number => marks.get(name) ?? Number.NaN;
  // Without gates (and review) the stage after implement is approval.
  const afterAgent = marks.get('stage:gates') ?? marks.get('stage:review') ?? at('stage:approval');
  const task = summary.tasks[0];
  return {
    sessionMs: ended - started,
    phases: {
      open: at('run_started') - started,
      prepare: at('stage:implement') - at('run_started'),
      implement: afterAgent - at('stage:implement'),
      finish: at('task_finished') - afterAgent,
      close: ended - at('task_finished'),
    },
    gitProcesses: spawns.count['git'] ?? 0,
    gitMs: spawns.ms['git'] ?? 0,
    betweenGitMs: spawns.betweenGitMs,
    result: `${summary.status}:${summary.message}:${task?.result ?? 'none'}:${task?.commitSha === null || task === undefined ? 'no commit' : 'merged'}${summary.error ? `:${summary.error}` : ''}`,
  };
}

/** The agent alone: the argv the claude adapter builds, spawned by the same process runner. */
async function oneAgent(dir: string, script: string): Promise<number> {
  const req: AgentRequest = {
    command: FAKE_CLAUDE,
    model: '',
    prompt: 'Implement TASK-003.',
    promptFile: join(dir, 'prompt.md'),
    cwd: dir,
    skipPermissions: false,
    template: '',
    env: { SPECPILOT_FAKE_SCRIPT: script },
  };
  const invocation = claudeAdapter.invocation(req);
  const started = performance.now();
  const r = await runProcess({ argv: invocation.argv, cwd: dir, env: { SPECPILOT_FAKE_SCRIPT: script } });
  const ms = performance.now() - started;
  if (r.reason !== 'exited' || r.exitCode !== 0) throw new Error(`the bare fake claude did not exit 0: ${r.reason} ${String(r.exitCode)}`);
  return ms;
}

export async function measureOrchestration(iterations: number): Promise<OrchestrationFigures> {
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`expected a number of iterations >= 1, got ${iterations}`);
  const root = mkdtempSync(join(tmpdir(), 'specpilot-bench-orch-'));
  try {
    const template = makeTemplate(root);
    const script = join(root, 'answer.json');
    writeFileSync(script, JSON.stringify(SCRIPT));
    const sessions: Timed[] = [];
    const agents: number[] = [];
    for (let i = 0; i < WARMUP + iterations; i++) {
      const dir = join(root, `run-${i}`);
      cpSync(template, dir, { recursive: true });
      // Alternated, so load from the other engineers' tests falls on both alike.
      const agentMs = await oneAgent(root, script);
      const timed = await oneSession(dir, script);
      rmSync(dir, { recursive: true, force: true });
      if (i < WARMUP) continue;
      agents.push(agentMs);
      sessions.push(timed);
    }
    const phase = (key: keyof OrchestrationPhases): number => median(sessions.map((s) => s.phases[key]));
    const sessionMs = median(sessions.map((s) => s.sessionMs));
    const agentMs = median(agents);
    const gitMs = median(sessions.map((s) => s.gitMs));
    return {
      iterations,
      sessionMs,
      agentMs,
      overheadMs: sessionMs - agentMs,
      gitProcesses: median(sessions.map((s) => s.gitProcesses)),
      gitMs,
      betweenGitMs: median(sessions.map((s) => s.betweenGitMs)),
      ownMs: sessionMs - agentMs - gitMs,
      sessionMinMs: Math.min(...sessions.map((s) => s.sessionMs)),
      agentMinMs: Math.min(...agents),
      phases: { open: phase('open'), prepare: phase('prepare'), implement: phase('implement'), finish: phase('finish'), close: phase('close') },
      results: [...new Set(sessions.map((s) => s.result))],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
