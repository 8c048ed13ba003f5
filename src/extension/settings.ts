// Typed access to the extension's settings; spec-runner.config.yaml wins where both set a value.
import * as vscode from 'vscode';
import { loadConfig } from '../core/config';
import { SPEC_FORMATS, type SpecFormat } from '../core/spec/model';

export interface Settings {
  format(folder: vscode.WorkspaceFolder | undefined): SpecFormat | null;
  specPrefix(folder: vscode.WorkspaceFolder | undefined): string;
  groupBy(): 'group' | 'status' | 'none';
  strict(): boolean;
}

export const vscodeSettings: Settings = {
  format(folder) {
    const v = vscode.workspace.getConfiguration('specpilot', folder).get<string>('format', 'auto');
    return (SPEC_FORMATS as readonly string[]).includes(v) ? (v as SpecFormat) : null;
  },
  specPrefix(folder) {
    if (folder) {
      const fromFile = loadConfig(folder.uri.fsPath).config.spec_prefix;
      if (fromFile) return fromFile;
    }
    return vscode.workspace.getConfiguration('specpilot', folder).get<string>('specPrefix', '');
  },
  groupBy() {
    const v = vscode.workspace.getConfiguration('specpilot').get<string>('tree.groupBy', 'group');
    return v === 'status' || v === 'none' ? v : 'group';
  },
  strict() {
    return vscode.workspace.getConfiguration('specpilot').get<boolean>('diagnostics.strict', false);
  },
};
