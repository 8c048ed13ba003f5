// llama.cpp's llama-cli, one turn (`-st`; recent builds otherwise wait at a `>` prompt forever),
// the prompt not echoed. Answer on stdout, logs and timings on stderr; local, so a true $0. A
// large prompt is read from the prompt file (`-f`) instead of argv.
import type { AgentAdapter, AgentEvent, AgentInvocation, AgentRequest, StreamParser } from '../types';
import { isLargePrompt } from './largePrompt';
import { plainTextParser } from '../plainTextParser';
import { commandProblem, withEnv } from './requestChecks';

const END_OF_TEXT = /^\s*\[end of text\]\s*$/;

/** Builds that print ` [end of text]` after the answer print it to stdout: it is not answer text. */
function withoutEndOfText(inner: StreamParser): StreamParser {
  return {
    feed(line: string, stream: 'stdout' | 'stderr'): readonly AgentEvent[] {
      return stream === 'stdout' && END_OF_TEXT.test(line) ? [] : inner.feed(line, stream);
    },
    finish: () => inner.finish(),
  };
}

export const llamaCliAdapter: AgentAdapter = {
  kind: 'llama-cli',
  versionArgs: ['--version'],
  check(req: AgentRequest): string | null {
    if (req.model.trim() === '') return 'llama-cli needs a model: set the model for this role to a .gguf file path (passed as -m)';
    return commandProblem(req, 'llama-cli');
  },
  invocation(req: AgentRequest): AgentInvocation {
    if (req.model.trim() === '') throw new Error(llamaCliAdapter.check?.(req) ?? 'llama-cli needs a model');
    const fromFile = isLargePrompt(req.prompt) && req.promptFile !== '';
    const prompt = fromFile ? ['-f', req.promptFile] : ['-p', req.prompt];
    return { argv: [req.command, '-m', req.model, ...prompt, '--no-display-prompt', '-st'], cwd: req.cwd, ...withEnv(req) };
  },
  parser(): StreamParser {
    return withoutEndOfText(plainTextParser({ cost: { kind: 'usd', usd: 0 } }));
  },
};
