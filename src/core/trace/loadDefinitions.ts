// Reads and parses the definition files found by specFilesFor, remembering which were missing so
// the index can say "no requirements file at <path>" once instead of flagging every reference.
import { readFileSync } from 'node:fs';
import type { LoadedSource, SpecFile, TraceDefinition } from './model';
import { parseDefinitions } from './parseDefinitions';

/** A file's text, or null when it does not exist or cannot be read. */
export type ReadText = (path: string) => string | null;

export interface LoadedDefinitions {
  readonly definitions: TraceDefinition[];
  readonly sources: LoadedSource[];
  /** The text of each file that was found, for definitionText. */
  readonly texts: ReadonlyMap<string, string>;
}

export function loadDefinitions(files: readonly SpecFile[], readText: ReadText = readTextSync): LoadedDefinitions {
  const definitions: TraceDefinition[] = [];
  const sources: LoadedSource[] = [];
  const texts = new Map<string, string>();
  for (const f of files) {
    let text: string | null;
    try {
      text = readText(f.path);
    } catch {
      text = null;
    }
    sources.push({ path: f.path, source: f.source, found: text !== null });
    if (text === null) continue;
    texts.set(f.path, text);
    // A loop, not push(...defs): spreading a huge array overflows the call stack.
    for (const d of parseDefinitions(text, f.path, f.source)) definitions.push(d);
  }
  return { definitions, sources, texts };
}

export function readTextSync(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
