// opencode's `run` with raw JSON events. `opencode run` reads piped stdin as the message when no
// message argument is given, which carries large prompts and prompts starting with `-`.
import type { AgentAdapter, AgentInvocation, AgentRequest, StreamParser } from '../types';
import { isLargePrompt } from './largePrompt';
import { OpencodeStreamParser } from './opencodeStreamParser';
import { commandProblem, promptNeedsStdin, withEnv } from './requestChecks';

export const opencodeAdapter: AgentAdapter = {
  kind: 'opencode',
  versionArgs: ['--version'],
  check(req: AgentRequest): string | null {
    return commandProblem(req, 'opencode');
  },
  invocation(req: AgentRequest): AgentInvocation {
    const onStdin = promptNeedsStdin(req.prompt, isLargePrompt(req.prompt));
    const argv = [
      req.command,
      'run',
      ...(req.model !== '' ? ['--model', req.model] : []),
      '--format',
      'json',
      ...(onStdin ? [] : [req.prompt]),
    ];
    return { argv, cwd: req.cwd, ...withEnv(req), ...(onStdin ? { stdin: req.prompt } : {}) };
  },
  parser(req?: AgentRequest): StreamParser {
    return new OpencodeStreamParser(req?.cwd);
  },
};
