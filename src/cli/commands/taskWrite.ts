// `task start|done|block ID` and `task check ID N`: change the task file through the lossless
// write-back (one meta-line word or one checkbox character), in every format.
import { UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';
import { directDeps, idList, phasePrerequisites } from '../render/graphEdges';
import { relPath } from '../render/taskJson';
import { statusWord } from '../render/statusText';
import { updateTaskFile, type TaskChange } from '../../core/project/updateTaskFile';
import type { WritableStatus } from '../../core/spec/writeBack';

export function taskSetStatus(ctx: CommandContext, id: string | undefined, status: WritableStatus, verb: string): number {
  if (!id) throw new UsageError(`task ${verb} needs a task id, e.g. "specpilot task ${verb} TASK-001"`);
  return apply(ctx, { kind: 'status', taskId: id, status });
}

export function taskCheck(ctx: CommandContext, id: string | undefined, n: string | undefined, checked: boolean): number {
  if (!id || !n) throw new UsageError('task check needs a task id and an item number, e.g. "specpilot task check TASK-001 2"');
  const index = Number(n);
  if (!Number.isInteger(index) || index < 1) throw new UsageError(`item number must be a whole number from 1 (got "${n}")`);
  return apply(ctx, { kind: 'check', taskId: id, index, checked });
}

function apply(ctx: CommandContext, change: TaskChange): number {
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const before = a.spec.tasks.find((t) => t.id === change.taskId);
  const result = updateTaskFile(a.spec, opened.text, change);
  const where = relPath(opened.root, opened.path);
  if (!result.ok) {
    if (result.notFound) throw new UsageError(`no task ${change.taskId} in ${where}`);
    ctx.io.err(`specpilot: ${result.error}`);
    return 1;
  }
  const { st, io } = ctx;
  const t = result.task;
  if (change.kind === 'status') {
    if (!result.changed) io.out(`${t.id} is already ${statusWord(t.status)}; ${where} unchanged`);
    else io.out(`${st.bold(t.id)}: ${statusWord(before?.status ?? 'unknown')} → ${st.green(statusWord(t.status))}  ${st.dim(`${where}:${t.line + 1}`)}`);
    if (change.status === 'in_progress' && a.graph.has(t.id)) {
      const waiting = directDeps(a.graph, t.id).filter((d) => a.graph.effectiveStatus(d.id) !== 'done').map((d) => d.id);
      const phaseOpen = phasePrerequisites(a.graph, t.id).filter((id) => a.graph.effectiveStatus(id) !== 'done');
      if (waiting.length > 0) io.err(st.yellow(`note: ${t.id} still waits for ${idList(waiting)}`));
      if (phaseOpen.length > 0) io.err(st.yellow(`note: earlier phases are not done: ${idList(phaseOpen)}`));
    }
  } else {
    const item = t.checklist.find((c) => c.index === change.index)!;
    io.out(`${st.bold(t.id)} item ${change.index} ${result.changed ? (change.checked ? 'checked' : 'unchecked') : `already ${change.checked ? 'checked' : 'unchecked'}`}: [${item.checked ? 'x' : ' '}] ${item.text}  ${st.dim(`${where}:${item.span.line + 1}`)}`);
  }
  return 0;
}
