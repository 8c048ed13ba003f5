// Supervised (a person approves every task before it merges; the default) or Autopilot (merge when
// the gates and the review pass): the `specpilot.approvalMode` setting, per workspace, passed to
// runs as RunOverrides.hitl unless spec-runner.config.yaml sets hitl_review itself.
import * as vscode from 'vscode';
import { explicitKeys } from '../core/config/explicitKeys';
import type { LoadedConfig } from '../core/config/types';

export type ApprovalMode = 'supervised' | 'autopilot';

export const APPROVAL_MODE_SETTING = 'approvalMode';

export function approvalMode(folder: vscode.WorkspaceFolder | undefined): ApprovalMode {
  return vscode.workspace.getConfiguration('specpilot', folder).get<string>(APPROVAL_MODE_SETTING, 'supervised') === 'autopilot' ? 'autopilot' : 'supervised';
}

/** The mode runs of `folder` use, and whether the config file decides it (the setting is then ignored). */
export function effectiveApprovalMode(folder: vscode.WorkspaceFolder | undefined, loaded: LoadedConfig): { readonly mode: ApprovalMode; readonly fromFile: boolean } {
  if (explicitKeys(loaded.source).has('hitl_review')) return { mode: loaded.config.hitl_review ? 'supervised' : 'autopilot', fromFile: true };
  return { mode: approvalMode(folder), fromFile: false };
}

/** Flips the workspace's mode (the workspace-folder value when one is set there) and returns the new one. */
export async function toggleApprovalMode(folder: vscode.WorkspaceFolder | undefined): Promise<ApprovalMode> {
  const next: ApprovalMode = approvalMode(folder) === 'supervised' ? 'autopilot' : 'supervised';
  const conf = vscode.workspace.getConfiguration('specpilot', folder);
  const inFolder = folder !== undefined && conf.inspect(APPROVAL_MODE_SETTING)?.workspaceFolderValue !== undefined;
  await conf.update(APPROVAL_MODE_SETTING, next, inFolder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
  return next;
}

export function modeLabel(mode: ApprovalMode): string {
  return mode === 'supervised' ? 'Supervised' : 'Autopilot';
}
