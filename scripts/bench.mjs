// `npm run bench`: the foundation's budgets. The core cases are bundled with esbuild exactly as
// the CLI and extension are, and each runs in a fresh process (so one case's JIT and GC feedback
// cannot distort the next); then the extension's activation time in a real VS Code.
// `--core-only` skips VS Code; `--cold-heap` measures without pre-sizing the young generation.
// Benchmarks, not tests: `npm test` never runs this, and a slow machine fails nothing there.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['test/bench/run.ts'],
  outfile: 'out/bench/run.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});

// --min-semi-space-size=16 starts V8's young generation at its default maximum (16 MB on x64),
// the size it has in a long-lived extension host; without it a fresh process also pays for
// growing it while it parses.
const heap = process.argv.includes('--cold-heap') ? [] : ['--min-semi-space-size=16'];
console.log(heap.length ? '[bench] young generation pre-sized to 16 MB (the steady state of a long-lived host)' : '[bench] cold heap: the young generation grows during the runs');

function runCase(name) {
  const r = spawnSync(process.execPath, ['--expose-gc', ...heap, 'out/bench/run.js', name], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`bench case "${name}" failed`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const names = JSON.parse(spawnSync(process.execPath, ['out/bench/run.js', '--list'], { encoding: 'utf8' }).stdout);
const rows = names.filter((n) => n !== 'incremental').map(runCase);
const { incrMs, wholeMs } = runCase('incremental');

const pad = (s, n) => String(s).padStart(n);
console.log(`\n${'case'.padEnd(18)}${pad('tasks', 7)}${pad('MB', 7)}${pad('read+split+regex', 18)}${pad('parse+validate+plan', 21)}${pad('ratio', 7)}${pad('µs/task', 9)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(18)}${pad(r.tasks, 7)}${pad(r.mb.toFixed(2), 7)}${pad(`${r.baseMs.toFixed(1)} ms`, 18)}${pad(`${r.fullMs.toFixed(1)} ms`, 21)}${pad((r.fullMs / r.baseMs).toFixed(2), 7)}${pad(((r.fullMs * 1000) / r.tasks).toFixed(2), 9)}`);
}
const r10min = rows.find((r) => r.name === 'spec-runner 10k');
console.log(`\nfastest runs, spec-runner 10k: ${r10min.fullMinMs.toFixed(1)} ms against ${r10min.baseMinMs.toFixed(1)} ms (${(r10min.fullMinMs / r10min.baseMinMs).toFixed(2)}x); the budgets below use medians`);
console.log(`incremental re-parse, 1k tasks, one-line edit: ${incrMs.toFixed(3)} ms (whole parse ${wholeMs.toFixed(2)} ms)`);
console.log('(medians; "read+split+regex" reads the file, splits its lines and tests one regex per line)');

const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
const r1 = byName['spec-runner 1k'];
const r10 = byName['spec-runner 10k'];
const r50 = byName['spec-runner 50k'];
const perTask = (r) => r.fullMs / r.tasks;
const budgets = [
  ['10k spec-runner tasks < 80 ms', r10.fullMs < 80, `${r10.fullMs.toFixed(1)} ms`],
  ['10k within 2.5x of read+split+regex', r10.fullMs <= 2.5 * r10.baseMs, `${(r10.fullMs / r10.baseMs).toFixed(2)}x`],
  ['one-line re-parse of 1k tasks < 2 ms', incrMs < 2, `${incrMs.toFixed(3)} ms`],
  ['linear: µs/task at 50k within 1.5x of 1k', perTask(r50) <= 1.5 * perTask(r1), `${(perTask(r50) / perTask(r1)).toFixed(2)}x`],
];
console.log('\nbudgets:');
for (const [what, ok, value] of budgets) console.log(`  ${ok ? 'PASS' : 'MISS'}  ${what}: ${value}`);
let code = budgets.every(([, ok]) => ok) ? 0 : 1;

if (!process.argv.includes('--core-only')) {
  const activation = spawnSync(process.execPath, ['test/bench/activation.mjs'], { stdio: 'inherit' });
  if (activation.status !== 0) code = code || activation.status || 1;
}
process.exit(code);
