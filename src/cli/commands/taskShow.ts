// `task show ID`: everything about one task: status, what it waits for and why, what it traces
// (with the requirement titles), its checklist and its diagnostics.
import { UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';
import { directDependants, directDeps, idList, phasePrerequisites, phaseWaiters } from '../render/graphEdges';
import { clipMessage, jsonDiagnostic, makeTaskJson, relPath } from '../render/taskJson';
import { priorityText, statusGlyph, statusWord } from '../render/statusText';

export function taskShow(ctx: CommandContext, id: string | undefined, json: boolean): number {
  if (!id) throw new UsageError('task show needs a task id, e.g. "specpilot task show TASK-001"');
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const task = a.spec.tasks.find((t) => t.id === id);
  if (!task) throw new UsageError(`no task ${id} in ${relPath(opened.root, opened.path)}`);
  const diagnostics = a.diagnostics.filter((d) => d.span.line >= task.line && d.span.line <= task.endLine);
  if (json) {
    const traces = [...new Set(task.traces.flatMap((r) => r.ids))].map((tid) => {
      const def = a.trace.definition(tid);
      return { id: tid, title: def?.title ?? null, file: def ? relPath(opened.root, def.file) : null, line: def ? def.line + 1 : null };
    });
    ctx.io.out(JSON.stringify({
      ...makeTaskJson(a)(task),
      description: task.description,
      file: relPath(opened.root, opened.path),
      traceDefinitions: traces,
      diagnostics: diagnostics.map((d) => jsonDiagnostic(opened.root, d)),
    }, null, 2));
    return 0;
  }
  const { st, io } = ctx;
  io.out(`${statusGlyph(task.status, st)} ${st.bold(`${task.id}: ${task.title}`)}`);
  io.out(`  ${statusWord(task.status)} · ${priorityText(task.priority, st)}${task.estimate ? ` · ${task.estimate}` : ''}${task.group ? ` · ${task.group}` : ''}`);
  io.out(st.dim(`  ${relPath(opened.root, opened.path)}:${task.line + 1}`));
  if (task.description) io.out(`\n${task.description.split('\n').map((l) => `  ${l}`).join('\n')}`);
  if (task.checklist.length > 0) {
    io.out(`\n${st.bold('Checklist')}`);
    for (const c of task.checklist) io.out(`  ${c.index}. [${c.checked ? 'x' : ' '}] ${c.text}`);
  }
  const g = a.graph;
  const deps = directDeps(g, task.id);
  // Phase barriers are summarised: listing every task of every earlier phase drowns the real deps.
  const phaseDeps = phasePrerequisites(g, task.id);
  if (deps.length > 0 || phaseDeps.length > 0) {
    io.out(`\n${st.bold('Waits for')}`);
    for (const d of deps) {
      const s = g.effectiveStatus(d.id) ?? 'unknown';
      io.out(`  ${statusGlyph(s, st)} ${d.id} ${st.dim(`(${d.reason === 'explicit' ? 'depends on' : d.reason})`)} ${g.task(d.id)?.title ?? ''}`);
    }
    if (phaseDeps.length > 0) {
      const open = phaseDeps.filter((id) => g.effectiveStatus(id) !== 'done');
      const glyph = statusGlyph(open.length === 0 ? 'done' : 'todo', st);
      io.out(`  ${glyph} ${st.dim('(phase)')} the ${phaseDeps.length} task${phaseDeps.length === 1 ? '' : 's'} of earlier phases${open.length === 0 ? ', all done' : `; not done: ${idList(open)}`}`);
    }
  }
  const dependants = directDependants(g, task.id).map((d) => d.id);
  const laterPhases = phaseWaiters(g, task.id).length;
  if (dependants.length > 0 || laterPhases > 0) {
    const phaseText = laterPhases > 0 ? `${dependants.length > 0 ? '; ' : ''}the ${laterPhases} task${laterPhases === 1 ? '' : 's'} of later phases` : '';
    io.out(`\n${st.bold('Unblocks')}\n  ${idList(dependants, 20)}${phaseText}`);
  }
  const traceIds = task.traces.flatMap((r) => r.ids);
  if (traceIds.length > 0) {
    io.out(`\n${st.bold('Traces to')}`);
    for (const tid of traceIds) {
      const def = a.trace.definition(tid);
      io.out(`  ${tid}${def ? `: ${def.title} ${st.dim(`(${relPath(opened.root, def.file)}:${def.line + 1})`)}` : st.yellow(' (not defined)')}`);
    }
  }
  if (diagnostics.length > 0) {
    io.out(`\n${st.bold('Problems')}`);
    for (const d of diagnostics) io.out(`  ${d.span.line + 1}:${d.span.col + 1} ${d.severity === 'error' ? st.red('error') : st.yellow(d.severity)} ${clipMessage(d.message)}`);
  }
  return 0;
}
