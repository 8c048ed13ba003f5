// Child process for the kill -9 spec: records and saves in a tight loop (each step one event and
// one task update, then a flush) until it is killed, continuing the count of the state it finds.
import { openRunStore } from '../../../../src/core/store';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: saveLoop.ts DIR');
  const opened = await openRunStore(dir, { saveDelayMs: 5 });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.store;
  const machine = store.task('T1')?.machine;
  let i = machine === null || machine === undefined ? 0 : Number(JSON.parse(machine).i);
  // A few MB of padding so each save takes long enough to be killed in the middle of one.
  if (i === 0) store.upsertTask('PAD', { lastError: 'x'.repeat(3_000_000) });
  for (;;) {
    i++;
    store.recordEvent({ runId: null, taskId: 'T1', kind: 'tick', data: { i } });
    const updated = store.upsertTask('T1', { machine: JSON.stringify({ i }) });
    if (!updated.ok) throw new Error(updated.error);
    await store.flush();
    if (store.degraded !== null) throw new Error(store.degraded.message);
    process.stdout.write(`saved ${i}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
