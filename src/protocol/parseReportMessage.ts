// The host's gate for what the report panel's page posts, and for the state VS Code hands back on
// restore: both arrive as `unknown` from a page that renders spec text, so they are checked field
// by field and rebuilt; a bad one yields an error naming what was expected.
import type { ReportPanelState, ReportToHost, ReportToHostPayloads } from './reportMessages';
import { describe, fail, isCount, isRecord, isText, ok, parseByType, type Fields, type Parsed } from './validate';

const MAX_PATH = 4096;
/** Milestone titles are headings: far shorter than this. */
const MAX_MILESTONE = 1_000;

type Parsers = { readonly [P in keyof ReportToHostPayloads]: (m: Fields) => Parsed<ReportToHost<P>> };

const PARSERS: Parsers = {
  ready: () => ok({ type: 'ready' }),
  open: (m) => {
    const file = m['file'];
    const line = m['line'];
    if (!isText(file, MAX_PATH)) return fail(`open: expected file to be a non-empty path of at most ${MAX_PATH} characters, got ${describe(file)}`);
    if (!isCount(line)) return fail(`open: expected line to be a whole number >= 0, got ${describe(line)}`);
    return ok({ type: 'open', file, line });
  },
  filter: (m) => {
    const milestone = m['milestone'];
    const uncoveredOnly = m['uncoveredOnly'];
    if (milestone !== null && !isText(milestone, MAX_MILESTONE)) {
      return fail(`filter: expected milestone to be null or a non-empty string of at most ${MAX_MILESTONE} characters, got ${describe(milestone)}`);
    }
    if (typeof uncoveredOnly !== 'boolean') return fail(`filter: expected uncoveredOnly to be true or false, got ${describe(uncoveredOnly)}`);
    return ok({ type: 'filter', milestone, uncoveredOnly });
  },
};

/** A well-formed report panel message with only its known fields, or what was expected instead. */
export function parseReportMessage(value: unknown): Parsed<ReportToHost> {
  return parseByType<ReportToHost>(value, PARSERS);
}

/** The panel state persisted by the page (`{ file }`), or what was expected instead. */
export function parseReportPanelState(value: unknown): Parsed<ReportPanelState> {
  if (!isRecord(value)) return fail(`expected a report panel state object, got ${describe(value)}`);
  const file = value['file'];
  if (!isText(file, MAX_PATH)) return fail(`expected file to be a non-empty path of at most ${MAX_PATH} characters, got ${describe(file)}`);
  return ok({ file });
}
