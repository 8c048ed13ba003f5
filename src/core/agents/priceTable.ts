// USD per million tokens for models whose CLI reports tokens but no cost (codex). A price we do
// not know is `unpriced`, never $0: a budget must not believe an unknown model is free.
import type { Cost, TokenUsage } from './types';

export interface ModelPrice {
  /** Uncached input tokens. */
  readonly input: number;
  /** Cache-read input tokens; absent: billed as input. */
  readonly cachedInput?: number;
  readonly output: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Compiled 2026-11-23 from OpenAI's published API prices (standard tier, USD per 1M tokens; the
 * gpt-5.4 / gpt-5.5 rows as listed in June 2026). Prices change: extend or override them in the
 * config rather than trusting this table for billing.
 */
export const PRICES_COMPILED = '2026-11-23';

export const DEFAULT_PRICES: PriceTable = {
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-codex': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-codex-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-5-pro': { input: 15, output: 120 },
  'gpt-5.1': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5.1-codex': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5.1-codex-max': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5.1-codex-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5.2': { input: 1.75, cachedInput: 0.175, output: 14 },
  'gpt-5.2-codex': { input: 1.75, cachedInput: 0.175, output: 14 },
  'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15 },
  'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5 },
  'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25 },
  'gpt-5.5': { input: 5, cachedInput: 0.5, output: 30 },
  'codex-mini-latest': { input: 1.5, cachedInput: 0.375, output: 6 },
  'o3': { input: 2, cachedInput: 0.5, output: 8 },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
};

/** The defaults with the config's entries added or replacing (keys compared in lower case). */
export function withPrices(overrides: Readonly<Record<string, ModelPrice>>, base: PriceTable = DEFAULT_PRICES): PriceTable {
  const table: Record<string, ModelPrice> = { ...base };
  for (const [model, price] of Object.entries(overrides)) table[model.trim().toLowerCase()] = price;
  return table;
}

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * A config value (`prices: { my-model: { input: 1, cachedInput: 0.1, output: 4 } }`) read as
 * price overrides; entries that are not prices are left out and named in `errors`.
 */
export function readPriceOverrides(value: unknown): { readonly prices: Record<string, ModelPrice>; readonly errors: readonly string[] } {
  const prices: Record<string, ModelPrice> = {};
  const errors: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { prices, errors: ['expected a mapping of model name to { input, cachedInput?, output } in USD per million tokens'] };
  }
  for (const [model, entry] of Object.entries(value)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push(`${model}: expected { input, cachedInput?, output } in USD per million tokens`);
      continue;
    }
    const fields = new Map(Object.entries(entry));
    const input = fields.get('input');
    const output = fields.get('output');
    const cachedInput = fields.get('cachedInput');
    if (!isPrice(input) || !isPrice(output) || (cachedInput !== undefined && !isPrice(cachedInput))) {
      errors.push(`${model}: input and output (and cachedInput if given) must be non-negative numbers, USD per million tokens`);
      continue;
    }
    prices[model] = cachedInput === undefined ? { input, output } : { input, cachedInput, output };
  }
  return { prices, errors };
}

/**
 * The model's price: exact name first (case-insensitive, an `openai/` style provider prefix
 * dropped), then the longest table key the name extends at a `-` (`gpt-4.1-2025-04-14` ->
 * `gpt-4.1`), so a dated snapshot is priced but `gpt-5.3` is not mistaken for `gpt-5`.
 */
export function findPrice(model: string, table: PriceTable): ModelPrice | undefined {
  const full = model.trim().toLowerCase();
  if (full === '') return undefined;
  const names = full.includes('/') ? [full, full.slice(full.lastIndexOf('/') + 1)] : [full];
  const lowered = new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of names) {
    const exact = lowered.get(name);
    if (exact !== undefined) return exact;
  }
  for (const name of names) {
    let best: { key: string; price: ModelPrice } | undefined;
    for (const [key, price] of lowered) {
      if (name.startsWith(`${key}-`) && (best === undefined || key.length > best.key.length)) best = { key, price };
    }
    if (best !== undefined) return best.price;
  }
  return undefined;
}

export function priceUsage(model: string, usage: TokenUsage, table: PriceTable = DEFAULT_PRICES): Cost {
  const price = findPrice(model, table);
  if (price === undefined) return { kind: 'unpriced' };
  // Cache writes cost input price at OpenAI (there is no separate write price there).
  const micro =
    (usage.input + usage.cacheWrite) * price.input +
    usage.cacheRead * (price.cachedInput ?? price.input) +
    usage.output * price.output;
  return { kind: 'usd', usd: Math.round((micro / 1e6) * 1e9) / 1e9 };
}
