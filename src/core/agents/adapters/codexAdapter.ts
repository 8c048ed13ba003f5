// OpenAI's Codex CLI in exec mode with JSONL events. `-p` is codex's --profile, so the prompt is
// the positional argument, or `-` with the prompt on stdin when it is large or starts with `-`.
import type { PriceTable } from '../priceTable';
import { DEFAULT_PRICES } from '../priceTable';
import type { AgentAdapter, AgentInvocation, AgentRequest, StreamParser } from '../types';
import { CodexStreamParser } from './codexStreamParser';
import { isLargePrompt } from './largePrompt';
import { commandProblem, promptNeedsStdin, withEnv } from './requestChecks';

/** A codex adapter pricing tokens with `prices` (the defaults extended by the config). */
export function createCodexAdapter(prices: PriceTable = DEFAULT_PRICES): AgentAdapter {
  return {
    kind: 'codex',
    versionArgs: ['--version'],
    check(req: AgentRequest): string | null {
      return commandProblem(req, 'codex');
    },
    invocation(req: AgentRequest): AgentInvocation {
      const onStdin = promptNeedsStdin(req.prompt, isLargePrompt(req.prompt));
      const argv = [
        req.command,
        'exec',
        '--json',
        ...(req.model !== '' ? ['-m', req.model] : []),
        '--sandbox',
        'workspace-write',
        '--skip-git-repo-check',
        onStdin ? '-' : req.prompt,
      ];
      return { argv, cwd: req.cwd, ...withEnv(req), ...(onStdin ? { stdin: req.prompt } : {}) };
    },
    parser(req?: AgentRequest): StreamParser {
      return new CodexStreamParser(req?.model ?? '', prices, req?.cwd);
    },
  };
}

export const codexAdapter: AgentAdapter = createCodexAdapter();
