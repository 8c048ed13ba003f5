// Checks on what the executor records, so a bad value comes back as an error naming the field and
// what was expected instead of landing in the DB (where it would outlive the bug that wrote it).
import type { TokenUsage } from '../agents/types';

/** Each returns null when fine, else the message. */
export type Check = string | null;

export function nonEmpty(field: string, value: string): Check {
  return typeof value === 'string' && value !== '' ? null : `${field} must be a non-empty string, got ${JSON.stringify(value)}`;
}

export function text(field: string, value: string): Check {
  return typeof value === 'string' ? null : `${field} must be a string, got ${typeof value}`;
}

export function textOrNull(field: string, value: string | null): Check {
  return value === null || typeof value === 'string' ? null : `${field} must be a string or null, got ${typeof value}`;
}

export function nonNegative(field: string, value: number): Check {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? null : `${field} must be a finite number >= 0, got ${String(value)}`;
}

export function nonNegativeOrNull(field: string, value: number | null): Check {
  return value === null ? null : nonNegative(field, value);
}

export function integer(field: string, value: number): Check {
  return Number.isSafeInteger(value) ? null : `${field} must be an integer, got ${String(value)}`;
}

export function integerOrNull(field: string, value: number | null): Check {
  return value === null ? null : integer(field, value);
}

export function positiveInteger(field: string, value: number): Check {
  return Number.isSafeInteger(value) && value > 0 ? null : `${field} must be a positive integer, got ${String(value)}`;
}

export function member(field: string, value: string, members: Readonly<Record<string, true>>): Check {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(members, value)
    ? null
    : `${field} must be one of ${Object.keys(members).join(', ')}, got ${JSON.stringify(value)}`;
}

export function memberOrNull(field: string, value: string | null, members: Readonly<Record<string, true>>): Check {
  return value === null ? null : member(field, value, members);
}

export function tokens(field: string, usage: TokenUsage): Check {
  if (typeof usage !== 'object' || usage === null) return `${field} must be { input, output, cacheRead, cacheWrite }`;
  return (
    first(
      nonNegativeInteger(`${field}.input`, usage.input),
      nonNegativeInteger(`${field}.output`, usage.output),
      nonNegativeInteger(`${field}.cacheRead`, usage.cacheRead),
      nonNegativeInteger(`${field}.cacheWrite`, usage.cacheWrite),
    )
  );
}

export function nonNegativeInteger(field: string, value: number): Check {
  return Number.isSafeInteger(value) && value >= 0 ? null : `${field} must be an integer >= 0, got ${String(value)}`;
}

export function sha256Hex(field: string, value: string): Check {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? null : `${field} must be a lower-case hex SHA-256 (64 characters), got ${JSON.stringify(value)}`;
}

/** The first failed check, or null. */
export function first(...checks: readonly Check[]): Check {
  for (const c of checks) if (c !== null) return c;
  return null;
}
