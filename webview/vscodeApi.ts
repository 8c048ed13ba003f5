// The one global VS Code gives a webview page, typed here because the page never imports 'vscode':
// post messages of the shared protocol, and keep a small state VS Code persists across reloads.
import type { WebviewToHost } from '../src/protocol/messages';

export interface VsCodeApi<State> {
  postMessage(message: WebviewToHost): void;
  getState(): State | undefined;
  setState(state: State): State;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** acquireVsCodeApi() may be called once per page: every view gets this one instance. */
let api: VsCodeApi<unknown> | undefined;

export function vscodeApi<State>(): VsCodeApi<State> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<State>;
}
