// One benchmark case of `npm run bench` (parse / validate / plan on a generated file written to a
// temp dir and read back, as a user's run would), printed as JSON. scripts/bench.mjs runs each
// case in a fresh process, so one case's JIT and GC feedback cannot distort the next.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Median and fastest of `runs` timed calls, after three untimed warm-up calls. */
function timeBoth(runs: number, fn: () => void): { median: number; min: number } {
  for (let i = 0; i < Math.min(3, runs); i++) {
    gc();
    fn();
  }
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { median: median(out), min: Math.min(...out) };
}

function time(runs: number, fn: () => void): number {
  return timeBoth(runs, fn).median;
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
  baseMinMs: number;
  fullMinMs: number;
}

const CASES: Record<string, [string, () => string, number]> = {
  'spec-runner 1k': ['spec/tasks.md', () => specRunnerTasks(1_000), 40],
  'spec-runner 10k': ['spec/tasks.md', () => specRunnerTasks(10_000), 40],
  'spec-runner 50k': ['spec/tasks.md', () => specRunnerTasks(50_000), 10],
  'spec-kit 10k': ['specs/001-x/tasks.md', () => specKitTasks(10_000), 30],
  'kiro 10k': ['.kiro/specs/x/tasks.md', () => kiroTasks(10_000), 30],
};

/** One case, in this process only: the driver runs each case in a fresh process (see scripts/bench.mjs). */
function runCase(name: string): Row {
  const spec = CASES[name];
  if (!spec) throw new Error(`unknown case ${name}`);
  const [rel, make, runs] = spec;
  const file = join(dir, name.replace(/\W+/g, '-') + '.md');
  writeFileSync(file, make());
  const mb = statSync(file).size / 1e6;
  const base = timeBoth(runs, () => baseline(file));
  const tasks = full(file, rel);
  const all = timeBoth(runs, () => full(file, rel));
  return { name, tasks, mb, baseMs: base.median, fullMs: all.median, baseMinMs: base.min, fullMinMs: all.min };
}

/** A one-line edit of a 1k-task file (description, checklist and meta lines), re-parsed incrementally. */
function runIncremental(): { incrMs: number; wholeMs: number } {
  const text1k = specRunnerTasks(1_000);
  const base = parseSpec(text1k, 'spec/tasks.md');
  const lines = splitText(text1k).lines;
  const t500 = lines.findIndex((l) => l.startsWith('### TASK-500: '));
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
  return { incrMs: median(incr.slice(20)), wholeMs: time(20, () => parseSpec(text1k, 'spec/tasks.md')) };
}

const which = process.argv[2];
if (which === '--list') console.log(JSON.stringify([...Object.keys(CASES), 'incremental']));
else if (which === 'incremental') console.log(JSON.stringify(runIncremental()));
else if (which) console.log(JSON.stringify(runCase(which)));
rmSync(dir, { recursive: true, force: true });
