// Keeps notification tokens and webhook credentials out of logs and messages: a redacted copy of
// the config to log, and a last-line scrub of diagnostic text (the YAML parser's own messages
// may quote source text).
import type { ConfigDiagnostic, SpecpilotConfig } from './types';

export const REDACTED = '***';

/** Keeps scheme and host so a log still says where notifications go; the rest may hold a key. */
export function redactUrl(url: string): string {
  if (url === '') return '';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/${REDACTED}`;
  } catch {
    return REDACTED;
  }
}

function redactText(value: string): string {
  return value === '' ? '' : REDACTED;
}

/** A copy safe to log: secrets masked, empty ones left empty so "disabled" stays visible. */
export function redactConfig(config: SpecpilotConfig): SpecpilotConfig {
  return {
    ...config,
    telegram_bot_token: redactText(config.telegram_bot_token),
    webhook_url: redactUrl(config.webhook_url),
    callback_url: redactUrl(config.callback_url),
    webhook_headers: Object.fromEntries(Object.keys(config.webhook_headers).map((name) => [name, REDACTED])),
  };
}

/** Key names whose values are treated as secret wherever they appear in a config file. */
const SECRET_KEY = /token|secret|password|passwd|api[-_]?key|authorization|webhook_url|callback_url/i;

const KEY_VALUE_LINE = /^[\t -]*["']?([^"':#\n]+?)["']?[\t ]*:[\t ]+(.+?)[\t ]*$/gm;

/** Shorter strings are not credentials and would garble unrelated words if masked. */
const MIN_SECRET_LENGTH = 4;

/** Drops a trailing comment and the quotes, including an unclosed opening one. */
function unquote(raw: string): string {
  const noComment = raw.replace(/[\t ]+#.*$/, '');
  const m = /^(["'])(.*?)\1?$/.exec(noComment);
  return m ? m[2]! : noComment;
}

/**
 * Values of secret-looking keys, found by a line scan so a file that does not even parse still
 * has its secrets found.
 */
export function findSecretsInText(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(KEY_VALUE_LINE)) {
    const key = m[1] ?? '';
    const value = unquote(m[2] ?? '');
    if (SECRET_KEY.test(key) && value.length >= MIN_SECRET_LENGTH) found.push(value);
  }
  return found;
}

/** Replaces every occurrence of a secret in the diagnostics' messages. */
export function scrubDiagnostics(
  diagnostics: readonly ConfigDiagnostic[],
  secrets: readonly string[],
): ConfigDiagnostic[] {
  const list = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return [...diagnostics];
  return diagnostics.map((d) => {
    let message = d.message;
    for (const s of list) message = message.split(s).join(REDACTED);
    return message === d.message ? d : { ...d, message };
  });
}
