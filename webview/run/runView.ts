// The run panel page: says `ready`, applies the host's snapshot and deltas to a RunModel (asking
// for a resync on a gap), and renders the header and the virtualised output list. The page keeps
// `{ taskId, title }` as its state so the host's serializer reopens the same task after a reload,
// and the review draft so a panel hidden and shown again keeps the person's choices.
import type { RunPanelState, RunToHost } from '../../src/protocol/runMessages';
import { el, icon } from '../dom';
import { vscodeApi } from '../vscodeApi';
import { ReviewTabs } from '../review/reviewTabs';
import type { ReviewToHost } from '../../src/protocol/reviewMessages';
import type { ReviewDraft } from '../review/reviewModel';
import './elements';
import { RunHeaderView } from './runHeaderView';
import { readHostMessage, RunModel } from './runModel';
import { renderRow, type RowActions } from './runRows';
import { VirtualList } from './virtualList';

/** The host reads `{ taskId, title }`; the review draft is the page's alone. */
type RunPageState = RunPanelState & { readonly reviewDraft?: ReviewDraft | null };

export function startRunView(root: HTMLElement): void {
  const api = vscodeApi<RunPageState, RunToHost>();
  let state = api.getState();
  // Written only once the header named the task: a state without taskId would lose the panel on reload.
  const saveState = (patch: Partial<RunPageState>): void => {
    const next = { ...state, ...patch };
    state = next as RunPageState;
    if (typeof next.taskId === 'string') api.setState(state);
  };
  const model = new RunModel();
  const post = (message: RunToHost): void => api.postMessage(message);

  const header = new RunHeaderView({
    stop: () => post({ type: 'stop' }),
    openLog: () => post({ type: 'openLog' }),
    revealTask: () => post({ type: 'revealTask' }),
  });
  const earlierText = el('span', {});
  const earlier = el('div', { className: 'banner', attrs: { id: 'run-earlier', role: 'note' } },
    icon('info'),
    earlierText,
    el('button', { className: 'link', attrs: { type: 'button', 'data-key': 'earlier-open-log' }, onClick: () => post({ type: 'openLog' }) }, 'Open full log'));
  earlier.hidden = true;
  // role=log is polite by default: at hundreds of rows a second a screen reader would never stop.
  const output = el('div', { attrs: { id: 'run-output', role: 'log', 'aria-live': 'off', tabindex: '0', 'aria-label': 'Agent output' } });
  const empty = el('p', { className: 'placeholder', attrs: { id: 'run-empty' } }, 'No output yet.');
  const jump = el('button', {
    className: 'primary',
    attrs: { type: 'button', id: 'run-jump', 'data-key': 'run-jump', title: 'Scroll to the newest output and follow it' },
  }, icon('arrow-down'), ' Jump to latest');
  jump.hidden = true;

  const rowActions: RowActions = {
    toggle: (index) => list.toggle(index),
    copy: (text) => post({ type: 'copy', text }),
  };
  const list = new VirtualList(output, {
    count: () => model.items.length,
    base: () => model.base,
    render: (index, expanded) => {
      const item = model.item(index);
      return item ? renderRow(item, index, expanded, rowActions) : el('div', { className: 'run-line' });
    },
  }, (following) => {
    jump.hidden = following;
  });
  jump.addEventListener('click', () => {
    list.jumpToLatest();
    output.focus();
  });

  const outputWrap = el('div', { className: 'output-wrap' }, output, empty, jump);
  // The review of a task awaiting approval: a second tab, on its own message channel.
  const tabs = new ReviewTabs([earlier, outputWrap], (message: ReviewToHost) => vscodeApi<RunPageState, ReviewToHost>().postMessage(message), {
    saved: state?.reviewDraft,
    save: (reviewDraft) => saveState({ reviewDraft }),
  });
  root.replaceChildren(header.element, tabs.bar, earlier, outputWrap, tabs.review.element);
  root.setAttribute('aria-busy', 'true');

  const refresh = (headerChanged: boolean): void => {
    const h = model.header;
    if (h && headerChanged) {
      header.update(h);
      document.title = `${h.taskId} · Run`;
      saveState({ taskId: h.taskId, title: h.title });
    }
    earlier.hidden = model.base === 0;
    earlierText.textContent = `${model.base.toLocaleString('en-US')} earlier ${model.base === 1 ? 'line is' : 'lines are'} only in the full log.`;
    empty.hidden = model.total > 0;
    output.dataset['total'] = String(model.total);
    output.dataset['base'] = String(model.base);
    root.dataset['seq'] = String(model.seq);
    root.setAttribute('aria-busy', 'false');
    list.invalidate();
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (tabs.receive(event.data)) return;
    const message = readHostMessage(event.data);
    if (!message) return;
    switch (model.apply(message)) {
      case 'applied':
        if (message.type === 'snapshot') list.reset();
        refresh(message.type !== 'append');
        break;
      case 'resync':
        post({ type: 'resync', lastSeq: model.seq });
        break;
      case 'stale':
      case 'waiting':
        break;
    }
  });
  post({ type: 'ready' });
}
