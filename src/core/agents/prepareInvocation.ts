// The safe way to turn a request into an invocation: the adapter's check() first, so a request it
// cannot run (ollama without a model, a broken template) comes back as a value naming the problem.
import type { AgentAdapter, AgentRequest, InvocationResult } from './types';

export function prepareInvocation(adapter: AgentAdapter, req: AgentRequest): InvocationResult {
  const problem = adapter.check?.(req) ?? null;
  if (problem !== null) return { ok: false, error: problem };
  return { ok: true, invocation: adapter.invocation(req) };
}
