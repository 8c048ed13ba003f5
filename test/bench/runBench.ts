// One case of the run benchmarks of `npm run bench` (issue 3: output pipeline, memory while
// streaming, orchestration overhead, state saves), printed as one JSON line. scripts/bench.mjs runs
// each case in a fresh process, as it does the spec cases of run.ts.
import { measureOrchestration } from './orchestration';
import { measureChildPipeline, measureProducerFloor, measureReplay, recordFlood, REPLAY_LEVELS, type ReplayLevel } from './outputPipeline';
import { measureStoreSave } from './storeSave';

type Case = () => Promise<unknown>;

const isLevel = (s: string): s is ReplayLevel => REPLAY_LEVELS.some((l) => l === s);

/** `pipeline <mb>`, `floor <mb>`, `record <mb> <file>`, `replay <file> <level>`, `orchestration <iterations>`, `store <attempts> [extras]`. */
function caseFor(args: readonly string[]): Case | string {
  const [name, a = '', b = ''] = args;
  switch (name) {
    case 'pipeline':
      return () => measureChildPipeline(Number(a));
    case 'floor':
      return () => measureProducerFloor(Number(a));
    case 'record':
      return b === '' ? 'expected: record <mb> <file>' : () => Promise.resolve(recordFlood(Number(a), b));
    case 'replay':
      return isLevel(b) ? () => measureReplay(a, b) : `expected a replay level (${REPLAY_LEVELS.join(', ')}), got "${b}"`;
    case 'orchestration':
      return () => measureOrchestration(Number(a));
    case 'store':
      return () => measureStoreSave(Number(a), { gatesAndEvents: b === 'extras' });
    default:
      return `expected a case (pipeline, floor, record, replay, orchestration, store), got "${name ?? ''}"`;
  }
}

const run = caseFor(process.argv.slice(2));
if (typeof run === 'string') {
  process.stderr.write(`${run}\n`);
  process.exitCode = 2;
} else {
  run().then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
