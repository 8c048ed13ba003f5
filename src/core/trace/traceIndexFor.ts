// The one call a front end needs: given a parsed tasks file, find its definition files by
// convention, read and parse them, and index the tasks' references against them.
import type { ParsedSpec } from '../spec/model';
import { loadDefinitions, readTextSync, type ReadText } from './loadDefinitions';
import { listFilesSync, specFilesFor, type ListFiles } from './specFiles';
import { TraceIndex } from './traceIndex';

export interface TraceIndexOptions {
  /** spec-runner's `--spec-prefix`; '' takes it from the tasks file name. */
  readonly specPrefix?: string;
  readonly readText?: ReadText;
  readonly listFiles?: ListFiles;
}

export interface TraceIndexResult {
  readonly index: TraceIndex;
  /** Each found definition file's text, for definitionText in hovers. */
  readonly texts: ReadonlyMap<string, string>;
}

export function traceIndexFor(spec: Pick<ParsedSpec, 'file' | 'format' | 'tasks'>, options: TraceIndexOptions = {}): TraceIndexResult {
  const files = specFilesFor(spec.file, spec.format, options.specPrefix ?? '', options.listFiles ?? listFilesSync);
  const { definitions, sources, texts } = loadDefinitions(files, options.readText ?? readTextSync);
  return { index: new TraceIndex({ definitions, tasks: spec.tasks, tasksFile: spec.file, sources }), texts };
}
