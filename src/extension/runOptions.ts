// The editor's run settings on top of spec-runner.config.yaml: the file wins wherever it sets a
// value; a setting applies only where the file is silent. `effectiveRunSettings` says which source
// each value came from, for the "Show Run Settings" view.
import * as vscode from 'vscode';
import { explicitKeys } from '../core/config/explicitKeys';
import type { LoadedConfig, SpecpilotConfig } from '../core/config/types';
import type { RunOverrides } from '../core/executor/runSettings';
import { approvalMode, approvalModeSource } from './approvalMode';

type Source = 'spec-runner.config.yaml' | 'setting' | 'status bar' | 'default';

export interface EffectiveSetting {
  readonly setting: string;
  readonly configKey: string;
  readonly value: string;
  readonly source: Source;
}

/** Setting id (under `specpilot.`) -> config key, and how to put it into RunOverrides. */
const MAPPED = [
  { setting: 'agent.command', key: 'claude_command', put: (o: Mutable, v: unknown) => typeof v === 'string' && v.trim() && (o.command = v.trim()) },
  { setting: 'agent.model', key: 'claude_model', put: (o: Mutable, v: unknown) => typeof v === 'string' && (o.model = v.trim()) },
  { setting: 'agent.commandTemplate', key: 'command_template', put: (o: Mutable, v: unknown) => typeof v === 'string' && (o.template = v) },
  { setting: 'run.maxAttempts', key: 'max_retries', put: (o: Mutable, v: unknown) => typeof v === 'number' && v >= 1 && (o.maxRetries = Math.floor(v)) },
  { setting: 'run.taskTimeoutMinutes', key: 'task_timeout_minutes', put: (o: Mutable, v: unknown) => typeof v === 'number' && v > 0 && (o.taskTimeoutMinutes = v) },
  { setting: 'run.budgetUsd', key: 'budget_usd', put: (o: Mutable, v: unknown) => (typeof v === 'number' && v >= 0 ? (o.budgetUsd = v) : v === null && (o.budgetUsd = null)) },
  { setting: 'gates.test', key: 'commands.test', put: (o: Mutable, v: unknown) => typeof v === 'string' && (o.testCommand = v) },
  { setting: 'gates.lint', key: 'commands.lint', put: (o: Mutable, v: unknown) => typeof v === 'string' && (o.lintCommand = v) },
] as const;

type Mutable = { -readonly [K in keyof RunOverrides]: RunOverrides[K] };

/** The value the user gave the setting (user or workspace level), or undefined when only the default applies. */
function userValue(conf: vscode.WorkspaceConfiguration, setting: string): unknown {
  const i = conf.inspect(setting);
  if (!i) return undefined;
  return i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue;
}

export function runOverrides(folder: vscode.WorkspaceFolder | undefined, loaded: LoadedConfig): RunOverrides {
  const conf = vscode.workspace.getConfiguration('specpilot', folder);
  const fromFile = explicitKeys(loaded.source);
  const o: Mutable = {};
  for (const m of MAPPED) {
    if (fromFile.has(m.key)) continue;
    const v = userValue(conf, m.setting);
    if (v !== undefined) m.put(o, v);
  }
  // Supervised / Autopilot has a default of its own (supervised), so it applies unless the file sets hitl_review.
  if (!fromFile.has('hitl_review')) o.hitl = approvalMode(folder) === 'supervised';
  return o;
}

export function allowRescueStash(folder: vscode.WorkspaceFolder | undefined): boolean {
  return vscode.workspace.getConfiguration('specpilot', folder).get<boolean>('run.allowRescueStash', false);
}

/** Each mapped value as a run would use it, with where it came from. */
export function effectiveRunSettings(folder: vscode.WorkspaceFolder | undefined, loaded: LoadedConfig): EffectiveSetting[] {
  const conf = vscode.workspace.getConfiguration('specpilot', folder);
  const fromFile = explicitKeys(loaded.source);
  const hitl = fromFile.has('hitl_review')
    ? { setting: 'specpilot.approvalMode', configKey: 'hitl_review', value: show(loaded.config.hitl_review), source: 'spec-runner.config.yaml' as const }
    : { setting: 'specpilot.approvalMode', configKey: 'hitl_review', value: String(approvalMode(folder) === 'supervised'), source: ({ toggle: 'status bar', setting: 'setting', default: 'default' } as const)[approvalModeSource(folder)] };
  return [...MAPPED.map((m) => {
    const fileValue = configValue(loaded.config, m.key);
    if (fromFile.has(m.key)) return { setting: `specpilot.${m.setting}`, configKey: m.key, value: show(fileValue), source: 'spec-runner.config.yaml' as const };
    const v = userValue(conf, m.setting);
    if (v !== undefined) return { setting: `specpilot.${m.setting}`, configKey: m.key, value: show(v), source: 'setting' as const };
    return { setting: `specpilot.${m.setting}`, configKey: m.key, value: show(fileValue), source: 'default' as const };
  }), hitl];
}

function configValue(c: SpecpilotConfig, key: string): unknown {
  let v: unknown = c;
  for (const part of key.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function show(v: unknown): string {
  return v === null || v === undefined || v === '' ? '(none)' : String(v);
}
