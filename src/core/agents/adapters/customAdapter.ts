// Any other CLI, through the user's command template. Plain text out, markers decide; the cost is
// unknown (unpriced). A template that names neither {prompt} nor {prompt_file} gets the prompt on
// stdin, so `my-agent --stdin` style commands work too.
import type { AgentAdapter, AgentInvocation, AgentRequest, StreamParser } from '../types';
import { splitTemplate, substitute, unknownPlaceholders, usesPlaceholder, PLACEHOLDERS } from './commandTemplate';
import { plainTextParser } from '../plainTextParser';
import { withEnv } from './requestChecks';

export const DEFAULT_CUSTOM_TEMPLATE = '{cmd} --prompt {prompt_file}';

function templateOf(req: AgentRequest): string {
  return req.template.trim() === '' ? DEFAULT_CUSTOM_TEMPLATE : req.template;
}

function templateProblem(req: AgentRequest): string | null {
  const split = splitTemplate(templateOf(req));
  if (!split.ok) return split.error;
  const unknown = unknownPlaceholders(split.words);
  if (unknown.length > 0) {
    return `command template: unknown placeholder ${unknown.join(', ')}; expected ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
  }
  if (usesPlaceholder(split.words, 'cmd') && req.command.trim() === '') {
    return 'command template uses {cmd} but no command is configured';
  }
  if (usesPlaceholder(split.words, 'prompt_file') && req.promptFile === '') {
    return 'command template uses {prompt_file} but the request has no prompt file';
  }
  return null;
}

export const customAdapter: AgentAdapter = {
  kind: 'custom',
  versionArgs: ['--version'],
  check: templateProblem,
  invocation(req: AgentRequest): AgentInvocation {
    const problem = templateProblem(req);
    const split = splitTemplate(templateOf(req));
    if (problem !== null || !split.ok) throw new Error(problem ?? 'command template is invalid');
    const argv = substitute(split.words, { cmd: req.command, prompt: req.prompt, prompt_file: req.promptFile, model: req.model });
    const takesPrompt = usesPlaceholder(split.words, 'prompt') || usesPlaceholder(split.words, 'prompt_file');
    return { argv, cwd: req.cwd, ...withEnv(req), ...(takesPrompt ? {} : { stdin: req.prompt }) };
  },
  parser(): StreamParser {
    return plainTextParser({ cost: { kind: 'unpriced' } });
  },
};
