// Claude Code in print mode with the stream-json format. A prompt over LARGE_PROMPT_BYTES (or one
// starting with `-`) is written to stdin, which `claude -p` reads when no prompt argument is given.
import type { AgentAdapter, AgentInvocation, AgentRequest, StreamParser } from '../types';
import { ClaudeStreamParser } from './claudeStreamParser';
import { isLargePrompt } from './largePrompt';
import { commandProblem, promptNeedsStdin, withEnv } from './requestChecks';

export const claudeAdapter: AgentAdapter = {
  kind: 'claude',
  versionArgs: ['--version'],
  check(req: AgentRequest): string | null {
    return commandProblem(req, 'claude');
  },
  invocation(req: AgentRequest): AgentInvocation {
    const onStdin = promptNeedsStdin(req.prompt, isLargePrompt(req.prompt));
    const argv = [
      req.command,
      '-p',
      ...(onStdin ? [] : [req.prompt]),
      '--output-format',
      'stream-json',
      '--verbose',
      ...(req.model !== '' ? ['--model', req.model] : []),
      ...(req.skipPermissions ? ['--dangerously-skip-permissions'] : ['--permission-mode', 'acceptEdits']),
    ];
    return { argv, cwd: req.cwd, ...withEnv(req), ...(onStdin ? { stdin: req.prompt } : {}) };
  },
  parser(req?: AgentRequest): StreamParser {
    return new ClaudeStreamParser(req?.cwd);
  },
};
