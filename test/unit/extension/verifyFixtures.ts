// A Verify result as verifySession records it, with every piece of evidence (gate command, exit
// code, output hash, commit SHA, reviewers' verdicts), for the extension's report and hover tests.
import type { VerifyResult } from '../../../src/core/report/verify';

export const SHA = '0123456789abcdef0123456789abcdef01234567';
export const OUTPUT_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function verifiedResult(taskId: string): VerifyResult {
  const none = { command: null, exitCode: null, outputSha256: null, commitSha: null };
  return {
    taskId,
    title: `${taskId} title`,
    verified: true,
    strict: false,
    at: '2025-01-02T03:04:05.000Z',
    checks: [
      { name: 'checklist', passed: true, verdict: 'passed', detail: 'all 3 items checked', evidence: [{ subject: 'checklist', ...none, verdict: 'passed' }] },
      { name: 'traces', passed: true, verdict: 'passed', detail: 'REQ-001 exist', evidence: [{ subject: 'traces', ...none, verdict: 'passed' }] },
      {
        name: 'gates',
        passed: true,
        verdict: 'passed',
        detail: 'test passed',
        evidence: [{ subject: 'test', command: 'npm test', exitCode: 0, outputSha256: OUTPUT_SHA, commitSha: null, verdict: 'passed' }],
        gates: [{ name: 'test', command: 'npm test', exitCode: 0, passed: true, outputSha256: OUTPUT_SHA, durationMs: 812, outputTail: 'ok' }],
      },
      {
        name: 'commit',
        passed: true,
        verdict: 'passed',
        detail: `01234567 on main: ${taskId}: title`,
        evidence: [{ subject: 'main', ...none, commitSha: SHA, verdict: 'passed' }],
        commit: { sha: SHA, subject: `${taskId}: title`, branch: 'main' },
      },
      {
        name: 'review',
        passed: true,
        verdict: 'passed',
        detail: 'attempt 1: quality passed',
        evidence: [{ subject: 'quality', ...none, command: 'claude', verdict: 'passed' }],
        review: {
          attempt: 1,
          runId: 'run-1',
          at: 1,
          passed: true,
          reviewers: [{ role: 'quality', verdict: 'passed', findings: '', outcome: 'completed', costUsd: 0.1, agent: 'claude', model: 'sonnet', log: '/tmp/l.log' }],
        },
      },
    ],
  };
}
