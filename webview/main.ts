// Entry of dist/webview.js, the one browser bundle every Specpilot webview loads: it picks the view
// named by <body data-view>, says `ready`, and renders each snapshot the host sends.
import type { HostRequestMap, HostToWebview, HostToWebviewPayloads, TaskTarget } from '../src/protocol/messages';
import { el } from './dom';
import { SnapshotSequence } from './sequence';
import { startRunView } from './run/runView';
import { startReportView } from './report/reportView';
import { renderTaskDetails, type TaskDetailsActions } from './taskDetailsView';
import { vscodeApi } from './vscodeApi';

function startTaskDetails(root: HTMLElement): void {
  const api = vscodeApi<TaskTarget>();
  const sequence = new SnapshotSequence();
  let target: TaskTarget | undefined = api.getState();
  const actions: TaskDetailsActions = {
    openTask: (line) => target && api.postMessage({ type: 'openTask', file: target.file, line }),
    revealTask: (id) => target && api.postMessage({ type: 'revealTask', file: target.file, id }),
    openDefinition: (file, line) => api.postMessage({ type: 'openDefinition', file, line }),
  };
  const handlers: HostRequestMap = {
    snapshot: (m) => {
      if (!sequence.accept(m.seq)) return;
      target = m.target;
      // The host's serializer reads this back after a window reload to reopen the same task.
      api.setState({ file: m.target.file, id: m.target.id });
      replaceKeepingFocus(root, renderTaskDetails(m, actions));
      root.setAttribute('aria-busy', 'false');
      document.title = `${m.target.id} · Details`;
    },
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = hostMessage(event.data);
    if (message) void dispatch(handlers, message);
  });
  api.postMessage({ type: 'ready' });
}

function dispatch<K extends keyof HostToWebviewPayloads>(handlers: HostRequestMap, message: HostToWebview<K>): void | Promise<void> {
  return handlers[message.type](message);
}

/** Only our host posts here; the check keeps a stray message from crashing the view. */
function hostMessage(data: unknown): HostToWebview | null {
  if (typeof data !== 'object' || data === null || !('type' in data)) return null;
  return data.type === 'snapshot' && 'seq' in data && typeof data.seq === 'number' ? (data as HostToWebview<'snapshot'>) : null;
}

/** Re-rendering replaces the nodes: put keyboard focus back on the control that had it. */
function replaceKeepingFocus(root: HTMLElement, nodes: readonly Node[]): void {
  const key = document.activeElement instanceof HTMLElement && root.contains(document.activeElement)
    ? document.activeElement.getAttribute('data-key')
    : null;
  root.replaceChildren(...nodes);
  if (key === null) return;
  // Array.from: tsconfig's lib has DOM without DOM.Iterable, so a NodeList is not iterable here.
  Array.from(root.querySelectorAll<HTMLElement>('[data-key]')).find((c) => c.getAttribute('data-key') === key)?.focus();
}

const root = document.getElementById('root');
const view = document.body.dataset['view'];
if (root && view === 'taskDetails') startTaskDetails(root);
else if (root && view === 'run') startRunView(root);
else if (root && view === 'report') startReportView(root);
else if (root) root.replaceChildren(el('p', { className: 'placeholder' }, `Unknown view: ${view ?? '(none)'}`));
