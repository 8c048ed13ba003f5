// pi (pi-coding-agent) in print mode with the JSON event stream. The prompt always travels in
// argv: pi documents no stdin prompt for print mode.
import type { AgentAdapter, AgentInvocation, AgentRequest, StreamParser } from '../types';
import { PiStreamParser } from './piStreamParser';
import { commandProblem, withEnv } from './requestChecks';

export const piAdapter: AgentAdapter = {
  kind: 'pi',
  versionArgs: ['--version'],
  check(req: AgentRequest): string | null {
    return commandProblem(req, 'pi');
  },
  invocation(req: AgentRequest): AgentInvocation {
    const argv = [req.command, '-p', '--mode', 'json', ...(req.model !== '' ? ['--model', req.model] : []), req.prompt];
    return { argv, cwd: req.cwd, ...withEnv(req) };
  },
  parser(req?: AgentRequest): StreamParser {
    return new PiStreamParser(req?.cwd);
  },
};
