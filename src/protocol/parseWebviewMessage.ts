// The host's gate for what a webview posts: the message arrives as `unknown` (a webview is a page
// that renders user- and agent-written text), so it is checked field by field and rebuilt before
// any handler sees it. Kept apart from messages.ts, which stays types only for the browser bundle.
import type { TaskTarget, WebviewToHost, WebviewToHostPayloads } from './messages';
import { isCount, isRecord, isText, type Fields } from './validate';

const MAX_PATH = 4096;
const MAX_ID = 256;

type Parsers = { readonly [P in keyof WebviewToHostPayloads]: (m: Fields) => WebviewToHost<P> | null };

const PARSERS: Parsers = {
  ready: () => ({ type: 'ready' }),
  openTask: (m) => {
    const file = text(m['file'], MAX_PATH);
    const line = lineNumber(m['line']);
    return file === null || line === null ? null : { type: 'openTask', file, line };
  },
  revealTask: (m) => {
    const file = text(m['file'], MAX_PATH);
    const id = text(m['id'], MAX_ID);
    return file === null || id === null ? null : { type: 'revealTask', file, id };
  },
  openDefinition: (m) => {
    const file = text(m['file'], MAX_PATH);
    const line = lineNumber(m['line']);
    return file === null || line === null ? null : { type: 'openDefinition', file, line };
  },
};

/** A well-formed webview message with only its known fields, or null for anything else. */
export function parseWebviewMessage(value: unknown): WebviewToHost | null {
  if (!isRecord(value)) return null;
  const type = value['type'];
  if (typeof type !== 'string' || !Object.hasOwn(PARSERS, type)) return null;
  return PARSERS[type as keyof Parsers](value);
}

/** A panel's persisted state (`vscode.setState` in the webview, handed back on restore), or null. */
export function parseTaskTarget(value: unknown): TaskTarget | null {
  if (!isRecord(value)) return null;
  const file = text(value['file'], MAX_PATH);
  const id = text(value['id'], MAX_ID);
  return file === null || id === null ? null : { file, id };
}

function text(v: unknown, max: number): string | null {
  return isText(v, max) ? v : null;
}

function lineNumber(v: unknown): number | null {
  return isCount(v) ? v : null;
}
