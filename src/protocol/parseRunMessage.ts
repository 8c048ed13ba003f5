// The host's gate for what the run panel's page posts, and for the state VS Code hands back on
// restore: both arrive as `unknown` from a page that renders agent-written text, so they are
// checked field by field and rebuilt; a bad one yields an error naming what was expected.
import type { RunPanelState, RunToHost, RunToHostPayloads } from './runMessages';
import { describe, fail, isCount, isRecord, isText, ok, parseByType, type Fields, type Parsed } from './validate';

export type { Parsed } from './validate';

/** The clipboard takes at most this much from the page (a cut tool detail is far smaller). */
export const MAX_COPY_CHARS = 1_000_000;
const MAX_ID = 256;
const MAX_TITLE = 1_000;

type Parsers = { readonly [P in keyof RunToHostPayloads]: (m: Fields) => Parsed<RunToHost<P>> };

const PARSERS: Parsers = {
  ready: () => ok({ type: 'ready' }),
  stop: () => ok({ type: 'stop' }),
  openLog: () => ok({ type: 'openLog' }),
  revealTask: () => ok({ type: 'revealTask' }),
  resync: (m) => {
    const lastSeq = m['lastSeq'];
    return isCount(lastSeq) ? ok({ type: 'resync', lastSeq }) : fail(`resync: expected lastSeq to be a whole number >= 0, got ${describe(lastSeq)}`);
  },
  copy: (m) => {
    const text = m['text'];
    if (typeof text !== 'string') return fail(`copy: expected text to be a string, got ${describe(text)}`);
    if (text.length > MAX_COPY_CHARS) return fail(`copy: expected text of at most ${MAX_COPY_CHARS} characters, got ${text.length}`);
    return ok({ type: 'copy', text });
  },
};

/** A well-formed run panel message with only its known fields, or what was expected instead. */
export function parseRunMessage(value: unknown): Parsed<RunToHost> {
  return parseByType<RunToHost>(value, PARSERS);
}

/** The panel state persisted by the page (`{ taskId, title }`), or what was expected instead. */
export function parseRunPanelState(value: unknown): Parsed<RunPanelState> {
  if (!isRecord(value)) return fail(`expected a run panel state object, got ${describe(value)}`);
  const taskId = value['taskId'];
  if (!isText(taskId, MAX_ID)) return fail(`expected taskId to be a non-empty string of at most ${MAX_ID} characters, got ${describe(taskId)}`);
  // The title is display only: a missing or odd one falls back to the id rather than losing the panel.
  const title = value['title'];
  return ok({ taskId, title: isText(title, MAX_TITLE) ? title : taskId });
}
