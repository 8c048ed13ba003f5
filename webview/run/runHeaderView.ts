// The run panel's header: task, status, stage stepper, attempt n/m, cost, tokens, gates and the
// Stop / Open full log / Show task actions. Updated in place so a progress delta never moves focus;
// its ids (#run-stage, #run-cost, #run-stop) are what the integration tests read.
import type { RunHeader, RunStage } from '../../src/protocol/runMessages';
import { el, icon } from '../dom';
import {
  attemptText, canStop, costText, durationText, RUN_STAGES, stageLabel, stageState, statusLook, tokensText, tokensTooltip,
} from './runLook';

export interface RunHeaderActions {
  stop(): void;
  openLog(): void;
  revealTask(): void;
}

export class RunHeaderView {
  readonly element: HTMLElement;
  private readonly taskId = el('span', { className: 'task-id' });
  private readonly title = el('span', { className: 'task-title' });
  private readonly statusIcon = el('span', { attrs: { 'aria-hidden': 'true' } });
  private readonly status = el('span', { className: 'badge', attrs: { id: 'run-status' } });
  private readonly stepper = el('ol', { className: 'stepper', attrs: { id: 'run-stage', 'aria-label': 'Stages' } });
  private readonly steps = new Map<RunStage, HTMLLIElement>();
  private readonly attempt = el('span', { className: 'meta', attrs: { id: 'run-attempt' } });
  private readonly cost = el('span', { className: 'meta', attrs: { id: 'run-cost', title: 'Cost of this task so far, every attempt' } });
  private readonly tokens = el('span', { className: 'meta', attrs: { id: 'run-tokens' } });
  private readonly time = el('span', { className: 'meta muted', attrs: { id: 'run-time' } });
  private readonly gates = el('ul', { className: 'plain gates', attrs: { id: 'run-gates', 'aria-label': 'Gate results' } });
  private readonly message = el('p', { className: 'result-message', attrs: { id: 'run-message' } });
  private readonly stop: HTMLElement;
  private readonly openLog: HTMLButtonElement;
  private stoppable = false;

  constructor(act: RunHeaderActions) {
    for (const stage of RUN_STAGES) {
      const step = el('li', { className: 'step todo', attrs: { 'data-stage': stage } }, el('span', { className: 'step-label' }, stageLabel(stage)));
      this.steps.set(stage, step);
      this.stepper.append(step);
    }
    // vscode-button (@vscode-elements/elements); the codicon goes in its light-DOM slot so the
    // page's codicon.css styles it without the element loading a stylesheet of its own.
    this.stop = document.createElement('vscode-button');
    this.stop.id = 'run-stop';
    this.stop.setAttribute('data-key', 'run-stop');
    this.stop.setAttribute('aria-label', 'Stop the run of this task');
    this.stop.setAttribute('title', 'Stop the run of this task');
    const stopIcon = icon('debug-stop');
    stopIcon.setAttribute('slot', 'content-before');
    this.stop.append(stopIcon, 'Stop');
    this.stop.addEventListener('click', () => {
      if (!this.stoppable) return;
      // One click is enough: the button comes back only if the run still goes on.
      this.setStoppable(false);
      act.stop();
    });
    this.openLog = el('button', {
      className: 'secondary',
      attrs: { type: 'button', id: 'run-open-log', 'data-key': 'run-open-log', title: 'Open the full log of the current attempt' },
      onClick: () => act.openLog(),
    }, icon('output'), ' Open full log');
    const reveal = el('button', {
      className: 'secondary',
      attrs: { type: 'button', id: 'run-reveal', 'data-key': 'run-reveal', title: 'Show the task in the Tasks view' },
      onClick: () => act.revealTask(),
    }, icon('list-tree'), ' Show task');
    this.element = el('header', { className: 'run-header' },
      el('div', { className: 'title-row' }, this.statusIcon, el('h1', {}, this.taskId, ' ', this.title)),
      this.stepper,
      el('div', { className: 'meta-row' }, this.status, this.attempt, this.cost, this.tokens, this.time),
      this.gates,
      this.message,
      el('div', { className: 'actions' }, this.stop, this.openLog, reveal));
  }

  update(h: RunHeader): void {
    this.taskId.textContent = h.taskId;
    this.title.textContent = h.title === h.taskId ? '' : h.title;
    const look = statusLook(h.status);
    this.statusIcon.className = `codicon codicon-${look.icon} status-icon tone-${look.tone}${h.status === 'running' ? ' codicon-modifier-spin' : ''}`;
    this.status.textContent = look.label;
    this.status.className = `badge status-badge tone-${look.tone}`;
    this.status.dataset['status'] = h.status;
    for (const [stage, step] of this.steps) {
      const state = stageState(stage, h.stage);
      step.className = `step ${state}`;
      if (state === 'current') step.setAttribute('aria-current', 'step');
      else step.removeAttribute('aria-current');
    }
    this.stepper.dataset['stage'] = h.stage ?? '';
    this.attempt.textContent = attemptText(h.attempt, h.maxAttempts);
    this.cost.textContent = costText(h.cost);
    this.cost.dataset['kind'] = h.cost?.kind ?? 'none';
    this.tokens.textContent = tokensText(h.tokens);
    this.tokens.title = tokensTooltip(h.tokens);
    this.time.textContent = timeText(h);
    this.gates.replaceChildren(...h.gates.map((g) =>
      el('li', { className: `gate ${g.passed ? 'pass' : 'fail'}`, attrs: { title: g.command } },
        icon(g.passed ? 'pass-filled' : 'error', g.passed ? 'tone-success' : 'tone-error'),
        el('span', { className: 'visually-hidden' }, g.passed ? 'Passed: ' : 'Failed: '),
        el('span', {}, g.name),
        el('span', { className: 'muted' }, durationText(g.durationMs)))));
    this.gates.hidden = h.gates.length === 0;
    this.message.textContent = h.message;
    this.message.hidden = h.message === '';
    this.openLog.disabled = h.attempt <= 0 && h.logFile === null;
    this.setStoppable(canStop(h.status));
  }

  private setStoppable(on: boolean): void {
    this.stoppable = on;
    this.stop.toggleAttribute('disabled', !on);
  }
}

function timeText(h: RunHeader): string {
  if (h.startedAt === null) return '';
  const started = `started ${new Date(h.startedAt).toLocaleTimeString()}`;
  return h.finishedAt === null ? started : `${started} · took ${durationText(h.finishedAt - h.startedAt)}`;
}
