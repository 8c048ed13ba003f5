// Runs inside the real VS Code extension host for `npm run bench`: reports how long Specpilot's
// activate() took on the demo workspace (as the extension measured it) and the time to a
// populated Tasks tree.
import * as vscode from 'vscode';
import type { SpecpilotApi } from '../../../src/extension/api';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<SpecpilotApi>('specpilot.specpilot');
  if (!ext) throw new Error('specpilot.specpilot is not loaded');
  const started = Date.now();
  const api = await ext.activate();
  await api.whenIdle();
  const tree = await api.treeSnapshot();
  console.log(`[bench] activation_ms=${api.activationMs()} tree_ready_after_ms=${Date.now() - started} tree_roots=${tree.length}`);
}
