// Token and dollar arithmetic shared by the stream parsers, so every format sums and rounds the
// same way (float sums like 0.1 + 0.2 are rounded to a nanodollar, so totals compare exactly).
import type { Cost, TokenUsage } from '../types';
import { NO_USAGE } from '../types';

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
  };
}

/** `a` without `b`: takes back a usage that a later report of the same message replaces. */
export function subtractUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input: a.input - b.input,
    output: a.output - b.output,
    cacheRead: a.cacheRead - b.cacheRead,
    cacheWrite: a.cacheWrite - b.cacheWrite,
  };
}

export function sumUsage(list: Iterable<TokenUsage>): TokenUsage {
  let total = NO_USAGE;
  for (const u of list) total = addUsage(total, u);
  return total;
}

export function roundUsd(usd: number): number {
  return Math.round(usd * 1e9) / 1e9;
}

export function usd(amount: number): Cost {
  return { kind: 'usd', usd: roundUsd(amount) };
}

export const UNPRICED: Cost = { kind: 'unpriced' };

/** A count that must not be negative or fractional; anything else reads as 0. */
export function tokenCount(value: number | undefined): number {
  return value !== undefined && value > 0 ? Math.floor(value) : 0;
}
