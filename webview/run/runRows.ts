// Builds one output row's DOM from a RunItem: agent text only ever reaches the page as textContent
// (ANSI colours as classes, exact colours through the CSSOM), never as HTML. Tool calls and gate
// results are one line with a codicon that expands, on click, to their detail as preformatted text.
import type { RunItem } from '../../src/protocol/runMessages';
import { el, icon, type Child } from '../dom';
import { ansiSegments } from './ansi';
import { attemptText, durationText, stageLabel, toneIcon } from './runLook';

export interface RowActions {
  /** Expand or collapse row `index` (index since the run started). */
  toggle(index: number): void;
  copy(text: string): void;
}

/** Every row is `.run-line` with its kind as a class and its index as data-index. */
export function renderRow(item: RunItem, index: number, expanded: boolean, act: RowActions): HTMLElement {
  const row = rowOf(item, index, expanded, act);
  row.classList.add('run-line', `kind-${item.kind}`);
  row.dataset['index'] = String(index);
  if (expanded) row.classList.add('expanded');
  return row;
}

function rowOf(item: RunItem, index: number, expanded: boolean, act: RowActions): HTMLElement {
  switch (item.kind) {
    case 'text':
      return wrappable(index, expanded, act, ansiText(item.text));
    case 'output':
      return wrappable(index, expanded, act, ansiText(item.line), item.stream === 'stderr' ? 'stream-stderr' : 'stream-stdout');
    case 'tool':
      return expandable(index, expanded, act, item.detail, `Input of ${item.name}`, [
        icon('tools', 'row-icon'),
        el('span', { className: 'tool-name' }, item.name),
        el('span', { className: 'line-text' }, item.summary),
      ]);
    case 'tool_result':
      return el('div', { className: item.isError ? 'tone-error' : 'muted' },
        icon(item.isError ? 'close' : 'check', 'row-icon'),
        el('span', { className: 'line-text' }, item.summary || (item.isError ? 'Tool failed' : 'Tool finished')));
    case 'stage':
      return el('div', { className: 'stage-row' },
        icon('arrow-right', 'row-icon'),
        el('span', { className: 'line-text' }, `${stageLabel(item.stage)} · ${attemptText(item.attempt, item.maxAttempts)}`));
    case 'gate': {
      const verdict = item.passed ? 'passed' : item.exitCode === null ? 'failed' : `failed (exit ${item.exitCode})`;
      return expandable(index, expanded, act, item.output || '(no output)', `Output of gate ${item.name}`, [
        icon(item.passed ? 'pass-filled' : 'error', `row-icon ${item.passed ? 'tone-success' : 'tone-error'}`),
        el('span', { className: 'tool-name' }, `Gate ${item.name}`),
        el('span', { className: 'line-text' }, `${verdict} in ${durationText(item.durationMs)} · ${item.command}`),
      ]);
    }
    case 'retry':
      return el('div', { className: 'tone-warning' },
        icon('refresh', 'row-icon'),
        el('span', { className: 'line-text' }, `Retrying as attempt ${item.nextAttempt} in ${durationText(item.delayMs)}${item.reason ? `: ${item.reason}` : ''}`));
    case 'error':
      return el('div', { className: 'tone-error' }, icon('error', 'row-icon'), el('span', { className: 'line-text' }, item.message));
    case 'marker':
      return el('div', { className: `marker tone-${item.tone}` }, icon(toneIcon(item.tone), 'row-icon'), el('span', { className: 'line-text' }, item.label));
  }
}

/** Styled spans of one line, built with textContent; exact colours set through the CSSOM (CSP-safe). */
export function ansiText(line: string): HTMLSpanElement {
  const out = el('span', { className: 'line-text' });
  for (const s of ansiSegments(line)) {
    if (s.classes.length === 0 && s.color === null && s.background === null) {
      out.append(document.createTextNode(s.text));
      continue;
    }
    const span = el('span', { className: s.classes.join(' ') }, s.text);
    if (s.color !== null) span.style.color = s.color;
    if (s.background !== null) span.style.backgroundColor = s.background;
    out.append(span);
  }
  return out;
}

/** A text row: one line, cut at the edge; a click on a cut line wraps it (and a second click unwraps). */
function wrappable(index: number, expanded: boolean, act: RowActions, text: HTMLElement, extraClass = ''): HTMLElement {
  const row = el('div', { className: extraClass }, text);
  row.addEventListener('click', () => {
    // Selecting text to copy it must not toggle the row.
    if (!(window.getSelection()?.isCollapsed ?? true)) return;
    if (expanded || text.scrollWidth > text.clientWidth) act.toggle(index);
  });
  return row;
}

/** A tool call or gate: a toggle button on one line, the detail below it when expanded. */
function expandable(index: number, expanded: boolean, act: RowActions, detail: string, detailLabel: string, label: Child[]): HTMLElement {
  const toggle = el('button', {
    className: 'row-toggle',
    attrs: { type: 'button', 'aria-expanded': String(expanded), 'data-key': `row:${index}`, title: expanded ? 'Hide the detail' : 'Show the detail' },
    onClick: () => act.toggle(index),
  }, icon(expanded ? 'chevron-down' : 'chevron-right', 'chevron'), ...label);
  if (!expanded) return el('div', {}, toggle);
  return el('div', {},
    toggle,
    el('div', { className: 'run-detail' },
      el('pre', { attrs: { tabindex: '0', 'aria-label': detailLabel } }, detail),
      el('button', {
        className: 'link copy',
        attrs: { type: 'button', 'aria-label': `Copy ${detailLabel.toLowerCase()}` },
        onClick: () => act.copy(detail),
      }, icon('copy'), ' Copy')));
}
