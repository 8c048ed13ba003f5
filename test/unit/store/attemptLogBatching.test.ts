// The attempt log gathers lines into batch buffers before it writes them: order across text and
// byte chunks, multi-byte text, lines larger than a batch, and a trickle that reaches the file
// without a close all have to come out exactly as written.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openAttemptLog } from '../../../src/core/store';
import { removeTempDirs, tempDir } from './storeTestKit';

/** Waits (bounded, generously) until `path` holds `size` bytes: the flush timer fires on its own. */
async function untilSize(path: string, size: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 10) {
    try {
      if (statSync(path).size >= size) return;
    } catch {
      /* not created yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('store: attempt log batching', function () {
  this.timeout(30_000);
  afterEach(removeTempDirs);

  it('keeps the order of text and byte chunks, and multi-byte text byte for byte', async () => {
    const path = join(tempDir(), 'logs', 'T1', 'attempt-1.log');
    const log = openAttemptLog(path);
    log.write('première ligne ✓\n');
    log.write(Buffer.from('bytes in the middle\n'));
    log.write('emoji 🚀 and a lone \ud800 surrogate\n');
    log.write('[stderr] last\n');
    await log.close();
    assert.equal(readFileSync(path, 'utf8'), 'première ligne ✓\nbytes in the middle\nemoji 🚀 and a lone \ufffd surrogate\n[stderr] last\n');
    assert.equal(log.droppedBytes, 0);
    assert.equal(log.error, null);
  });

  it('writes a line larger than a batch whole, between the lines around it', async () => {
    const path = join(tempDir(), 'big.log');
    const log = openAttemptLog(path);
    const huge = `${'é'.repeat(600_000)}\n`;
    log.write('before\n');
    log.write(huge);
    log.write('after\n');
    await log.close();
    assert.equal(readFileSync(path, 'utf8'), `before\n${huge}after\n`);
  });

  it('gets a trickle of lines to the file without a close, and 30,000 lines of a flood in order', async () => {
    const dir = tempDir();
    const trickle = openAttemptLog(join(dir, 'trickle.log'));
    trickle.write('one line\n');
    await untilSize(join(dir, 'trickle.log'), 9);
    assert.equal(readFileSync(join(dir, 'trickle.log'), 'utf8'), 'one line\n');
    trickle.write('two\n');
    await trickle.close();
    assert.equal(readFileSync(join(dir, 'trickle.log'), 'utf8'), 'one line\ntwo\n');

    const flood = openAttemptLog(join(dir, 'flood.log'));
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const line = `line ${i} ${'x'.repeat(i % 300)}\n`;
      lines.push(line);
      flood.write(line);
      // A pipe hands over ~64 KiB at a time, then the event loop turns.
      if (i % 400 === 399) await new Promise((resolve) => setImmediate(resolve));
    }
    await flood.close();
    assert.equal(flood.droppedBytes, 0);
    assert.equal(readFileSync(join(dir, 'flood.log'), 'utf8'), lines.join(''));
  });
});
