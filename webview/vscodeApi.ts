// The one global VS Code gives a webview page, typed here because the page never imports 'vscode':
// post messages of the shared protocol, and keep a small state VS Code persists across reloads.
import type { WebviewToHost } from '../src/protocol/messages';

/** `Out`: the protocol the page speaks (Task details by default, the run panel's RunToHost). */
export interface VsCodeApi<State, Out = WebviewToHost> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): State;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State, unknown>;

/** acquireVsCodeApi() may be called once per page: every view gets this one instance. */
let api: VsCodeApi<unknown, unknown> | undefined;

export function vscodeApi<State, Out = WebviewToHost>(): VsCodeApi<State, Out> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<State, Out>;
}
