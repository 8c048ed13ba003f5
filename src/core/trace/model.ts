// The types of the traceability index: what a requirement / design / criterion definition is and
// where it came from, shared by the per-format definition parsers, the index and the front ends.
import type { Span } from '../spec/model';

export type DefinitionKind = 'requirement' | 'nfr' | 'design' | 'criterion' | 'story' | 'functional';

/** Which kind of file a definition file is; each has its own syntax for ids. */
export type DefinitionSource =
  | 'spec-runner-requirements' // spec/<prefix>requirements.md: `## REQ-001: title`, `## NFR-001`
  | 'spec-runner-design' // spec/<prefix>design.md: `### DESIGN-001: title`
  | 'kiro-requirements' // .kiro/specs/<f>/requirements.md: `### Requirement 1`, criteria `1.2`
  | 'kiro-design' // .kiro/specs/<f>/design.md: no ids
  | 'openspec-spec' // openspec/**/specs/**/spec.md: `### Requirement: <name>`
  | 'spec-kit-spec'; // specs/<f>/spec.md: `**FR-001**:`, `### User Story 1 - title`

export const DEFINITION_SOURCES: readonly DefinitionSource[] = [
  'spec-runner-requirements', 'spec-runner-design', 'kiro-requirements', 'kiro-design', 'openspec-spec', 'spec-kit-spec',
];

export interface TraceDefinition {
  /** As tasks refer to it: `REQ-001`, `DESIGN-002`, `1`, `1.2`, `FR-001`, `US1`, an OpenSpec name. */
  readonly id: string;
  /** The heading's or item's text after the id, '' when there is none. */
  readonly title: string;
  readonly kind: DefinitionKind;
  readonly file: string;
  /** The id as written on its heading or item line (for a Spec Kit story: `User Story 1`). */
  readonly span: Span;
  /** 0-based line of the heading or item. */
  readonly line: number;
  /** 0-based last line of its block, trailing blank lines and rules excluded. */
  readonly endLine: number;
  /** For a Kiro criterion `1.2`: its requirement `1`; otherwise null. */
  readonly parentId: string | null;
}

/** A definition file the index was told about, and whether it existed when it was looked for. */
export interface LoadedSource {
  readonly path: string;
  readonly source: DefinitionSource;
  readonly found: boolean;
}

/** A definition file to look for beside a tasks file. */
export interface SpecFile {
  readonly path: string;
  readonly source: DefinitionSource;
}
