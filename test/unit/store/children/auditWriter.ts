// Child process for the audit-log spec: appends COUNT lines of about SIZE bytes each, tagged with
// WRITER and a sequence number, as fast as it can, so two of these race on one file.
import { openAuditLog } from '../../../../src/core/store';

const [root, path, writer, count, size] = process.argv.slice(2);
if (root === undefined || path === undefined || writer === undefined || count === undefined || size === undefined) {
  throw new Error('usage: auditWriter.ts ROOT PATH WRITER COUNT SIZE');
}
let failure: string | null = null;
const log = openAuditLog({ workspaceRoot: root, path, operator: `${writer}@test`, onError: (message) => (failure = message) });
const pad = writer.repeat(Number(size));
for (let seq = 1; seq <= Number(count); seq++) log.write({ runId: `run-${writer}`, taskId: 'T1', event: 'tick', data: { seq, pad } });
log.close();
process.stdout.write(failure === null ? 'done\n' : `failed ${String(failure)}\n`);
