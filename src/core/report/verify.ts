// Verify (post-execution compliance) of a task: its checklist is complete, its traced requirements
// exist, the gates pass on the current tree, and a commit for it is on the base branch. Every
// check carries its evidence (command, exit code, output hash, commit SHA), so "verified" is a
// claim anyone can re-check, never a flag.
import type { GitPort } from '../git/gitPort';
import type { SpecAnalysis } from '../project/analyzeSpec';
import { runGate, type GateSpec } from '../executor/gates';

export type CheckName = 'checklist' | 'traces' | 'gates' | 'commit';

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
  /** null: could not be checked here (no git repository, no gate configured). */
  readonly passed: boolean | null;
  readonly detail: string;
  readonly gates?: readonly GateEvidence[];
  readonly commit?: { readonly sha: string; readonly subject: string; readonly branch: string };
}

export interface VerifyResult {
  readonly taskId: string;
  readonly title: string;
  /** Every check passed (with `strict`, none was left unchecked either). */
  readonly verified: boolean;
  readonly checks: readonly VerifyCheck[];
  readonly at: string;
}

export interface VerifyOptions {
  readonly root: string;
  readonly git: GitPort | null;
  readonly mainBranch: string;
  readonly gates: readonly GateSpec[];
  readonly gateTimeoutMs: number;
  /** Unchecked checks (null) count as failures. */
  readonly strict: boolean;
  readonly signal?: AbortSignal;
  /** Runs gates only once for several tasks: the tree is the same for all of them. */
  readonly gateCache?: Map<string, Promise<GateEvidence>>;
}

export async function verifyTask(a: SpecAnalysis, taskId: string, o: VerifyOptions): Promise<VerifyResult> {
  const task = a.spec.tasks.find((t) => t.id === taskId);
  const at = new Date().toISOString();
  if (!task) {
    return { taskId, title: '', verified: false, at, checks: [{ name: 'checklist', passed: false, detail: `no task ${taskId} in ${a.spec.file}` }] };
  }
  const checks: VerifyCheck[] = [];
  const open = task.checklist.filter((c) => !c.checked);
  checks.push({
    name: 'checklist',
    passed: open.length === 0,
    detail: task.checklist.length === 0 ? 'no checklist items' : open.length === 0 ? `all ${task.checklist.length} items checked` : `${open.length} of ${task.checklist.length} items unchecked: ${open.map((c) => c.index).join(', ')}`,
  });
  const ids = [...new Set(task.traces.flatMap((r) => r.ids))];
  const missing = ids.filter((id) => !a.trace.definition(id));
  checks.push({
    name: 'traces',
    passed: missing.length === 0,
    detail: ids.length === 0 ? 'traces no requirement' : missing.length === 0 ? `${ids.join(', ')} exist` : `no definition for ${missing.join(', ')}`,
  });
  checks.push(await gatesCheck(o));
  checks.push(await commitCheck(task.id, o));
  const verified = checks.every((c) => c.passed === true || (c.passed === null && !o.strict));
  return { taskId, title: task.title, verified, checks, at };
}

async function gatesCheck(o: VerifyOptions): Promise<VerifyCheck> {
  if (o.gates.length === 0) return { name: 'gates', passed: null, detail: 'no gate configured (commands.test / commands.lint)' };
  const evidence: GateEvidence[] = [];
  for (const g of o.gates) {
    const key = `${g.name}\u0000${g.command}`;
    let run = o.gateCache?.get(key);
    if (!run) {
      run = runGate(g, { cwd: o.root, timeoutMs: o.gateTimeoutMs, ...(o.signal ? { signal: o.signal } : {}) }).then((r) => ({
        name: r.name,
        command: r.command,
        exitCode: r.exitCode,
        passed: r.passed || !g.blocking,
        outputSha256: r.outputSha256,
        durationMs: r.durationMs,
        outputTail: r.outputTail,
      }));
      o.gateCache?.set(key, run);
    }
    evidence.push(await run);
  }
  const failed = evidence.filter((e) => !e.passed);
  return {
    name: 'gates',
    passed: failed.length === 0,
    detail: failed.length === 0 ? evidence.map((e) => `${e.name} passed`).join(', ') : failed.map((e) => `${e.name} (\`${e.command}\`) exited ${e.exitCode ?? 'by a signal'}`).join(', '),
    gates: evidence,
  };
}

async function commitCheck(taskId: string, o: VerifyOptions): Promise<VerifyCheck> {
  if (!o.git) return { name: 'commit', passed: null, detail: 'not a git repository' };
  try {
    const base = await o.git.baseBranch(o.mainBranch);
    const commits = await o.git.commitsFor(taskId, base);
    const c = commits[0];
    if (!c) return { name: 'commit', passed: false, detail: `no commit naming ${taskId} on ${base}` };
    return { name: 'commit', passed: true, detail: `${c.sha.slice(0, 8)} on ${base}: ${c.subject}`, commit: { ...c, branch: base } };
  } catch (err) {
    return { name: 'commit', passed: null, detail: `git: ${err instanceof Error ? err.message : String(err)}` };
  }
}
