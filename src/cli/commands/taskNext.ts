// `task next`: the task to run next in spec-runner's order, or why nothing is ready.
import { openOrThrow, type CommandContext } from '../context';
import { directDeps, idList, phasePrerequisites } from '../render/graphEdges';
import { makeTaskJson } from '../render/taskJson';
import { priorityText, statusWord } from '../render/statusText';

export function taskNext(ctx: CommandContext, json: boolean): number {
  const a = openOrThrow(ctx).analysis;
  const next = a.ready[0] ?? null;
  if (json) {
    ctx.io.out(JSON.stringify({ next: next ? makeTaskJson(a)(next) : null, ready: a.ready.map((t) => t.id) }, null, 2));
    return 0;
  }
  const { st, io } = ctx;
  if (next) {
    const resumed = next.status === 'in_progress' || next.status === 'review';
    io.out(`${st.bold(`${next.id}: ${next.title}`)}  ${priorityText(next.priority, st)}${next.estimate ? ` · ${next.estimate}` : ''}${resumed ? st.blue(` (${statusWord(next.status)}: resume it)`) : ''}`);
    if (a.ready.length > 1) io.out(st.dim(`then: ${a.ready.slice(1, 6).map((t) => t.id).join(', ')}${a.ready.length > 6 ? ', …' : ''}`));
    return 0;
  }
  const open = a.spec.tasks.filter((t) => t.status !== 'done' && !t.optional);
  if (open.length === 0) {
    io.out(st.green(a.spec.tasks.length === 1 ? 'The only task is done.' : `All ${a.spec.tasks.length} tasks are done.`));
    return 0;
  }
  io.out('No task is ready.');
  for (const t of open.slice(0, 10)) {
    const waiting = directDeps(a.graph, t.id).filter((d) => a.graph.effectiveStatus(d.id) !== 'done').map((d) => d.id);
    const phaseOpen = phasePrerequisites(a.graph, t.id).filter((id) => a.graph.effectiveStatus(id) !== 'done');
    const reasons = [
      ...(waiting.length > 0 ? [`waits for ${idList(waiting)}`] : []),
      ...(phaseOpen.length > 0 ? [`earlier phases not done: ${idList(phaseOpen)}`] : []),
    ];
    const why = t.status === 'blocked' ? 'blocked' : reasons.length > 0 ? reasons.join('; ') : statusWord(t.status);
    io.out(`  ${t.id}: ${why}`);
  }
  return 0;
}
