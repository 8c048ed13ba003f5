// The host's gate for what the report panel's page posts, and for the state VS Code hands back on
// restore: both arrive as `unknown` from a page that renders spec text, so they are checked field
// by field and rebuilt; a bad one yields an error naming what was expected.
import type { Parsed } from './parseRunMessage';
import type { ReportPanelState, ReportToHost, ReportToHostPayloads } from './reportMessages';

const MAX_PATH = 4096;
/** Milestone titles are headings: far shorter than this. */
const MAX_MILESTONE = 1_000;

type Record_ = Readonly<Record<string, unknown>>;
type Parsers = { readonly [P in keyof ReportToHostPayloads]: (m: Record_) => Parsed<ReportToHost<P>> };

const PARSERS: Parsers = {
  ready: () => ok({ type: 'ready' }),
  open: (m) => {
    const file = m['file'];
    const line = m['line'];
    if (!isText(file, MAX_PATH)) return fail(`open: expected file to be a non-empty path of at most ${MAX_PATH} characters, got ${describe(file)}`);
    if (!isLine(line)) return fail(`open: expected line to be a whole number >= 0, got ${describe(line)}`);
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
  if (!isRecord(value)) return fail(`expected a message object, got ${describe(value)}`);
  const type = value['type'];
  if (typeof type !== 'string' || !Object.hasOwn(PARSERS, type)) {
    return fail(`expected type to be one of ${Object.keys(PARSERS).join(', ')}, got ${describe(type)}`);
  }
  return PARSERS[type as keyof Parsers](value);
}

/** The panel state persisted by the page (`{ file }`), or what was expected instead. */
export function parseReportPanelState(value: unknown): Parsed<ReportPanelState> {
  if (!isRecord(value)) return fail(`expected a report panel state object, got ${describe(value)}`);
  const file = value['file'];
  if (!isText(file, MAX_PATH)) return fail(`expected file to be a non-empty path of at most ${MAX_PATH} characters, got ${describe(file)}`);
  return ok({ file });
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}

function isRecord(v: unknown): v is Record_ {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\0');
}

function isLine(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** A short, safe description of a bad value for the log (never the value itself when long). */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length <= 40 ? JSON.stringify(v) : `a string of ${v.length} characters`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v === 'object' ? 'an object' : typeof v;
}
