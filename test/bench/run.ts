// `npm run bench`: the parse / validate / plan budgets of the foundation, measured on generated
// files written to a temp dir and read back, as a user's run would. Prints a table and the
// budgets; exits 1 when a budget is missed (benchmarks, not tests: `npm test` never runs this).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph, readySet, validateSpec } from '../../src/core/graph';
import { reparseSpec } from '../../src/core/spec/incremental';
import { parseSpec } from '../../src/core/spec/parseSpec';
import { splitText } from '../../src/core/spec/text';
import { kiroTasks, specKitTasks, specRunnerTasks } from './generateSpecs';

const dir = mkdtempSync(join(tmpdir(), 'specpilot-bench-'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Collects the previous iteration's garbage untimed, so each run pays only for its own. */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function time(runs: number, fn: () => void): number {
  for (let i = 0; i < Math.min(3, runs); i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}

const HEADER = /^### ([A-Z][A-Z0-9]*-\d+): (.+)$/;

/** The floor: read the file, split its lines, test one regex per line. */
function baseline(file: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  let n = 0;
  for (const l of lines) if (HEADER.test(l)) n++;
  if (n < 0) throw new Error('unreachable');
}

function full(file: string, rel: string): number {
  const spec = parseSpec(readFileSync(file, 'utf8'), rel);
  const graph = buildGraph(spec);
  validateSpec(spec, graph);
  readySet(graph);
  return spec.tasks.length;
}

interface Row {
  name: string;
  tasks: number;
  mb: number;
  baseMs: number;
  fullMs: number;
}

const rows: Row[] = [];
const cases: [string, string, () => string, number][] = [
  ['spec-runner 1k', 'spec/tasks.md', () => specRunnerTasks(1_000), 30],
  ['spec-runner 10k', 'spec/tasks.md', () => specRunnerTasks(10_000), 15],
  ['spec-runner 50k', 'spec/tasks.md', () => specRunnerTasks(50_000), 5],
  ['spec-kit 10k', 'specs/001-x/tasks.md', () => specKitTasks(10_000), 15],
  ['kiro 10k', '.kiro/specs/x/tasks.md', () => kiroTasks(10_000), 15],
];
for (const [name, rel, make, runs] of cases) {
  const file = join(dir, name.replace(/\W+/g, '-') + '.md');
  const text = make();
  writeFileSync(file, text);
  const tasks = full(file, rel);
  rows.push({ name, tasks, mb: text.length / 1e6, baseMs: time(runs, () => baseline(file)), fullMs: time(runs, () => full(file, rel)) });
}

// Incremental: a one-line edit of a 1k-task file (description, checklist and meta lines).
const text1k = specRunnerTasks(1_000);
const base = parseSpec(text1k, 'spec/tasks.md');
const lines = splitText(text1k).lines;
const targets = [lines.indexOf('### TASK-500: ' + (lines.find((l) => l.startsWith('### TASK-500: ')) ?? '').slice(14))];
const t500 = targets[0]!;
const edits = [t500 + 3, t500 + 8, t500 + 1];
const incr: number[] = [];
for (let round = 0; round < 200; round++) {
  const line = edits[round % edits.length]!;
  const next = lines.slice();
  next[line] = line === t500 + 1 ? next[line]!.replace('TODO', 'DONE') : next[line] + ' edited';
  const t = process.hrtime.bigint();
  reparseSpec(base, next, { startLine: line, oldEndLine: line + 1, newEndLine: line + 1 });
  incr.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const incrMs = median(incr.slice(20));
const wholeMs = time(20, () => parseSpec(text1k, 'spec/tasks.md'));

rmSync(dir, { recursive: true, force: true });

const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(`\n${'case'.padEnd(18)}${pad('tasks', 7)}${pad('MB', 7)}${pad('read+split+regex', 18)}${pad('parse+validate+plan', 21)}${pad('ratio', 7)}${pad('µs/task', 9)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(18)}${pad(r.tasks, 7)}${pad(r.mb.toFixed(2), 7)}${pad(r.baseMs.toFixed(1) + ' ms', 18)}${pad(r.fullMs.toFixed(1) + ' ms', 21)}${pad((r.fullMs / r.baseMs).toFixed(2), 7)}${pad(((r.fullMs * 1000) / r.tasks).toFixed(2), 9)}`);
}
console.log(`\nincremental re-parse, 1k tasks, one-line edit: ${incrMs.toFixed(3)} ms (whole parse ${wholeMs.toFixed(2)} ms)`);

const r10 = rows.find((r) => r.name === 'spec-runner 10k')!;
const r1 = rows.find((r) => r.name === 'spec-runner 1k')!;
const r50 = rows.find((r) => r.name === 'spec-runner 50k')!;
const budgets: [string, boolean, string][] = [
  ['10k spec-runner tasks < 80 ms', r10.fullMs < 80, `${r10.fullMs.toFixed(1)} ms`],
  ['10k within 2.5x of read+split+regex', r10.fullMs <= 2.5 * r10.baseMs, `${(r10.fullMs / r10.baseMs).toFixed(2)}x`],
  ['one-line re-parse of 1k tasks < 2 ms', incrMs < 2, `${incrMs.toFixed(3)} ms`],
  ['linear: µs/task at 50k within 1.5x of 1k', r50.fullMs / r50.tasks <= 1.5 * (r1.fullMs / r1.tasks), `${((r50.fullMs / r50.tasks) / (r1.fullMs / r1.tasks)).toFixed(2)}x`],
];
console.log('\nbudgets:');
for (const [what, ok, value] of budgets) console.log(`  ${ok ? 'PASS' : 'MISS'}  ${what}: ${value}`);
process.exitCode = budgets.every(([, ok]) => ok) ? 0 : 1;
