// The price table: exact then prefix lookup, unpriced for unknown or empty models, overrides from
// the config, and the arithmetic of cached input.
import assert from 'node:assert/strict';
import { DEFAULT_PRICES, PRICES_COMPILED, findPrice, priceUsage, readPriceOverrides, withPrices } from '../../../src/core/agents/priceTable';

const U = { input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000, cacheWrite: 0 };

describe('price table', () => {
  it('is dated and prices the common codex models', () => {
    assert.match(PRICES_COMPILED, /^\d{4}-\d{2}-\d{2}$/);
    for (const model of ['gpt-5', 'gpt-5-codex', 'o4-mini', 'gpt-4.1']) assert.notEqual(DEFAULT_PRICES[model], undefined, model);
    assert.deepEqual(priceUsage('gpt-5', U), { kind: 'usd', usd: 11.375 });
    assert.deepEqual(priceUsage('gpt-5-codex', { input: 800, output: 100, cacheRead: 200, cacheWrite: 0 }), { kind: 'usd', usd: 0.002025 });
    assert.deepEqual(priceUsage('o4-mini', U), { kind: 'usd', usd: 5.775 });
    assert.deepEqual(priceUsage('gpt-4.1', U), { kind: 'usd', usd: 10.5 });
  });

  it('finds by exact name (any case, provider prefix dropped), then the longest prefix at a dash', () => {
    assert.equal(findPrice('GPT-5-Mini', DEFAULT_PRICES), DEFAULT_PRICES['gpt-5-mini']);
    assert.equal(findPrice('openai/gpt-4.1', DEFAULT_PRICES), DEFAULT_PRICES['gpt-4.1']);
    assert.equal(findPrice('gpt-4.1-mini-2025-04-14', DEFAULT_PRICES), DEFAULT_PRICES['gpt-4.1-mini']);
    assert.equal(findPrice('gpt-5-codex-latest', DEFAULT_PRICES), DEFAULT_PRICES['gpt-5-codex']);
    assert.equal(findPrice(' gpt-5 ', DEFAULT_PRICES), DEFAULT_PRICES['gpt-5']);
    // Not a dash boundary: an unknown version is not priced as its elder.
    assert.equal(findPrice('gpt-5.3-codex', DEFAULT_PRICES), undefined);
    assert.equal(findPrice('gpt-50', DEFAULT_PRICES), undefined);
  });

  it('says unpriced, never $0, for an empty or unknown model', () => {
    assert.deepEqual(priceUsage('', U), { kind: 'unpriced' });
    assert.deepEqual(priceUsage('  ', U), { kind: 'unpriced' });
    assert.deepEqual(priceUsage('llama3.2', U), { kind: 'unpriced' });
    // Known model, no tokens: a real $0.
    assert.deepEqual(priceUsage('gpt-5', { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }), { kind: 'usd', usd: 0 });
  });

  it('bills cached input at input price when no cached price is given', () => {
    const table = withPrices({ 'local-proxy': { input: 2, output: 6 } });
    assert.deepEqual(priceUsage('local-proxy', { input: 1000, output: 1000, cacheRead: 1000, cacheWrite: 1000 }, table), { kind: 'usd', usd: 0.012 });
  });

  it('extends and overrides the defaults from the config', () => {
    const table = withPrices({ 'GPT-5': { input: 1, cachedInput: 0.1, output: 8 }, 'my-model': { input: 3, output: 9 } });
    assert.deepEqual(table['gpt-5'], { input: 1, cachedInput: 0.1, output: 8 });
    assert.deepEqual(table['my-model'], { input: 3, output: 9 });
    assert.equal(table['o4-mini'], DEFAULT_PRICES['o4-mini']);
    assert.deepEqual(DEFAULT_PRICES['gpt-5'], { input: 1.25, cachedInput: 0.125, output: 10 });
    assert.deepEqual(priceUsage('my-model-2026', { input: 1_000_000, output: 0, cacheRead: 0, cacheWrite: 0 }, table), { kind: 'usd', usd: 3 });
  });

  it('reads config price overrides and names the entries it cannot use', () => {
    assert.deepEqual(readPriceOverrides({ a: { input: 1, output: 2 }, b: { input: 1, cachedInput: 0.5, output: 2 }, c: { input: -1, output: 2 }, d: 'cheap', e: { input: 1 } }), {
      prices: { a: { input: 1, output: 2 }, b: { input: 1, cachedInput: 0.5, output: 2 } },
      errors: [
        'c: input and output (and cachedInput if given) must be non-negative numbers, USD per million tokens',
        'd: expected { input, cachedInput?, output } in USD per million tokens',
        'e: input and output (and cachedInput if given) must be non-negative numbers, USD per million tokens',
      ],
    });
    assert.deepEqual(readPriceOverrides([1]), {
      prices: {},
      errors: ['expected a mapping of model name to { input, cachedInput?, output } in USD per million tokens'],
    });
  });
});
