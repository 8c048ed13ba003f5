// The doctor's format self-check: every adapter reads its embedded sample; a parser that drifted
// is partial, one that reads nothing (or throws) failed.
import assert from 'node:assert/strict';
import { adapterByKind } from '../../../src/core/agents/detectAdapter';
import { checkFormat } from '../../../src/core/agents/formatCheck';
import type { AgentAdapter, StreamParser } from '../../../src/core/agents/types';
import { AGENT_KINDS, NO_USAGE } from '../../../src/core/agents/types';

function withParser(parser: () => StreamParser): AgentAdapter {
  return { ...adapterByKind('claude'), parser };
}

describe('format self-check', () => {
  it('passes for every adapter', () => {
    for (const kind of AGENT_KINDS) assert.deepEqual(checkFormat(adapterByKind(kind)), { status: 'ok', detail: `${kind} format check passed` });
  });

  it('is partial when some fields drift and failed when nothing is read or the parser throws', () => {
    const claude = adapterByKind('claude');
    const noCost = withParser(() => {
      const inner = claude.parser();
      return { feed: (l, s) => inner.feed(l, s), finish: () => ({ ...inner.finish(), cost: { kind: 'unpriced' } }) };
    });
    assert.deepEqual(checkFormat(noCost), { status: 'partial', detail: 'claude format check: wrong cost' });
    const blind = withParser(() => ({
      feed: () => [],
      finish: () => ({ finalText: '', allText: '', usage: NO_USAGE, cost: { kind: 'unpriced' }, parsedLines: 0, unparsedLines: 3 }),
    }));
    assert.deepEqual(checkFormat(blind), {
      status: 'failed',
      detail: 'claude format check: wrong lines read 0 of 3 (3 unparsed), final text, answer text, token usage, cost',
    });
    const throwing = withParser(() => {
      throw new Error('boom');
    });
    assert.deepEqual(checkFormat(throwing), { status: 'failed', detail: 'the claude parser threw on its sample stream: boom' });
  });
});
