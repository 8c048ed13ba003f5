// ollama's one-shot `run`: plain text, no tools, a local model so a true $0. It has no default
// model, so a request without one is refused by check(). `ollama run <model>` reads the prompt
// from piped stdin when none is given, which carries large prompts and ones starting with `-`.
import type { AgentAdapter, AgentInvocation, AgentRequest, StreamParser } from '../types';
import { isLargePrompt } from './largePrompt';
import { plainTextParser } from '../plainTextParser';
import { commandProblem, promptNeedsStdin, withEnv } from './requestChecks';

export const ollamaAdapter: AgentAdapter = {
  kind: 'ollama',
  versionArgs: ['--version'],
  check(req: AgentRequest): string | null {
    if (req.model.trim() === '') {
      return 'ollama needs a model: `ollama run` has no default, so set the model for this role (e.g. "llama3.2" or "qwen2.5-coder:7b")';
    }
    return commandProblem(req, 'ollama');
  },
  invocation(req: AgentRequest): AgentInvocation {
    if (req.model.trim() === '') throw new Error(ollamaAdapter.check?.(req) ?? 'ollama needs a model');
    const onStdin = promptNeedsStdin(req.prompt, isLargePrompt(req.prompt));
    const argv = [req.command, 'run', req.model, ...(onStdin ? [] : [req.prompt])];
    return { argv, cwd: req.cwd, ...withEnv(req), ...(onStdin ? { stdin: req.prompt } : {}) };
  },
  parser(): StreamParser {
    return plainTextParser({ cost: { kind: 'usd', usd: 0 } });
  },
};
