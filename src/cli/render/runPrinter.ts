// How a run looks in a terminal: one line per stage, tool call, gate and outcome, the agent's
// prose dimmed; or, with --log-json, every event as one JSON line for log collectors.
import type { AgentEvent } from '../../core/agents/types';
import type { RunEvent } from '../../core/executor/runEvents';
import { countFindings, verdictLabel } from '../../core/review/runReview';
import type { Style } from '../io';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warning', 'error'];

export interface PrinterOptions {
  readonly write: (line: string) => void;
  readonly st: Style;
  readonly level: LogLevel;
  readonly json: boolean;
}

const money = (usd: number): string => `$${usd.toFixed(usd < 1 ? 4 : 2)}`;

export function runPrinter(o: PrinterOptions): (e: RunEvent) => void {
  const { st, write } = o;
  const at = (level: LogLevel): boolean => LEVELS.indexOf(level) >= LEVELS.indexOf(o.level);
  if (o.json) {
    return (e) => {
      if (e.kind === 'log' && !at(e.level)) return;
      if (e.kind === 'agent' && !at('debug') && e.event.kind !== 'tool' && e.event.kind !== 'error') return;
      write(JSON.stringify({ ts: new Date().toISOString(), ...e }));
    };
  }
  return (e) => {
    switch (e.kind) {
      case 'run_started':
        if (at('info')) write(st.dim(`run ${e.runId} (${e.mode}${e.taskIds.length ? `: ${e.taskIds.join(', ')}` : ''})`));
        return;
      case 'task_started':
        write(st.bold(`${e.taskId}: ${e.title}`) + (e.branch ? st.dim(` on ${e.branch}`) : ''));
        return;
      case 'stage':
        if (at('info')) write(st.cyan(`  · ${e.stage.replace('_', ' ')}`) + (e.stage === 'implement' ? st.dim(` (attempt ${e.attempt} of ${e.maxAttempts})`) : ''));
        return;
      case 'attempt_started':
        if (at('debug')) write(st.dim(`    log: ${e.logPath}`));
        return;
      case 'agent':
        printAgent(e.event, o, at);
        return;
      case 'gate': {
        const secs = `${(e.durationMs / 1000).toFixed(1)} s`;
        if (e.passed) write(`  ${st.green('✓')} ${e.name} ${st.dim(`\`${e.command}\` ${secs}`)}`);
        else {
          write(`  ${st.red('✗')} ${e.name} ${st.dim(`\`${e.command}\``)} exited ${e.exitCode ?? 'by a signal'} ${st.dim(secs)}`);
          for (const line of e.outputTail.split('\n').slice(-12)) write(st.dim(`    ${line}`));
        }
        return;
      }
      case 'review': {
        if (e.state === 'started') {
          if (at('debug')) write(st.dim(`    review ${e.role}: started`));
          return;
        }
        const n = countFindings(e.findings);
        const passed = e.verdict === 'passed' || e.verdict === 'fixed';
        const line = `review ${e.role}: ${verdictLabel(e.verdict)}${n ? ` — ${n} finding${n === 1 ? '' : 's'}` : ''}`;
        write(`  ${passed ? st.green('✓') : st.red('✗')} ${line}${e.costUsd !== null ? st.dim(` ${money(e.costUsd)}`) : ''}`);
        if (!passed) for (const l of e.findings.split('\n').slice(-12)) if (l.trim()) write(st.dim(`    ${l}`));
        return;
      }
      case 'cost':
        if (at('info')) {
          const task = e.taskCost.kind === 'usd' ? money(e.taskCost.usd) : 'unpriced';
          write(st.dim(`  cost: task ${task} · run ${money(e.runCostUsd)}${e.unpriced ? ' + unpriced' : ''} · ${e.usage.input + e.usage.cacheRead} in / ${e.usage.output} out tokens`));
        }
        return;
      case 'retry':
        write(st.yellow(`  ↻ ${e.reason}; attempt ${e.nextAttempt} in ${Math.round(e.delayMs / 1000)} s`));
        return;
      case 'task_finished': {
        if (e.result === 'awaiting_approval') {
          // Not a failure: the work waits for a person, and this says how to answer.
          write(`${st.yellow('⏸')} ${e.taskId} awaits approval: specpilot review ${e.taskId}, then specpilot approve ${e.taskId} or specpilot reject ${e.taskId} --reason "..."`);
          return;
        }
        const mark = e.result === 'done' ? st.green('✓') : e.result === 'skipped' || e.result === 'stopped' ? st.yellow('−') : st.red('✗');
        write(`${mark} ${e.taskId} ${e.result}: ${e.message}${e.commitSha ? st.dim(` (${e.commitSha.slice(0, 8)})`) : ''}`);
        return;
      }
      case 'run_finished':
        write((e.status === 'completed' ? st.green : e.status === 'stopped' ? st.yellow : st.red)(`run ${e.status}: ${e.message}`));
        return;
      case 'log':
        if (!at(e.level)) return;
        write(e.level === 'error' ? st.red(`error: ${e.message}`) : e.level === 'warning' ? st.yellow(`warning: ${e.message}`) : st.dim(e.message));
        return;
      default: {
        const never: never = e;
        return never;
      }
    }
  };
}

function printAgent(e: AgentEvent, o: PrinterOptions, at: (l: LogLevel) => boolean): void {
  const { st, write } = o;
  switch (e.kind) {
    case 'text':
      if (!at('info')) return;
      for (const line of e.text.split('\n')) if (line.trim()) write(st.dim(`    ${line}`));
      return;
    case 'tool':
      if (at('info')) write(`    ${st.magenta('⚙')} ${e.summary}`);
      return;
    case 'error':
      write(st.red(`    agent error: ${e.message}`));
      return;
    case 'raw':
      if (at('debug')) write(st.dim(`    [${e.stream}] ${e.line}`));
      return;
    case 'init':
    case 'tool_result':
    case 'usage':
      return;
    default: {
      const never: never = e;
      return never;
    }
  }
}
