// The host's gate for the review decisions the run panel's page posts: the page renders agent
// output and diffs, so what it sends is checked field by field and rebuilt with only known fields;
// a bad message yields an error naming what was expected, never a throw.
import { REVIEW_TO_HOST_TYPES, type HunkRefData, type ReviewCommentData, type ReviewToHost, type ReviewToHostPayloads } from './reviewMessages';
import { describe as describeValue, fail, isCount, isRecord, isText, ok, parseByType, type Fields, type Parsed } from './validate';

export const MAX_REASON_CHARS = 20_000;
export const MAX_COMMENT_CHARS = 20_000;
export const MAX_COMMENTS = 5_000;
export const MAX_REVERTS = 20_000;
const MAX_ID = 256;
const MAX_PATH = 4_096;
const MAX_HEADER = 2_000;

type Parsers = { readonly [P in keyof ReviewToHostPayloads]: (m: Fields) => Parsed<ReviewToHost<P>> };

const PARSERS: Parsers = {
  approve: (m) => {
    const head = taskAndAttempt('approve', m);
    return head.ok ? ok({ type: 'approve', ...head.value }) : head;
  },
  reject: (m) => {
    const head = taskAndAttempt('reject', m);
    if (!head.ok) return head;
    const reason = m['reason'];
    if (typeof reason !== 'string' || reason.trim() === '') return fail(`reject: expected reason to be a non-empty string, got ${describe(reason)}`);
    if (reason.length > MAX_REASON_CHARS) return fail(`reject: expected reason of at most ${MAX_REASON_CHARS} characters, got ${reason.length}`);
    const comments = list('reject: comments', m['comments'], MAX_COMMENTS, parseComment);
    if (!comments.ok) return comments;
    const revert = list('reject: revert', m['revert'], MAX_REVERTS, parseHunkRef);
    if (!revert.ok) return revert;
    return ok({ type: 'reject', ...head.value, reason, comments: comments.value, revert: revert.value });
  },
  skip: (m) => {
    const taskId = m['taskId'];
    return isText(taskId, MAX_ID) ? ok({ type: 'skip', taskId }) : fail(`skip: expected taskId to be a task id, got ${describe(taskId)}`);
  },
  openDiff: (m) => {
    const taskId = m['taskId'];
    if (!isText(taskId, MAX_ID)) return fail(`openDiff: expected taskId to be a task id, got ${describe(taskId)}`);
    const path = m['path'] ?? null;
    if (path !== null && !isText(path, MAX_PATH)) return fail(`openDiff: expected path to be null or a file path, got ${describe(path)}`);
    return ok({ type: 'openDiff', taskId, path });
  },
};

/** True when `value` claims to be a review message (its type is one of the review's). */
export function isReviewMessage(value: unknown): boolean {
  return isRecord(value) && typeof value['type'] === 'string' && (REVIEW_TO_HOST_TYPES as readonly string[]).includes(value['type']);
}

/** A well-formed review decision with only its known fields, or what was expected instead. */
export function parseReviewMessage(value: unknown): Parsed<ReviewToHost> {
  return parseByType<ReviewToHost>(value, PARSERS, describe);
}

function taskAndAttempt(what: string, m: Fields): Parsed<{ taskId: string; attempt: number }> {
  const taskId = m['taskId'];
  if (!isText(taskId, MAX_ID)) return fail(`${what}: expected taskId to be a task id, got ${describe(taskId)}`);
  const attempt = m['attempt'];
  if (!isCount(attempt) || attempt < 1) return fail(`${what}: expected attempt to be a whole number >= 1, got ${describe(attempt)}`);
  return ok({ taskId, attempt });
}

function parseComment(v: unknown, at: string): Parsed<ReviewCommentData> {
  if (!isRecord(v)) return fail(`${at}: expected a comment object, got ${describe(v)}`);
  const path = v['path'] ?? null;
  if (path !== null && !isText(path, MAX_PATH)) return fail(`${at}.path: expected null or a file path, got ${describe(path)}`);
  const hunk = v['hunk'] ?? null;
  if (hunk !== null && !isCount(hunk)) return fail(`${at}.hunk: expected null or a whole number >= 0, got ${describe(hunk)}`);
  if (hunk !== null && path === null) return fail(`${at}: a hunk comment needs its path`);
  const text = v['text'];
  if (typeof text !== 'string' || text.trim() === '') return fail(`${at}.text: expected a non-empty string, got ${describe(text)}`);
  if (text.length > MAX_COMMENT_CHARS) return fail(`${at}.text: expected at most ${MAX_COMMENT_CHARS} characters, got ${text.length}`);
  return ok({ path, hunk, text });
}

function parseHunkRef(v: unknown, at: string): Parsed<HunkRefData> {
  if (!isRecord(v)) return fail(`${at}: expected a hunk object, got ${describe(v)}`);
  const path = v['path'];
  if (!isText(path, MAX_PATH)) return fail(`${at}.path: expected a file path, got ${describe(path)}`);
  const index = v['index'];
  if (!isCount(index)) return fail(`${at}.index: expected a whole number >= 0, got ${describe(index)}`);
  const header = v['header'];
  if (!isText(header, MAX_HEADER) || !header.startsWith('@@')) return fail(`${at}.header: expected a hunk header starting with @@, got ${describe(header)}`);
  return ok({ path, index, header });
}

function list<T>(what: string, v: unknown, max: number, item: (v: unknown, at: string) => Parsed<T>): Parsed<T[]> {
  if (v === undefined) return ok([]);
  if (!Array.isArray(v)) return fail(`${what}: expected an array, got ${describe(v)}`);
  if (v.length > max) return fail(`${what}: expected at most ${max} entries, got ${v.length}`);
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = item(v[i], `${what}[${i}]`);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** Like the other gates' description, but a missing field reads as "nothing" (a decision's fields are all required). */
function describe(v: unknown): string {
  return v === undefined ? 'nothing' : describeValue(v);
}
