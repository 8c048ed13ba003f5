// `task list`: the tasks in file order, grouped by milestone / phase, filterable; --json prints
// the stable { format, file, tasks, diagnostics } object.
import { oneOf, UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';
import { jsonDiagnostic, makeTaskJson, relPath } from '../render/taskJson';
import { pad, priorityText, statusGlyph, statusWord } from '../render/statusText';
import { TASK_STATUSES, type Priority, type TaskStatus } from '../../core/spec/model';

const PRIORITIES: readonly Priority[] = ['p0', 'p1', 'p2', 'p3'];

export function parseStatus(value: string | boolean | string[] | undefined): TaskStatus | null {
  if (typeof value === 'string') value = value.toLowerCase().replace(/[- ]/g, '_');
  return oneOf('status', value, TASK_STATUSES);
}

export function taskList(ctx: CommandContext, values: Record<string, string | boolean | string[] | undefined>): number {
  const status = parseStatus(values['status']);
  const priority = oneOf('priority', values['priority'], PRIORITIES);
  const milestone = typeof values['milestone'] === 'string' ? values['milestone'].toLowerCase() : null;
  if (values['milestone'] === '') throw new UsageError('--milestone needs a name or number');
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const tasks = a.spec.tasks.filter(
    (t) =>
      (status === null || t.status === status) &&
      (priority === null || t.priority === priority) &&
      (milestone === null || matchesGroup(t.group, milestone)),
  );
  if (values['json']) {
    const toJson = makeTaskJson(a);
    const out = {
      format: a.spec.format,
      file: relPath(opened.root, opened.path),
      tasks: tasks.map(toJson),
      diagnostics: a.diagnostics.map((d) => jsonDiagnostic(opened.root, d)),
    };
    ctx.io.out(JSON.stringify(out, null, 2));
    return 0;
  }
  const { st } = ctx;
  const ready = new Set(a.ready.map((t) => t.id));
  // Sub-tasks are indented inside the id column, so the columns after it stay aligned.
  const indentWidth = tasks.some((t) => t.parent !== null) ? 2 : 0;
  let longest = 4;
  for (const t of tasks) longest = Math.max(longest, t.id.length);
  const idWidth = Math.min(14, longest) + indentWidth;
  let group: string | null | undefined;
  for (const t of tasks) {
    if (t.group !== group) {
      group = t.group;
      if (group !== null) ctx.io.out(`\n${st.bold(group)}`);
    }
    const indent = t.parent !== null ? '  ' : '';
    const flags = [t.optional ? st.dim('optional') : '', ready.has(t.id) ? st.green('ready') : ''].filter(Boolean).join(' ');
    ctx.io.out(
      `  ${statusGlyph(t.status, st)} ${pad(indent + st.bold(t.id), idWidth)}  ${pad(statusWord(t.status), 11)} ${pad(priorityText(t.priority, st), 3)} ${pad(t.estimate ?? '', 5)} ${t.title}${flags ? `  ${flags}` : ''}`,
    );
  }
  const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
  ctx.io.out(
    st.dim(`\n${tasks.length} of ${a.spec.tasks.length} task${a.spec.tasks.length === 1 ? '' : 's'} · ${a.ready.length} ready · ${relPath(opened.root, opened.path)} (${a.spec.format})`) +
      (errors > 0 ? st.red(` · ${errors} error${errors === 1 ? '' : 's'}: run "specpilot validate"`) : ''),
  );
  return 0;
}

function matchesGroup(group: string | null, wanted: string): boolean {
  if (group === null) return false;
  const g = group.toLowerCase();
  if (/^\d+$/.test(wanted)) return new RegExp(`(^|\\D)${wanted}(\\D|$)`).test(g.split(':')[0] ?? g);
  return g.includes(wanted);
}
