// `verify [--task ID ...] [--json] [--strict]`: post-execution compliance of done tasks (or the named
// ones) with evidence: checklist, traces, gates on the current tree, the task's commit on the base,
// the latest AI review.
import { verifySession } from '../../core/report/verifySession';
import { UsageError } from '../args';
import type { CommandContext } from '../context';

export async function verify(ctx: CommandContext, taskIds: readonly string[], json: boolean, strict: boolean): Promise<number> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.io.env)) if (typeof v === 'string') env[k] = v;
  const s = await verifySession({
    cwd: ctx.global.cwd,
    file: ctx.global.file,
    specPrefix: ctx.global.specPrefix,
    taskIds,
    strict,
    front: 'cli',
    overrides: { env },
  });
  if (!s.ok) throw new UsageError(s.error);
  const failed = s.results.filter((r) => !r.verified);
  if (json) {
    ctx.io.out(JSON.stringify({ verified: failed.length === 0, recorded: s.recorded, note: s.note, timing: s.timing, results: s.results }, null, 2));
    return failed.length === 0 ? 0 : 1;
  }
  const { st, io } = ctx;
  if (s.results.length === 0) io.out('No task is marked done: nothing to verify (name one with --task ID).');
  const indent = st.dim(' '.repeat(16));
  for (const r of s.results) {
    io.out(`${r.verified ? st.green('✓ verified') : st.red('✗ not verified')}  ${st.bold(`${r.taskId}: ${r.title}`)}`);
    for (const c of r.checks) {
      const mark = c.passed === true ? st.green('✓') : c.passed === false ? st.red('✗') : st.yellow('−');
      io.out(`    ${mark} ${c.name.padEnd(9)} ${c.detail}`);
      for (const g of c.gates ?? []) io.out(indent + st.dim(`\`${g.command}\` exit ${g.exitCode ?? 'signal'} · output sha256 ${g.outputSha256.slice(0, 12)}`));
      if (c.commit) io.out(indent + st.dim(`commit ${c.commit.sha}`));
      for (const rv of c.review?.reviewers ?? []) io.out(indent + st.dim(`${rv.role}: ${rv.verdict ?? 'no verdict'}${rv.agent ? ` · ${rv.agent}${rv.model ? ` ${rv.model}` : ''}` : ''}${rv.log ? ` · ${rv.log}` : ''}`));
    }
  }
  if (s.note) io.err(`specpilot: ${s.note}`);
  return failed.length === 0 ? 0 : 1;
}
