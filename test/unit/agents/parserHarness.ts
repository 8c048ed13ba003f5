// Feeds a recorded sample (test/unit/agents/samples) through a parser line by line, as the
// process runner would, and returns every event and the summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentEvent, StreamParser, StreamSummary } from '../../../src/core/agents/types';

export const SAMPLES = join(__dirname, 'samples');

export function sampleLines(name: string): string[] {
  const text = readFileSync(join(SAMPLES, name), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function feedAll(
  parser: StreamParser,
  stdout: readonly string[],
  stderr: readonly string[] = [],
): { events: AgentEvent[]; summary: StreamSummary } {
  const events: AgentEvent[] = [];
  for (const line of stdout) events.push(...parser.feed(line, 'stdout'));
  for (const line of stderr) events.push(...parser.feed(line, 'stderr'));
  return { events, summary: parser.finish() };
}
