// `task stats`: progress by status and priority, the estimate still open, readiness and
// requirement coverage, in one glance or as JSON.
import { openOrThrow, type CommandContext } from '../context';
import { relPath } from '../render/taskJson';
import { TASK_STATUSES } from '../../core/spec/model';

/** Days for an estimate such as `2d`, `2-3d` (upper bound), `4h` (8 h a day). */
export function estimateDays(estimate: string | null): number | null {
  if (!estimate) return null;
  const m = /^(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*([dhw])/i.exec(estimate.trim());
  if (!m) return null;
  const value = Number(m[2] ?? m[1]);
  const unit = m[3]!.toLowerCase();
  return unit === 'h' ? value / 8 : unit === 'w' ? value * 5 : value;
}

export function taskStats(ctx: CommandContext, json: boolean): number {
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const tasks = a.spec.tasks;
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  const byPriority: Record<string, number> = { p0: 0, p1: 0, p2: 0, p3: 0, none: 0 };
  let openDays = 0;
  let doneDays = 0;
  for (const t of tasks) {
    byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
    byPriority[t.priority ?? 'none'] = (byPriority[t.priority ?? 'none'] ?? 0) + 1;
    const d = estimateDays(t.estimate) ?? 0;
    if (t.status === 'done') doneDays += d;
    else openDays += d;
  }
  const uncovered = a.trace.uncovered().map((d) => d.id);
  const done = byStatus['done'] ?? 0;
  const percent = tasks.length === 0 ? 0 : Math.round((done / tasks.length) * 100);
  const stats = {
    file: relPath(opened.root, opened.path),
    format: a.spec.format,
    total: tasks.length,
    byStatus,
    byPriority,
    percentDone: percent,
    ready: a.ready.length,
    estimateDays: { open: round(openDays), done: round(doneDays) },
    requirements: { defined: a.trace.definitions.filter(isObligation).length, uncovered },
  };
  if (json) {
    ctx.io.out(JSON.stringify(stats, null, 2));
    return 0;
  }
  const { st, io } = ctx;
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  io.out(`${st.bold(stats.file)} (${a.spec.format}): ${tasks.length} tasks`);
  io.out(`${st.green('█'.repeat(filled))}${st.dim('░'.repeat(width - filled))} ${percent}% done`);
  io.out(TASK_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0).map((s) => `${s}: ${byStatus[s]}`).join('  '));
  io.out(`priority: ${Object.entries(byPriority).filter(([, n]) => n > 0).map(([p, n]) => `${p.toUpperCase()} ${n}`).join('  ')}`);
  io.out(`ready now: ${a.ready.length}`);
  if (openDays + doneDays > 0) io.out(`estimate: ${round(openDays)}d open, ${round(doneDays)}d done`);
  if (stats.requirements.defined > 0) {
    io.out(uncovered.length === 0
      ? st.green(`requirements: all ${stats.requirements.defined} traced by a task`)
      : st.yellow(`requirements: ${uncovered.length} of ${stats.requirements.defined} traced by no task: ${uncovered.slice(0, 8).join(', ')}${uncovered.length > 8 ? ', …' : ''}`));
  }
  return 0;
}

function isObligation(d: { kind: string }): boolean {
  return d.kind === 'requirement' || d.kind === 'nfr' || d.kind === 'criterion' || d.kind === 'functional';
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
