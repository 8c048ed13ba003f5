// Supervised (a person approves every task before it merges; the default) or Autopilot (merge when
// the gates and the review pass), per workspace, passed to runs as RunOverrides.hitl unless
// spec-runner.config.yaml sets hitl_review itself. The status-bar toggle keeps its choice in the
// workspace's extension state, not in .vscode/settings.json: a settings file written into the
// repository would make the working tree dirty and refuse the very next run.
import * as vscode from 'vscode';
import { explicitKeys } from '../core/config/explicitKeys';
import type { LoadedConfig } from '../core/config/types';

export type ApprovalMode = 'supervised' | 'autopilot';

export const APPROVAL_MODE_SETTING = 'approvalMode';

let state: vscode.Memento | undefined;
const changed = new vscode.EventEmitter<void>();
/** Fires when the toggle changes a folder's mode (a settings change fires onDidChangeConfiguration instead). */
export const onDidToggleApprovalMode = changed.event;

/** activate() hands over the workspace state the toggle writes to. */
export function useApprovalModeState(memento: vscode.Memento): vscode.Disposable {
  state = memento;
  return changed;
}

const stateKey = (folder: vscode.WorkspaceFolder | undefined): string => `specpilot.approvalMode:${folder?.uri.toString() ?? ''}`;

function asMode(v: unknown): ApprovalMode | undefined {
  return v === 'supervised' || v === 'autopilot' ? v : undefined;
}

/** The toggle's choice for this workspace, else the `specpilot.approvalMode` setting (default supervised). */
export function approvalMode(folder: vscode.WorkspaceFolder | undefined): ApprovalMode {
  const toggled = asMode(state?.get(stateKey(folder)));
  if (toggled) return toggled;
  return asMode(vscode.workspace.getConfiguration('specpilot', folder).get<string>(APPROVAL_MODE_SETTING)) ?? 'supervised';
}

/** Where the mode comes from, for Show Run Settings. */
export function approvalModeSource(folder: vscode.WorkspaceFolder | undefined): 'toggle' | 'setting' | 'default' {
  if (asMode(state?.get(stateKey(folder)))) return 'toggle';
  return vscode.workspace.getConfiguration('specpilot', folder).inspect(APPROVAL_MODE_SETTING)?.workspaceValue !== undefined
    || vscode.workspace.getConfiguration('specpilot', folder).inspect(APPROVAL_MODE_SETTING)?.globalValue !== undefined
    || vscode.workspace.getConfiguration('specpilot', folder).inspect(APPROVAL_MODE_SETTING)?.workspaceFolderValue !== undefined
    ? 'setting'
    : 'default';
}

/** The mode runs of `folder` use, and whether the config file decides it (the toggle is then ignored). */
export function effectiveApprovalMode(folder: vscode.WorkspaceFolder | undefined, loaded: LoadedConfig): { readonly mode: ApprovalMode; readonly fromFile: boolean } {
  if (explicitKeys(loaded.source).has('hitl_review')) return { mode: loaded.config.hitl_review ? 'supervised' : 'autopilot', fromFile: true };
  return { mode: approvalMode(folder), fromFile: false };
}

/** Flips the folder's mode (in the workspace's extension state) and returns the new one. */
export async function toggleApprovalMode(folder: vscode.WorkspaceFolder | undefined): Promise<ApprovalMode> {
  return setApprovalMode(folder, approvalMode(folder) === 'supervised' ? 'autopilot' : 'supervised');
}

/** Sets the folder's mode; `undefined` forgets the toggle's choice, so the setting applies again. */
export async function setApprovalMode(folder: vscode.WorkspaceFolder | undefined, mode: ApprovalMode | undefined): Promise<ApprovalMode> {
  if (!state) throw new Error('approval mode state is not initialised (activate() calls useApprovalModeState)');
  await state.update(stateKey(folder), mode);
  changed.fire();
  return approvalMode(folder);
}

export function modeLabel(mode: ApprovalMode): string {
  return mode === 'supervised' ? 'Supervised' : 'Autopilot';
}
