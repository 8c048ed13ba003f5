// The part every NDJSON parser shares: stderr and junk lines become raw events, blank lines are
// skipped, and each stdout line is counted as the format (a JSON object with a string `type`)
// or against it, which is how a format change shows up instead of a silently empty run.
import type { AgentEvent } from '../types';
import type { JsonObject } from './json';
import { parseObject, str } from './json';

export type NdjsonLine =
  | { readonly kind: 'object'; readonly type: string; readonly value: JsonObject }
  | { readonly kind: 'other'; readonly events: readonly AgentEvent[] };

const NOTHING: NdjsonLine = { kind: 'other', events: [] };

export class NdjsonTally {
  parsedLines = 0;
  unparsedLines = 0;

  read(rawLine: string, stream: 'stdout' | 'stderr'): NdjsonLine {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return NOTHING;
    if (stream === 'stderr') return { kind: 'other', events: [{ kind: 'raw', stream: 'stderr', line }] };
    const value = parseObject(line);
    const type = str(value ?? undefined, 'type');
    if (value === null || type === undefined) {
      this.unparsedLines++;
      return { kind: 'other', events: [{ kind: 'raw', stream: 'stdout', line }] };
    }
    this.parsedLines++;
    return { kind: 'object', type, value };
  }
}
