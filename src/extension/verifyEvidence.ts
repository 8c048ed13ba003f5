// One wording of a Verify result's evidence for every place the editor shows it (Testing view
// message, hover, output): "verified" never appears without the checks, commands, exit codes,
// output hashes and commit behind it. Pure (no vscode import) so it is unit-tested in plain Node.
import type { VerifyCheck, VerifyResult } from '../core/report/verify';
import { verifiedWithEvidence } from '../core/report/verifications';

/** ✓ passed, ✗ failed, − could not be checked here. */
export function checkMark(passed: boolean | null): string {
  return passed === true ? '✓' : passed === false ? '✗' : '−';
}

/** "verified" only when every passed check holds its evidence (a gate's hash, the commit's SHA...). */
export function verdictLine(r: VerifyResult): string {
  const verdict = verifiedWithEvidence(r) ? 'verified' : r.verified ? 'not verified (its evidence is incomplete)' : 'not verified';
  return `${r.taskId} ${verdict} at ${r.at}`;
}

/** The evidence of one check: its verdict line, then one indented line per piece of evidence. */
export function checkLines(c: VerifyCheck): string[] {
  const out = [`${checkMark(c.passed)} ${c.name}: ${c.detail}`];
  for (const g of c.gates ?? []) {
    out.push(`    ${g.name}: \`${g.command}\` exit ${g.exitCode ?? 'signal'}, output sha256 ${g.outputSha256}, ${g.durationMs} ms`);
  }
  if (c.commit) out.push(`    commit ${c.commit.sha} on ${c.commit.branch}: ${c.commit.subject}`);
  if (c.review) {
    for (const r of c.review.reviewers) {
      const who = [r.agent, r.model].filter((x) => x !== '').join(' ');
      out.push(`    ${r.role} reviewer: ${r.verdict === null ? 'no verdict' : `REVIEW_${r.verdict.toUpperCase()}`}${who ? ` (${who})` : ''}, attempt ${c.review.attempt}`);
    }
  }
  return out;
}

/** The whole evidence as plain lines: verdict first, then every check. */
export function evidenceLines(r: VerifyResult): string[] {
  return [verdictLine(r), ...r.checks.flatMap(checkLines)];
}

export function evidenceText(r: VerifyResult): string {
  return evidenceLines(r).join('\n');
}

/** The commit SHA the evidence names, if a commit check found one. */
export function evidenceCommit(r: VerifyResult): string | null {
  return r.checks.find((c) => c.commit)?.commit?.sha ?? null;
}
