// `report [--milestone M] [--uncovered-only] [--json]`: the traceability matrix requirement ->
// design -> tasks -> status -> verified -> commit with costs, as Markdown or JSON. The store is
// read once (a snapshot, no lock) and the base branch's log once for every task it has no SHA for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirFor } from '../../core/executor/stateDir';
import { openRepo } from '../../core/git';
import { matrixJson, matrixMarkdown } from '../../core/report/matrixRender';
import { taskCommits, type TaskCommitIndex } from '../../core/report/taskCommits';
import { buildTraceMatrix, tasksWithoutStoredCommit } from '../../core/report/traceMatrix';
import { DEFAULT_STATE_FILE, readRunStore, type RunStoreSnapshot } from '../../core/store';
import { UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';

export interface ReportFlags {
  readonly milestone: string | null;
  readonly uncoveredOnly: boolean;
  readonly json: boolean;
}

export async function report(ctx: CommandContext, flags: ReportFlags): Promise<number> {
  if (flags.milestone !== null && flags.milestone.trim() === '') throw new UsageError('--milestone needs a name or number');
  const opened = openOrThrow(ctx);
  const dir = stateDirFor(opened.root, opened.path);
  let store: RunStoreSnapshot | null = null;
  if (existsSync(join(dir, DEFAULT_STATE_FILE))) {
    const r = await readRunStore(dir);
    if (!r.ok) throw new UsageError(r.error.message);
    store = r.store;
  }
  try {
    let commits: TaskCommitIndex | null = null;
    const note: string[] = [];
    const repo = await openRepo(opened.root);
    if (!('error' in repo)) {
      const ids = tasksWithoutStoredCommit(opened.analysis, store);
      const found = await taskCommits(repo, opened.config.config.main_branch, ids);
      if (found.ok) commits = found.value;
      else note.push(`commits not looked up: ${found.error}`);
    }
    const m = buildTraceMatrix({ analysis: opened.analysis, store, commits, milestone: flags.milestone, uncoveredOnly: flags.uncoveredOnly });
    if (flags.json) ctx.io.out(JSON.stringify(matrixJson(m, opened.root), null, 2));
    else ctx.io.out(matrixMarkdown(m, opened.root));
    for (const n of note) ctx.io.err(`specpilot: ${n}`);
    return 0;
  } finally {
    store?.close();
  }
}
