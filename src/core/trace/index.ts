// The traceability index's public surface: definition files of every format, the index over a
// tasks file's references, and the lookups the editor and reports use.
export type { DefinitionKind, DefinitionSource, LoadedSource, SpecFile, TraceDefinition } from './model';
export { DEFINITION_SOURCES } from './model';
export { parseDefinitions } from './parseDefinitions';
export { definitionText, DEFINITION_TEXT_MAX_LINES } from './definitionText';
export { specFilesFor, definitionSourceFor, listFilesSync, type ListFiles } from './specFiles';
export { loadDefinitions, readTextSync, type LoadedDefinitions, type ReadText } from './loadDefinitions';
export { TraceIndex, buildTraceIndex, type RefHit, type TraceIndexInput } from './traceIndex';
export { unresolvedTraces } from './unresolvedTraces';
export { familyOf, familiesOf, expectedDefinition, sourceLabel, type IdFamily } from './idFamily';
export { scanMarkdown, type Heading, type MarkdownScan } from './markdownScan';
export { traceIndexFor, type TraceIndexOptions, type TraceIndexResult } from './traceIndexFor';
