// Verify (post-execution compliance) of a task: its checklist is complete, its traced requirements
// exist, the gates pass on the current tree, a commit for it is on the base branch, and its latest
// AI review passed. Every check carries its evidence (command, exit code, output hash, commit SHA,
// verdict), so "verified" is a claim anyone can re-check, never a flag.
import type { SpecAnalysis } from '../project/analyzeSpec';
import type { GateSpec } from '../executor/gates';
import type { ReviewEvidence } from './reviewEvidence';
import type { SessionGates } from './sessionGates';
import type { TaskCommitsResult } from './taskCommits';

export type CheckName = 'checklist' | 'traces' | 'gates' | 'commit' | 'review';
export const CHECK_NAMES: readonly CheckName[] = ['checklist', 'traces', 'gates', 'commit', 'review'];

/** `unchecked`: could not be checked here (no git repository, no gate configured, no review ran). */
export type Verdict = 'passed' | 'failed' | 'unchecked';

/** One piece of evidence: what was looked at and what it answered. Fields that do not apply are null. */
export interface Evidence {
  /** What was checked: `checklist`, `traces`, a gate's name, the base branch, a reviewer's role. */
  readonly subject: string;
  readonly command: string | null;
  readonly exitCode: number | null;
  readonly outputSha256: string | null;
  readonly commitSha: string | null;
  readonly verdict: Verdict;
}

export interface GateEvidence {
  readonly name: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly passed: boolean;
  readonly outputSha256: string;
  readonly durationMs: number;
  readonly outputTail: string;
}

export interface VerifyCheck {
  readonly name: CheckName;
  /** null: could not be checked here (see Verdict `unchecked`). */
  readonly passed: boolean | null;
  readonly verdict: Verdict;
  readonly detail: string;
  readonly evidence: readonly Evidence[];
  readonly gates?: readonly GateEvidence[];
  readonly commit?: { readonly sha: string; readonly subject: string; readonly branch: string };
  readonly review?: ReviewEvidence;
}

export interface VerifyResult {
  readonly taskId: string;
  readonly title: string;
  /** Every check passed (with `strict`, none was left unchecked either). */
  readonly verified: boolean;
  readonly strict: boolean;
  readonly checks: readonly VerifyCheck[];
  readonly at: string;
}

export interface VerifyOptions {
  readonly root: string;
  readonly gates: readonly GateSpec[];
  /** Runs each gate once per verify session (sessionGates); every task's check shares that run. */
  readonly gateRuns: SessionGates;
  /** Unchecked checks count as failures. */
  readonly strict: boolean;
  /** The base branch's commits of every task, read once per session; null: not a git repository. */
  readonly commits: TaskCommitsResult | null;
  /** The task's latest review; null when none was recorded (review off, or never ran). */
  readonly review: ReviewEvidence | null;
  readonly now?: () => Date;
}

export async function verifyTask(a: SpecAnalysis, taskId: string, o: VerifyOptions): Promise<VerifyResult> {
  const task = a.graph.task(taskId) ?? a.spec.tasks.find((t) => t.id === taskId);
  const at = (o.now ?? (() => new Date()))().toISOString();
  if (!task) {
    const detail = `no task ${taskId} in ${a.spec.file}`;
    return { taskId, title: '', verified: false, strict: o.strict, at, checks: [check('checklist', false, detail, [item('checklist', 'failed')])] };
  }
  const checks: VerifyCheck[] = [];
  const open = task.checklist.filter((c) => !c.checked);
  checks.push(
    check(
      'checklist',
      open.length === 0,
      task.checklist.length === 0 ? 'no checklist items' : open.length === 0 ? `all ${task.checklist.length} items checked` : `${open.length} of ${task.checklist.length} items unchecked: ${open.map((c) => c.index).join(', ')}`,
      [item('checklist', open.length === 0 ? 'passed' : 'failed')],
    ),
  );
  const ids = [...new Set(task.traces.flatMap((r) => r.ids))];
  const missing = ids.filter((id) => !a.trace.definition(id));
  checks.push(
    check(
      'traces',
      missing.length === 0,
      ids.length === 0 ? 'traces no requirement' : missing.length === 0 ? `${ids.join(', ')} exist` : `no definition for ${missing.join(', ')}`,
      [item('traces', missing.length === 0 ? 'passed' : 'failed')],
    ),
  );
  checks.push(await gatesCheck(task.id, o));
  checks.push(commitCheck(task.id, o.commits));
  checks.push(reviewCheck(o.review));
  const verified = checks.every((c) => c.passed === true || (c.passed === null && !o.strict));
  return { taskId, title: task.title, verified, strict: o.strict, checks, at };
}

