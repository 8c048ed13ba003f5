// A 50,000-task dependency chain (TASK-n depends on TASK-(n-1)) through the CLI in-process: no
// recursion on depth anywhere (parse, graph, validation, planning, rendering), right answers, and
// output that grows linearly with the chain. Also the same chain closed into one 50,000-task loop.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_MESSAGE_LENGTH } from '../../../src/cli/render/taskJson';
import { removeTempDirs, run, runJson, tempDir } from './cliHarness';

const N = 50_000;

/** spec-runner tasks.md: TASK-1..TASK-n in a chain, the first `done` of them done, optionally closed into a loop. */
function chainTasks(n: number, done: number, loop = false): string {
  const parts: string[] = ['---\nspec_stage: tasks\n---\n# Tasks: a long chain\n\n## Milestone 1: Chain\n'];
  for (let i = 1; i <= n; i++) {
    const dep = i > 1 ? `[TASK-${i - 1}]` : loop ? `[TASK-${n}]` : '—';
    parts.push(
      `\n### TASK-${i}: Step ${i}\n` +
        `🟡 P2 | ${i <= done ? '✅ DONE' : '⬜ TODO'} | Est: 1h\n\n` +
        `**Traces to:** [REQ-001]\n` +
        `**Depends on:** ${dep}\n`,
    );
  }
  return parts.join('');
}

function chainWorkspace(n: number, done: number, loop = false): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec/tasks.md'), chainTasks(n, done, loop));
  writeFileSync(join(dir, 'spec/requirements.md'), '# Requirements\n\n### REQ-001: Steps run in order\n\nThe system SHALL run each step after the one before it.\n');
  return dir;
}

interface NextJson {
  next: { id: string; status: string; dependsOn: string[]; waitsFor: { id: string; reason: string }[]; ready: boolean; line: number } | null;
  ready: string[];
}

interface ValidateJson {
  ok: boolean;
  tasks: number;
  errors: number;
  warnings: number;
  diagnostics: { code: string; line: number; message: string }[];
}

interface GraphJson {
  nodes: { id: string; status: string }[];
  edges: { from: string; to: string; reason: string }[];
  waves: string[][];
  unplannable: { id: string; reason: { kind: string; cycle?: number; via?: string } }[];
  cycles: string[][];
}

