// The fake agent as a reviewer: its default script answers a review prompt with REVIEW_PASSED,
// and a byPrompt script picks steps by the prompt, with its own run counter per entry.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAKE = join(__dirname, '..', '..', 'fixtures', 'agents', 'fake-agent.mjs');

describe('fake agent as a reviewer', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'specpilot-fake-review-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ask = (prompt: string, script?: string): string =>
    execFileSync(process.execPath, [FAKE, '--text', prompt], { cwd: dir, encoding: 'utf8', env: { ...process.env, SPECPILOT_FAKE_SCRIPT: script ?? '' } }).trim();

  it('the default script answers a review prompt with REVIEW_PASSED, any other with TASK_COMPLETE', () => {
    assert.equal(ask('Specpilot review: quality\n\nReview this.'), 'Reviewed the change against the task and its checklist: nothing to change.\nREVIEW_PASSED');
    assert.equal(ask('# Task T-1: do it'), 'I made the requested change.\nTASK_COMPLETE');
  });

  it('byPrompt: the first matching entry wins, each entry counts its own runs, no match falls back to the steps', () => {
    const script = join(dir, 's.json');
    writeFileSync(
      script,
      JSON.stringify({
        byPrompt: [
          { contains: 'Specpilot review: testing', runs: [[{ marker: 'REVIEW_FAILED: one' }], [{ marker: 'REVIEW_PASSED' }]] },
          { contains: 'Specpilot review:', runs: [[{ marker: 'REVIEW_FIXED: a' }], [{ marker: 'REVIEW_FIXED: b' }]] },
        ],
        runs: [[{ marker: 'TASK_FAILED: first' }], [{ marker: 'TASK_COMPLETE' }]],
      }),
    );
    assert.deepEqual(
      [
        ask('# Task', script),
        ask('Specpilot review: testing\n', script),
        ask('Specpilot review: quality\n', script),
        ask('Specpilot review: testing\n', script),
        ask('# Task', script),
        ask('Specpilot review: quality\n', script),
      ],
      ['TASK_FAILED: first', 'REVIEW_FAILED: one', 'REVIEW_FIXED: a', 'REVIEW_PASSED', 'TASK_COMPLETE', 'REVIEW_FIXED: b'],
    );
  });

  it('byPrompt without own steps: an unmatched prompt gets the default script', () => {
    const script = join(dir, 's.json');
    writeFileSync(script, JSON.stringify({ byPrompt: [{ contains: 'Specpilot review: docs', steps: [{ marker: 'REVIEW_FAILED: docs' }] }] }));
    assert.equal(ask('Specpilot review: docs\n', script), 'REVIEW_FAILED: docs');
    assert.equal(ask('Specpilot review: quality\n', script), 'Reviewed the change against the task and its checklist: nothing to change.\nREVIEW_PASSED');
    assert.equal(ask('# Task', script), 'I made the requested change.\nTASK_COMPLETE');
  });
});