function verdictOf(passed: boolean | null): Verdict {
  return passed === null ? 'unchecked' : passed ? 'passed' : 'failed';
}

function check(name: CheckName, passed: boolean | null, detail: string, evidence: readonly Evidence[]): VerifyCheck {
  return { name, passed, verdict: verdictOf(passed), detail, evidence };
}

function item(subject: string, verdict: Verdict, more: Partial<Omit<Evidence, 'subject' | 'verdict'>> = {}): Evidence {
  return { subject, command: null, exitCode: null, outputSha256: null, commitSha: null, verdict, ...more };
}

async function gatesCheck(taskId: string, o: VerifyOptions): Promise<VerifyCheck> {
  if (o.gates.length === 0) return check('gates', null, 'no gate configured (commands.test / commands.lint)', [item('gates', 'unchecked')]);
  const evidence: GateEvidence[] = [];
  let shared = '';
  for (const g of o.gates) {
    const { run: r, firstTaskId, sessionTasks } = await o.gateRuns.run(g, taskId);
    if (sessionTasks > 1) shared = ` (one run shared by this verify session's ${sessionTasks} tasks, made for ${firstTaskId})`;
    evidence.push({
      name: r.name,
      command: r.command,
      exitCode: r.exitCode,
      passed: r.passed || !g.blocking,
      outputSha256: r.outputSha256,
      durationMs: r.durationMs,
      outputTail: r.outputTail,
    });
  }
  const failed = evidence.filter((e) => !e.passed);
  return {
    ...check(
      'gates',
      failed.length === 0,
      (failed.length === 0 ? evidence.map((e) => `${e.name} passed`).join(', ') : failed.map((e) => `${e.name} (\`${e.command}\`) exited ${e.exitCode ?? 'by a signal'}`).join(', ')) + shared,
      evidence.map((e) => item(e.name, e.passed ? 'passed' : 'failed', { command: e.command, exitCode: e.exitCode, outputSha256: e.outputSha256 })),
    ),
    gates: evidence,
  };
}

function commitCheck(taskId: string, commits: TaskCommitsResult | null): VerifyCheck {
  if (commits === null) return check('commit', null, 'not a git repository', [item('commit', 'unchecked')]);
  if (!commits.ok) return check('commit', null, commits.error, [item('commit', 'unchecked')]);
  const base = commits.value.base;
  const c = commits.value.commitsOf(taskId)[0];
  if (!c) return check('commit', false, `no commit naming ${taskId} on ${base}`, [item(base, 'failed')]);
  return {
    ...check('commit', true, `${c.sha.slice(0, 8)} on ${base}: ${c.subject}`, [item(base, 'passed', { commitSha: c.sha })]),
    commit: { ...c, branch: base },
  };
}

function reviewCheck(review: ReviewEvidence | null): VerifyCheck {
  if (review === null) return check('review', null, 'no review recorded (review off, or it never ran)', [item('review', 'unchecked')]);
  const evidence = review.reviewers.map((r) => item(r.role, r.verdict === 'passed' || r.verdict === 'fixed' ? 'passed' : 'failed', { command: r.agent === '' ? null : r.agent }));
  const answers = review.reviewers.map((r) => `${r.role} ${r.verdict ?? 'no verdict'}`).join(', ');
  const detail = review.reviewers.length === 0 ? `attempt ${review.attempt}: no reviewer answered` : `attempt ${review.attempt}: ${answers}`;
  return { ...check('review', review.passed, detail, evidence.length ? evidence : [item('review', 'failed')]), review };
}
