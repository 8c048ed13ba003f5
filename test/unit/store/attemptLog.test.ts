// Per-attempt log files: safe directory names for any task id, appends that flush on close,
// backpressure with bounded memory, and tails read from the end of files of any size.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attemptLogPath, openAttemptLog, readTail, sanitiseTaskId } from '../../../src/core/store';
import { removeTempDirs, tempDir } from './storeTestKit';

describe('store: attempt logs', function () {
  this.timeout(30_000);
  afterEach(removeTempDirs);

  it('keeps safe task ids as written and makes any other one a distinct safe name', () => {
    assert.equal(sanitiseTaskId('TASK-001'), 'TASK-001');
    assert.equal(sanitiseTaskId('1.2'), '1.2');
    assert.equal(sanitiseTaskId('T012'), 'T012');
    const slash = sanitiseTaskId('a/b');
    assert.match(slash, /^a_b-[0-9a-f]{8}$/);
    assert.notEqual(slash, sanitiseTaskId('a_b'));
    assert.notEqual(slash, sanitiseTaskId('a\\b'));
    assert.match(sanitiseTaskId('..'), /^_-[0-9a-f]{8}$/);
    assert.match(sanitiseTaskId(''), /^task-[0-9a-f]{8}$/);
    assert.match(sanitiseTaskId('x'.repeat(200)), /^x{60}-[0-9a-f]{8}$/);
    assert.equal(attemptLogPath('/logs', 'TASK-7', 3), join('/logs', 'TASK-7', 'attempt-3.log'));
  });

  it('appends chunks, flushes them on close, and appends again after reopening', async () => {
    const path = attemptLogPath(join(tempDir(), 'logs'), 'T1', 1);
    const log = openAttemptLog(path);
    log.write('line 1\nline');
    log.write(Buffer.from(' 2\nline 3\n'));
    await log.close();
    await log.close();
    assert.equal(readFileSync(path, 'utf8'), 'line 1\nline 2\nline 3\n');
    assert.equal(log.write('after close'), true);
    const again = openAttemptLog(path);
    again.write('line 4\n');
    await again.close();
    assert.deepEqual(await readTail(path, 2), { ok: true, lines: ['line 3', 'line 4'] });
    assert.equal(again.error, null);
  });

  it('waits on backpressure without losing output, and drops (counted) past the bound when ignored', async () => {
    const dir = tempDir();
    const chunk = `${'y'.repeat(1023)}\n`;
    const polite = openAttemptLog(join(dir, 'polite.log'), { maxPendingBytes: 64 * 1024 });
    for (let i = 0; i < 2000; i++) if (!polite.write(chunk)) await polite.drained();
    await polite.close();
    assert.equal(polite.droppedBytes, 0);
    assert.equal(statSync(join(dir, 'polite.log')).size, 2000 * 1024);

    const rude = openAttemptLog(join(dir, 'rude.log'), { maxPendingBytes: 16 * 1024 });
    for (let i = 0; i < 2000; i++) rude.write(chunk);
    await rude.close();
    const text = readFileSync(join(dir, 'rude.log'), 'utf8');
    assert.equal(rude.droppedBytes > 0, true);
    assert.equal(text.length + rude.droppedBytes > 2000 * 1024, true, 'written plus dropped covers everything, notes included');
    const notes = [...text.matchAll(/\[specpilot: (\d+) bytes of output dropped here: the log file could not keep up\]/g)];
    assert.equal(notes.reduce((sum, m) => sum + Number(m[1]), 0), rude.droppedBytes);
  });

  it('reads the last lines from the end of a file of any size', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.log');
    // 200,000 lines (~2.3 MB): the tail is read from the end, across 64 KiB chunk boundaries.
    writeFileSync(big, Array.from({ length: 200_000 }, (_, i) => `line ${i + 1}\n`).join(''));
    assert.deepEqual(await readTail(big, 3), { ok: true, lines: ['line 199998', 'line 199999', 'line 200000'] });
    const many = await readTail(big, 10_000);
    assert.ok(many.ok);
    assert.equal(many.lines.length, 10_000);
    assert.equal(many.lines[0], 'line 190001');

    const small = join(dir, 'small.log');
    writeFileSync(small, 'a\r\nb\r\nno final newline');
    assert.deepEqual(await readTail(small, 2), { ok: true, lines: ['b', 'no final newline'] });
    assert.deepEqual(await readTail(small, 50), { ok: true, lines: ['a', 'b', 'no final newline'] });
    assert.deepEqual(await readTail(small, 0), { ok: true, lines: [] });
    writeFileSync(join(dir, 'empty.log'), '');
    assert.deepEqual(await readTail(join(dir, 'empty.log'), 5), { ok: true, lines: [] });
    const utf8 = join(dir, 'utf8.log');
    writeFileSync(utf8, `${'é'.repeat(40_000)}\n✓ done\n`);
    assert.deepEqual(await readTail(utf8, 1), { ok: true, lines: ['✓ done'] });
    assert.deepEqual(await readTail(join(dir, 'missing.log'), 5), { ok: false, error: `no log at ${join(dir, 'missing.log')}` });
    assert.deepEqual(await readTail(small, -1), { ok: false, error: 'lines must be an integer >= 0, got -1' });
  });
});
