// `task show ID`: everything about one task: status, what it waits for and why, what it traces
// (with the requirement titles), its checklist and its diagnostics.
import { UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';
import { jsonDiagnostic, makeTaskJson, relPath } from '../render/taskJson';
import { priorityText, statusGlyph, statusWord } from '../render/statusText';

export function taskShow(ctx: CommandContext, id: string | undefined, json: boolean): number {
  if (!id) throw new UsageError('task show needs a task id, e.g. "specpilot task show TASK-001"');
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const task = a.spec.tasks.find((t) => t.id === id);
  if (!task) throw new UsageError(`no task ${id} in ${relPath(opened.root, opened.path)}`);
  const diagnostics = a.diagnostics.filter((d) => d.span.line >= task.line && d.span.line <= task.endLine);
  if (json) {
    const traces = task.traces.flatMap((r) => r.ids).map((tid) => {
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
  const deps = a.graph.has(task.id) ? a.graph.dependsOn(task.id) : [];
  if (deps.length > 0) {
    io.out(`\n${st.bold('Waits for')}`);
    for (const d of deps) {
      const s = a.graph.effectiveStatus(d.id) ?? 'unknown';
      io.out(`  ${statusGlyph(s, st)} ${d.id} ${st.dim(`(${d.reason === 'explicit' ? 'depends on' : d.reason})`)} ${a.graph.task(d.id)?.title ?? ''}`);
    }
  }
  const dependants = a.graph.has(task.id) ? a.graph.dependantsOf(task.id) : [];
  if (dependants.length > 0) io.out(`\n${st.bold('Unblocks')}\n  ${dependants.map((d) => d.id).join(', ')}`);
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
    for (const d of diagnostics) io.out(`  ${d.span.line + 1}:${d.span.col + 1} ${d.severity === 'error' ? st.red('error') : st.yellow(d.severity)} ${d.message}`);
  }
  return 0;
}