describe('a 50,000-task dependency chain through the CLI', function () {
  this.timeout(120_000);
  after(removeTempDirs);

  describe('open chain, first 20,000 done', () => {
    const DONE = 20_000;
    let dir: string;
    before(() => {
      dir = chainWorkspace(N, DONE);
    });

    it('task next --json: the first task not done, and nothing else ready', async () => {
      const j = await runJson<NextJson>(['task', 'next', '--json', '--cwd', dir]);
      assert.equal(j.next?.id, 'TASK-20001');
      assert.equal(j.next?.status, 'todo');
      assert.deepEqual(j.next?.dependsOn, ['TASK-20000']);
      assert.deepEqual(j.next?.waitsFor, [{ id: 'TASK-20000', reason: 'explicit' }]);
      assert.equal(j.next?.ready, true);
      // Frontmatter (3 lines) + title, blank, milestone: TASK-n's header is line 7 + 6 (n - 1) + 1.
      assert.equal(j.next?.line, 8 + 6 * DONE);
      assert.deepEqual(j.ready, ['TASK-20001']);
    });

    it('validate --json: clean, 50,000 tasks', async () => {
      const j = await runJson<ValidateJson>(['validate', '--json', '--cwd', dir]);
      assert.deepEqual([j.ok, j.tasks, j.errors, j.warnings, j.diagnostics], [true, N, 0, 0, []]);
    });

    it('task graph --json: 49,999 edges, one wave per remaining task, nothing unplannable', async () => {
      const j = await runJson<GraphJson>(['task', 'graph', '--json', '--cwd', dir]);
      assert.equal(j.nodes.length, N);
      assert.deepEqual(j.nodes[DONE - 1], { id: `TASK-${DONE}`, title: `Step ${DONE}`, status: 'done' });
      assert.deepEqual(j.nodes[DONE], { id: `TASK-${DONE + 1}`, title: `Step ${DONE + 1}`, status: 'todo' });
      assert.equal(j.edges.length, N - 1);
      assert.deepEqual(j.edges[0], { from: 'TASK-2', to: 'TASK-1', reason: 'explicit' });
      assert.deepEqual(j.edges.at(-1), { from: `TASK-${N}`, to: `TASK-${N - 1}`, reason: 'explicit' });
      assert.equal(j.waves.length, N - DONE);
      assert.deepEqual(j.waves[0], [`TASK-${DONE + 1}`]);
      assert.deepEqual(j.waves.at(-1), [`TASK-${N}`]);
      assert.ok(j.waves.every((w, k) => w.length === 1 && w[0] === `TASK-${DONE + 1 + k}`));
      assert.deepEqual(j.unplannable, []);
      assert.deepEqual(j.cycles, []);
    });

    it('task graph (text): every task once, indentation capped so the output stays linear', async () => {
      const r = await run(['task', 'graph', '--cwd', dir]);
      assert.equal(r.code, 0);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], '● TASK-1 Step 1');
      assert.equal(lines[1], '└── ● TASK-2 Step 2');
      assert.equal(lines[N - 1]!.trimStart(), `↳ ○ TASK-${N} Step ${N}`);
      // Linear: no line is longer than the capped indentation plus a label.
      assert.ok(lines.every((l) => l.length < 200), 'no line grows with depth');
      assert.ok(r.stdout.length < 150 * N, `${r.stdout.length} characters`);
    });

    it('task show and task done work at depth', async () => {
      const show = await run(['task', 'show', 'TASK-25000', '--cwd', dir]);
      assert.equal(show.code, 0);
      assert.ok(show.stdout.includes('Waits for\n  ○ TASK-24999 (depends on) Step 24999\n\nUnblocks\n  TASK-25001\n'), show.stdout);
      const done = await run(['task', 'done', 'TASK-20001', '--cwd', dir]);
      assert.equal(done.code, 0, done.stderr);
      assert.equal(done.stdout, `TASK-20001: todo → done  spec/tasks.md:${8 + 6 * DONE}\n`);
      const j = await runJson<NextJson>(['task', 'next', '--json', '--cwd', dir]);
      assert.equal(j.next?.id, 'TASK-20002');
    });
  });

  describe('the chain closed into one loop, nothing done', () => {
    let dir: string;
    before(() => {
      dir = chainWorkspace(N, 0, true);
    });

    it('task next --json: nothing is ready', async () => {
      assert.deepEqual(await runJson<NextJson>(['task', 'next', '--json', '--cwd', dir]), { next: null, ready: [] });
    });

    it('validate --json: one cycle error per task, each message bounded', async () => {
      const j = await runJson<ValidateJson>(['validate', '--json', '--cwd', dir], 1);
      assert.equal(j.ok, false);
      assert.equal(j.errors, N);
      assert.equal(j.diagnostics.length, N);
      assert.ok(j.diagnostics.every((d) => d.code === 'cycle' && d.message.length <= MAX_MESSAGE_LENGTH));
      const first = j.diagnostics[0]!;
      assert.equal(first.line, 8);
      assert.ok(first.message.startsWith(`Dependency cycle: TASK-1 -> TASK-${N} -> TASK-${N - 1} -> `), first.message.slice(0, 80));
      assert.match(first.message, / -> … [\d,]+ more … -> /);
      assert.ok(first.message.endsWith('expected dependencies without a loop: remove one of them.'), first.message.slice(-80));
    });

    it('task graph --json: the loop named once, every task unplannable on it', async () => {
      const j = await runJson<GraphJson>(['task', 'graph', '--json', '--cwd', dir]);
      assert.deepEqual(j.waves, []);
      assert.equal(j.cycles.length, 1);
      assert.equal(j.cycles[0]!.length, N + 1);
      assert.deepEqual([j.cycles[0]![0], j.cycles[0]![1], j.cycles[0]!.at(-1)], ['TASK-1', `TASK-${N}`, 'TASK-1']);
      assert.equal(j.unplannable.length, N);
      assert.ok(j.unplannable.every((u, k) => u.id === `TASK-${k + 1}` && u.reason.kind === 'cycle' && u.reason.cycle === 0));
    });

    it('task graph (text): the loop as one tree, the cycle named once with its middle left out', async () => {
      const r = await run(['task', 'graph', '--cwd', dir]);
      assert.equal(r.code, 0);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines[0], 'In a dependency cycle, or waiting on one:');
      assert.equal(lines[1], '○ TASK-1 Step 1');
      assert.equal(lines.at(-1), `  cannot plan TASK-1, TASK-2, TASK-3, TASK-4, TASK-5, TASK-6, TASK-7, TASK-8, TASK-9, TASK-10, TASK-11, TASK-12, TASK-13, TASK-14, TASK-15, TASK-16, TASK-17, TASK-18, TASK-19, TASK-20, … (${N} in all): cycle TASK-1 -> TASK-${N} -> TASK-${N - 1} -> TASK-${N - 2} -> TASK-${N - 3} -> TASK-${N - 4} -> TASK-${N - 5} -> TASK-${N - 6} -> TASK-${N - 7} -> TASK-${N - 8} -> TASK-${N - 9} -> TASK-${N - 10} -> … (${N + 1 - 24} more) … -> TASK-12 -> TASK-11 -> TASK-10 -> TASK-9 -> TASK-8 -> TASK-7 -> TASK-6 -> TASK-5 -> TASK-4 -> TASK-3 -> TASK-2 -> TASK-1`);
      assert.ok(r.stdout.length < 150 * N, `${r.stdout.length} characters`);
    });
  });
});
