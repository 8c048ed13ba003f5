// The traceability report page: requirement -> design -> tasks -> status -> verified -> commit, with
// costs per task and per requirement, a milestone filter and an uncovered-only toggle. Rows render
// in chunks as the user scrolls (10,000 rows stay fast); every text goes in through textContent.
import type { HostToReport, ReportLocation, ReportPanelState, ReportRow, ReportTask, ReportToHost } from '../../src/protocol/reportMessages';
import { STATUS_LOOK } from '../../src/protocol/statusLook';
import { el, icon } from '../dom';
import { SnapshotSequence } from '../sequence';
import { vscodeApi } from '../vscodeApi';
import {
  chunkEnd,
  formatCost,
  locationLabel,
  progressText,
  readReportMessage,
  shortSha,
  totalsText,
  verifiedIcon,
  verifiedText,
} from './reportModel';

const COLUMNS = ['Requirement', 'Design', 'Task', 'Status', 'Verified', 'Commit', 'Task cost', 'Requirement cost'] as const;
/** Start the next chunk when the end of the table is this close to the viewport. */
const AHEAD_PX = 800;

export function startReportView(root: HTMLElement): void {
  const api = vscodeApi<ReportPanelState, ReportToHost>();
  const sequence = new SnapshotSequence();
  const post = (m: ReportToHost): void => api.postMessage(m);
  let snapshot: HostToReport<'snapshot'> | null = null;
  let rendered = 0;

  const title = el('h1', {}, 'Traceability report');
  const summary = el('p', { className: 'muted', attrs: { id: 'report-summary', role: 'status' } });
  const note = el('p', { className: 'banner', attrs: { id: 'report-note', role: 'note' } });
  note.hidden = true;
  const milestone = el('select', { attrs: { id: 'report-milestone', 'data-key': 'report-milestone' } });
  const uncovered = el('input', { attrs: { id: 'report-uncovered', type: 'checkbox', 'data-key': 'report-uncovered' } });
  const sendFilter = (): void => {
    post({ type: 'filter', milestone: milestone.value === '' ? null : milestone.value, uncoveredOnly: uncovered.checked });
  };
  milestone.addEventListener('change', sendFilter);
  uncovered.addEventListener('change', sendFilter);
  const controls = el('div', { className: 'report-controls' },
    el('label', { attrs: { for: 'report-milestone' } }, 'Milestone '), milestone,
    el('label', { className: 'check' }, uncovered, ' Uncovered requirements only'));

  const body = el('tbody', {});
  const table = el('table', { className: 'matrix', attrs: { id: 'report-table' } },
    el('caption', { className: 'visually-hidden' }, 'Requirements, their designs and the tasks that trace them'),
    el('thead', {}, el('tr', {}, ...COLUMNS.map((c) => el('th', { attrs: { scope: 'col' } }, c)))),
    body);
  const empty = el('p', { className: 'placeholder', attrs: { id: 'report-empty' } }, 'No requirement or task matches.');
  empty.hidden = true;
  const more = el('p', { className: 'muted more', attrs: { id: 'report-more' } });
  const scroller = el('div', { className: 'table-wrap', attrs: { id: 'report-scroll', tabindex: '0', 'aria-label': 'Traceability matrix' } }, table, empty, more);

  const open = (at: ReportLocation): void => post({ type: 'open', file: at.file, line: at.line });
  const link = (text: string, at: ReportLocation, what: string): HTMLButtonElement => {
    const label = `Open ${what} at ${locationLabel(at)}`;
    return el('button', { className: 'link', attrs: { type: 'button', title: label, 'aria-label': `${text}: ${label}` }, onClick: () => open(at) }, text);
  };

  const taskCells = (t: ReportTask | undefined): HTMLTableCellElement[] => {
    if (!t) return [el('td', { className: 'uncovered', attrs: { colspan: '5' } }, icon('warning'), ' No task traces this requirement')];
    const look = STATUS_LOOK[t.status];
    const statusLink = link(look.label, t.statusAt, `${t.id}'s status`);
    const costText = `${formatCost(t.costUsd)}${t.unpriced ? '+' : ''}`;
    return [
      el('td', {}, link(t.id, t.at, t.id), el('span', { className: 'task-title' }, ` ${t.title}`),
        t.alsoIn.length ? el('span', { className: 'muted also' }, ` (also under ${t.alsoIn.join(', ')})`) : null),
      el('td', { attrs: { 'data-status': t.status } }, icon(look.icon, `status-icon status-${t.status}`), ' ', statusLink),
      el('td', { attrs: { 'data-verified': String(t.verified), ...(t.verifiedAt ? { title: `Verify of ${t.verifiedAt}` } : {}) } },
        icon(verifiedIcon(t.verified), `verified-${String(t.verified)}`), ` ${verifiedText(t.verified)}`),
      el('td', { className: 'mono', attrs: t.commit ? { title: t.commit } : {} }, shortSha(t.commit)),
      el('td', { className: 'num', attrs: t.unpriced ? { title: 'Some attempts could not be priced: at least this much' } : {} }, costText),
    ];
  };

  const rowsOf = (row: ReportRow): HTMLTableRowElement[] => {
    const span = String(Math.max(1, row.tasks.length));
    const req = row.requirement;
    const reqCell = el('th', { attrs: { scope: 'row', rowspan: span } },
      req ? link(req.id, req.at, req.id) : el('span', { className: 'muted' }, '(no requirement)'),
      req && req.title ? el('span', { className: 'req-title' }, ` ${req.title}`) : null);
    const designCell = el('td', { attrs: { rowspan: span } });
    row.designs.forEach((d, i) => {
      if (i > 0) designCell.append(', ');
      designCell.append(link(d.id, d.at, d.id));
    });
    if (row.designs.length === 0) designCell.append(el('span', { className: 'muted' }, '—'));
    const costCell = el('td', { className: 'num', attrs: { rowspan: span } }, formatCost(row.costUsd));
    const first = el('tr', { className: req ? 'req' : 'req no-req' }, reqCell, designCell, ...taskCells(row.tasks[0]), costCell);
    const out = [first];
    for (const t of row.tasks.slice(1)) out.push(el('tr', {}, ...taskCells(t)));
    return out;
  };

  const appendChunk = (): void => {
    if (!snapshot) return;
    const end = chunkEnd(snapshot.rows, rendered);
    if (end === rendered) return;
    const fragment = document.createDocumentFragment();
    for (let i = rendered; i < end; i++) fragment.append(...rowsOf(snapshot.rows[i]!));
    body.append(fragment);
    rendered = end;
    more.textContent = progressText(rendered, snapshot.rows.length);
    more.hidden = rendered >= snapshot.rows.length;
  };

  /** Renders chunks while the table's end is near the viewport (the observer only fires on change). */
  const fill = (): void => {
    let guard = 0;
    while (snapshot && rendered < snapshot.rows.length && guard++ < 50 && more.getBoundingClientRect().top < scroller.getBoundingClientRect().bottom + AHEAD_PX) {
      appendChunk();
    }
  };
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) requestAnimationFrame(fill);
  }, { root: scroller, rootMargin: `0px 0px ${AHEAD_PX}px 0px` }).observe(more);

  const apply = (m: HostToReport<'snapshot'>): void => {
    snapshot = m;
    // The host's serializer reads this back after a window reload to reopen the same file's report.
    api.setState({ file: m.file });
    title.textContent = `Traceability report · ${m.fileLabel}`;
    document.title = `Report · ${m.fileLabel}`;
    summary.textContent = totalsText(m.totals);
    note.textContent = m.notes.join(' ');
    note.hidden = m.notes.length === 0;
    const options = [el('option', { attrs: { value: '' } }, 'All milestones'), ...m.milestones.map((t) => el('option', { attrs: { value: t } }, t))];
    milestone.replaceChildren(...options);
    milestone.value = m.filter.milestone ?? '';
    uncovered.checked = m.filter.uncoveredOnly;
    const top = scroller.scrollTop;
    body.replaceChildren();
    rendered = 0;
    empty.hidden = m.rows.length > 0;
    appendChunk();
    fill();
    // A refresh (a run finished, the file changed) keeps the reader's place.
    scroller.scrollTop = top;
    fill();
    root.setAttribute('aria-busy', 'false');
  };

  root.replaceChildren(el('header', { className: 'report-header' }, title, summary, controls, note), scroller);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const m = readReportMessage(event.data);
    if (!m || !sequence.accept(m.seq)) return;
    apply(m);
  });
  post({ type: 'ready' });
}
