// The audit log: exact JSON lines, the operator from config or user@host, failures reported once
// and never thrown, and lines from two real processes appending at once never interleaved.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { defaultOperator, openAuditLog, resolveOperator } from '../../../src/core/store';
import { Child, T0, killChildren, removeTempDirs, tempDir } from './storeTestKit';

describe('store: audit log', function () {
  this.timeout(120_000);
  afterEach(async () => {
    await killChildren();
    removeTempDirs();
  });

  it('writes one exact JSON line per event, relative to the workspace root', () => {
    const root = tempDir();
    const log = openAuditLog({ workspaceRoot: root, path: 'spec/.audit/audit.jsonl', operator: 'alice@ws', now: () => T0 });
    assert.equal(log.path, join(root, 'spec/.audit/audit.jsonl'));
    log.write({ runId: 'r1', taskId: 'T1', event: 'task_started', data: { attempt: 1, agent: 'claude', event: 'ignored', ts: 'ignored' } });
    log.write({ runId: 'r1', taskId: null, event: 'run_finished', data: { status: 'completed', cost_usd: 1.5 } });
    log.close();
    assert.equal(
      readFileSync(join(root, 'spec/.audit/audit.jsonl'), 'utf8'),
      '{"ts":"2023-11-14T22:13:20.000Z","run_id":"r1","task_id":"T1","event":"task_started","operator":"alice@ws","attempt":1,"agent":"claude"}\n' +
        '{"ts":"2023-11-14T22:13:20.000Z","run_id":"r1","task_id":null,"event":"run_finished","operator":"alice@ws","status":"completed","cost_usd":1.5}\n',
    );
  });

  it('uses user@host unless audit_log_operator is set', () => {
    assert.equal(defaultOperator(), `${userInfo().username}@${hostname()}`);
    assert.equal(resolveOperator(''), defaultOperator());
    assert.equal(resolveOperator('  ci-bot  '), 'ci-bot');
  });

  it('is a no-op when audit_log_path is empty', () => {
    const log = openAuditLog({ workspaceRoot: tempDir(), path: '', operator: '' });
    assert.equal(log.path, null);
    log.write({ runId: null, taskId: null, event: 'x' });
    log.close();
    assert.equal(log.error, null);
  });

  it('never throws into the run and reports a failure once', () => {
    const root = tempDir();
    writeFileSync(join(root, 'blocker'), 'a file, not a directory');
    const errors: string[] = [];
    const log = openAuditLog({ workspaceRoot: root, path: 'blocker/audit.jsonl', operator: 'o', onError: (m) => errors.push(m) });
    log.write({ runId: 'r', taskId: 'T1', event: 'a' });
    log.write({ runId: 'r', taskId: 'T1', event: 'b' });
    log.close();
    assert.equal(errors.length, 1);
    assert.equal(errors[0], `audit log ${join(root, 'blocker/audit.jsonl')}: EEXIST: file already exists, mkdir '${join(root, 'blocker')}'`);
    assert.equal(log.error, errors[0]);
  });

  it('never interleaves lines from two processes appending at once', async () => {
    const root = tempDir();
    const count = 1500;
    // Lines of ~6 KB: larger than PIPE_BUF, so atomicity comes from O_APPEND, not from size.
    const writers = ['a', 'b'].map((tag) => new Child('auditWriter.ts', [root, 'audit.jsonl', tag, String(count), '6000']));
    for (const w of writers) assert.equal(await w.waitFor((line) => line === 'done' || line.startsWith('failed')), 'done');
    await Promise.all(writers.map((w) => w.exited));
    const lines = readFileSync(join(root, 'audit.jsonl'), 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'the file ends with a newline');
    assert.equal(lines.length, 2 * count);
    const seen: Record<string, number[]> = { a: [], b: [] };
    for (const line of lines) {
      const entry: { run_id: string; operator: string; seq: number; pad: string } = JSON.parse(line);
      const tag = entry.run_id.slice('run-'.length);
      assert.equal(entry.operator, `${tag}@test`);
      assert.equal(entry.pad, tag.repeat(6000));
      seen[tag]?.push(entry.seq);
    }
    const expected = Array.from({ length: count }, (_, i) => i + 1);
    assert.deepEqual(seen, { a: expected, b: expected });
  });
});
