// The one wording of Verify evidence the Testing view, the hover and the output share: every check
// with its commands, exit codes, output hashes, commit and reviewers; "verified" only with evidence.
import assert from 'node:assert/strict';
import { checkMark, evidenceCommit, evidenceLines, verdictLine } from '../../../src/extension/verifyEvidence';
import { OUTPUT_SHA, SHA, verifiedResult } from './verifyFixtures';

describe('verify evidence wording', () => {
  it('lists the verdict, then each check with its evidence', () => {
    assert.deepEqual(evidenceLines(verifiedResult('TASK-001')), [
      'TASK-001 verified at 2025-01-02T03:04:05.000Z',
      '✓ checklist: all 3 items checked',
      '✓ traces: REQ-001 exist',
      '✓ gates: test passed',
      `    test: \`npm test\` exit 0, output sha256 ${OUTPUT_SHA}, 812 ms`,
      '✓ commit: 01234567 on main: TASK-001: title',
      `    commit ${SHA} on main: TASK-001: title`,
      '✓ review: attempt 1: quality passed',
      '    quality reviewer: REVIEW_PASSED (claude sonnet), attempt 1',
    ]);
    assert.equal(evidenceCommit(verifiedResult('TASK-001')), SHA);
  });

  it('never says verified when a passed check lost its evidence', () => {
    const r = verifiedResult('TASK-002');
    const noHash = { ...r, checks: r.checks.map((c) => (c.name === 'gates' ? { ...c, evidence: c.evidence.map((e) => ({ ...e, outputSha256: null })) } : c)) };
    assert.equal(verdictLine(noHash), 'TASK-002 not verified (its evidence is incomplete) at 2025-01-02T03:04:05.000Z');
    assert.equal(verdictLine({ ...r, verified: false }), 'TASK-002 not verified at 2025-01-02T03:04:05.000Z');
  });

  it('marks unchecked checks apart from failed ones', () => {
    assert.deepEqual([checkMark(true), checkMark(false), checkMark(null)], ['✓', '✗', '−']);
    const r = verifiedResult('TASK-003');
    const lines = evidenceLines({
      ...r,
      verified: false,
      checks: [
        { name: 'gates', passed: false, verdict: 'failed', detail: 'test (`npm test`) exited 1', evidence: [], gates: [{ name: 'test', command: 'npm test', exitCode: null, passed: false, outputSha256: OUTPUT_SHA, durationMs: 5, outputTail: '' }] },
        { name: 'commit', passed: null, verdict: 'unchecked', detail: 'not a git repository', evidence: [] },
      ],
    });
    assert.deepEqual(lines, [
      'TASK-003 not verified at 2025-01-02T03:04:05.000Z',
      '✗ gates: test (`npm test`) exited 1',
      `    test: \`npm test\` exit signal, output sha256 ${OUTPUT_SHA}, 5 ms`,
      '− commit: not a git repository',
    ]);
  });
});
