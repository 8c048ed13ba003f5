// The host's gate for what a webview posts: the message arrives as `unknown` (a webview is a page
// that renders user- and agent-written text), so it is checked field by field and rebuilt before
// any handler sees it. Kept apart from messages.ts, which stays types only for the browser bundle.
import type { TaskTarget, WebviewToHost, WebviewToHostPayloads } from './messages';

const MAX_PATH = 4096;
const MAX_ID = 256;

type Parsers = { readonly [P in keyof WebviewToHostPayloads]: (m: Readonly<Record<string, unknown>>) => WebviewToHost<P> | null };

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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Readonly<Record<string, unknown>>;
  const type = record['type'];
  if (typeof type !== 'string' || !Object.hasOwn(PARSERS, type)) return null;
  return PARSERS[type as keyof Parsers](record);
}

/** A panel's persisted state (`vscode.setState` in the webview, handed back on restore), or null. */
export function parseTaskTarget(value: unknown): TaskTarget | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Readonly<Record<string, unknown>>;
  const file = text(record['file'], MAX_PATH);
  const id = text(record['id'], MAX_ID);
  return file === null || id === null ? null : { file, id };
}

function text(v: unknown, max: number): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\0') ? v : null;
}

function lineNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}
