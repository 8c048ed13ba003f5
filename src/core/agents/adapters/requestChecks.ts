// Request problems every adapter names the same way, before anything is spawned.
import type { AgentRequest } from '../types';

export function commandProblem(req: AgentRequest, cli: string): string | null {
  return req.command.trim() === '' ? `no command configured for ${cli}: expected the executable's name or path (e.g. "${cli}")` : null;
}

/** Prompts argv cannot carry safely: too large, or starting with `-` (a CLI would read an option). */
export function promptNeedsStdin(prompt: string, large: boolean): boolean {
  return large || prompt.startsWith('-');
}

export function withEnv(req: AgentRequest): { readonly env?: Readonly<Record<string, string>> } {
  return req.env !== undefined ? { env: req.env } : {};
}
