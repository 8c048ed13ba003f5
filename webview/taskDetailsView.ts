// Renders one Task details snapshot as plain DOM: header with status and actions, description,
// checklist, what the task waits for and unblocks, traced requirements with their text, problems.
import type {
  DetailsDefinition, DetailsDependency, DetailsTrace, HostToWebview, TaskDetails,
} from '../src/protocol/messages';
import { el, icon, linkButton, type Child } from './dom';
import { reasonLabel, severityIconName, statusIconName, statusLabel } from './statusStyle';

/** What a click asks the host to do; main.ts turns these into protocol messages. */
export interface TaskDetailsActions {
  openTask(line: number): void;
  revealTask(id: string): void;
  openDefinition(file: string, line: number): void;
}

type Snapshot = HostToWebview<'snapshot'>;

export function renderTaskDetails(s: Snapshot, act: TaskDetailsActions): HTMLElement[] {
  if (!s.details) return notFound(s, act);
  const d = s.details;
  return [
    header(d, s.fileLabel, act),
    d.description ? section('description', 'Description', null, el('p', { className: 'description' }, d.description)) : null,
    d.checklist.length > 0 ? checklist(d) : null,
    section('waits-for', 'Waits for', countText(d.waitsFor.length), dependencyList(d.waitsFor, act, 'Waits for nothing.', 'wait')),
    section('unblocks', 'Unblocks', countText(d.unblocks.length), dependencyList(d.unblocks, act, 'No task waits for it.', 'unblock')),
    section('traces', 'Traces to', countText(d.traces.length), traceList(d.traces, act)),
    d.diagnostics.length > 0 ? problems(d, act) : null,
  ].filter((n): n is HTMLElement => n !== null);
}

function header(d: TaskDetails, fileLabel: string, act: TaskDetailsActions): HTMLElement {
  const badges: Child[] = [
    el('span', { className: `badge status status-${d.status}`, attrs: { title: `Written as ${d.statusText || '(nothing)'}` } }, statusLabel(d.status)),
    d.priority && el('span', { className: `badge priority priority-${d.priority.toLowerCase()}`, attrs: { title: 'Priority' } }, d.priority),
    d.estimate && el('span', { className: 'badge', attrs: { title: 'Estimate' } }, icon('watch'), ` ${d.estimate}`),
    d.ready && el('span', { className: 'badge ready', attrs: { title: 'Every task it waits for is done' } }, 'Ready'),
    d.optional && el('span', { className: 'badge', attrs: { title: 'Run-all skips it and its parent does not wait for it' } }, 'Optional'),
  ];
  const where = [d.group, d.subgroup].filter((x): x is string => x !== null && x !== '').join(' › ');
  return el(
    'header',
    { className: 'task-header' },
    el('div', { className: 'title-row' },
      icon(statusIconName(d.status), `status-icon status-${d.status}`),
      el('h1', {}, el('span', { className: 'task-id' }, d.id), ' ', el('span', { className: 'task-title' }, d.title))),
    el('div', { className: 'badges' }, ...badges),
    el('p', { className: 'context' }, where ? `${where} · ` : '', `${fileLabel}:${d.line + 1}`, ` · ${d.format}`),
    el('div', { className: 'actions' },
      el('button', {
        className: 'primary',
        attrs: { type: 'button', 'aria-label': `Open ${d.id} in the editor`, 'data-key': 'open-task' },
        onClick: () => act.openTask(d.line),
      }, icon('go-to-file'), ' Open in editor')),
  );
}

function checklist(d: TaskDetails): HTMLElement {
  const done = d.checklist.filter((c) => c.checked).length;
  const items = d.checklist.map((c) =>
    el('li', { className: c.checked ? 'checked' : '' },
      icon(c.checked ? 'pass-filled' : 'circle-large-outline', c.checked ? 'status-done' : ''),
      el('span', { className: 'visually-hidden' }, c.checked ? 'Done: ' : 'Not done: '),
      el('span', { className: 'item-text' }, c.text)));
  const meter = el('div', { className: 'meter', attrs: { role: 'presentation' } }, el('div', { className: 'meter-fill' }));
  const fill = meter.firstElementChild;
  if (fill instanceof HTMLElement) fill.style.width = `${Math.round((done / d.checklist.length) * 100)}%`;
  return section('checklist', 'Checklist', `${done} of ${d.checklist.length} done`, meter, el('ul', { className: 'plain checklist' }, ...items));
}

