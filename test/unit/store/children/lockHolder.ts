// Child process for the run-lock specs: takes the lock, says so on stdout, and holds it until its
// stdin closes (then releases and exits; with MODE `exit`, exits without releasing) or is killed.
import { hostname } from 'node:os';
import { acquireRunLock } from '../../../../src/core/store';

async function main(): Promise<void> {
  const [dir, staleMs, mode] = process.argv.slice(2);
  if (dir === undefined) throw new Error('usage: lockHolder.ts DIR [STALE_MS [MODE]]');
  const result = await acquireRunLock(dir, {
    owner: { pid: process.pid, host: hostname(), operator: 'child@test', front: 'extension', startedAt: 1_700_000_000_000 },
    ...(staleMs === undefined || staleMs === '' ? {} : { staleMs: Number(staleMs) }),
    onCompromised: (message) => process.stdout.write(`compromised ${message}\n`),
  });
  if (!result.ok) {
    process.stdout.write(`refused ${JSON.stringify(result.error)}\n`);
    return;
  }
  process.stdout.write(`locked ${process.pid}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    if (mode === 'exit') process.exit(0);
    void result.lock.release().then(() => {
      process.stdout.write('released\n');
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