function dependencyList(deps: readonly DetailsDependency[], act: TaskDetailsActions, empty: string, keyPrefix: string): HTMLElement {
  if (deps.length === 0) return el('p', { className: 'empty' }, empty);
  return el('ul', { className: 'plain deps' }, ...deps.map((dep) => {
    if (dep.status === null || dep.title === null) {
      return el('li', { className: 'missing' },
        icon('warning', 'severity-warning'),
        el('span', { className: 'dep-id' }, dep.id),
        el('span', { className: 'muted' }, 'is not a task of this file'));
    }
    const label = `${dep.id}: ${dep.title}, ${statusLabel(dep.status)}. Show its details`;
    return el('li', {},
      icon(statusIconName(dep.status), `status-${dep.status}`),
      el('span', { className: 'visually-hidden' }, `${statusLabel(dep.status)}: `),
      linkButton([dep.id], label, () => act.revealTask(dep.id), `${keyPrefix}:${dep.id}`),
      el('span', { className: 'dep-title' }, dep.title),
      el('span', { className: 'reason' }, reasonLabel(dep.reason)));
  }));
}

function traceList(traces: readonly DetailsTrace[], act: TaskDetailsActions): HTMLElement {
  if (traces.length === 0) return el('p', { className: 'empty' }, 'No trace references.');
  const items: HTMLElement[] = [];
  for (const t of traces) {
    for (const def of t.definitions) items.push(definitionItem(t, def, act));
    for (const id of t.missing) {
      items.push(el('li', { className: 'trace missing' },
        el('div', { className: 'trace-head' },
          icon('warning', 'severity-warning'),
          el('span', { className: 'dep-id' }, id),
          el('span', { className: 'muted' }, 'has no definition in the requirements or design files'))));
    }
    if (t.definitions.length === 0 && t.missing.length === 0) {
      items.push(el('li', { className: 'trace' }, el('div', { className: 'trace-head' }, icon('note'), el('span', {}, t.text))));
    }
  }
  return el('ul', { className: 'plain traces' }, ...items);
}

function definitionItem(t: DetailsTrace, def: DetailsDefinition, act: TaskDetailsActions): HTMLElement {
  const where = `${def.fileLabel}:${def.line + 1}`;
  const name = def.title ? `${def.id}: ${def.title}` : def.id;
  return el('li', { className: 'trace' },
    el('div', { className: 'trace-head' },
      icon(def.kind === 'design' ? 'symbol-structure' : 'book'),
      linkButton([def.id], `Open ${name} in ${where}`, () => act.openDefinition(def.file, def.line), `def:${def.id}:${t.line}`),
      def.title ? el('span', { className: 'def-title' }, def.title) : null,
      el('span', { className: 'muted' }, t.text === def.id ? `${def.kind} · ${where}` : `${def.kind} · ${where} · via ${t.text}`)),
    def.text ? el('pre', { className: 'definition', attrs: { tabindex: '0', 'aria-label': `Text of ${def.id}` } }, def.text) : null);
}

function problems(d: TaskDetails, act: TaskDetailsActions): HTMLElement {
  const items = d.diagnostics.map((p, i) =>
    el('li', {},
      icon(severityIconName(p.severity), `severity-${p.severity}`),
      el('span', { className: 'visually-hidden' }, `${p.severity}: `),
      el('span', { className: 'message' }, p.message),
      linkButton([`line ${p.line + 1}`], `Go to line ${p.line + 1}`, () => act.openTask(p.line), `problem:${i}`),
      el('span', { className: 'muted' }, p.code)));
  return section('problems', 'Problems', countText(d.diagnostics.length), el('ul', { className: 'plain problems' }, ...items));
}

function notFound(s: Snapshot, act: TaskDetailsActions): HTMLElement[] {
  return [
    el('header', { className: 'task-header' },
      el('div', { className: 'title-row' }, icon('warning', 'severity-warning'), el('h1', {}, el('span', { className: 'task-id' }, s.target.id))),
      el('p', {}, `${s.target.id} is not in ${s.fileLabel} any more: it was renamed or removed, or the file is gone.`),
      el('div', { className: 'actions' },
        el('button', {
          className: 'primary',
          attrs: { type: 'button', 'aria-label': `Open ${s.fileLabel}`, 'data-key': 'open-task' },
          onClick: () => act.openTask(0),
        }, icon('go-to-file'), ` Open ${s.fileLabel}`))),
  ];
}

function section(id: string, title: string, count: string | null, ...body: Child[]): HTMLElement {
  const headingId = `h-${id}`;
  return el('section', { className: `block ${id}`, attrs: { 'aria-labelledby': headingId } },
    el('h2', { attrs: { id: headingId } }, title, count ? el('span', { className: 'count' }, ` ${count}`) : null),
    ...body);
}

function countText(n: number): string | null {
  return n > 0 ? `(${n})` : null;
}
