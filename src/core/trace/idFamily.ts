// Which definition file an id would be defined in. An unresolved-trace warning is only fair when
// the file for that id's family was loaded, and its message can then say what was expected.
import { assertNever } from '../spec/model';
import type { DefinitionSource } from './model';

export type IdFamily = 'REQ' | 'NFR' | 'DESIGN' | 'FR' | 'US' | 'kiro' | 'openspec';

/** The family of a trace id; null for an id no definition file defines (`API-7`, `TASK-001`). */
export function familyOf(id: string): IdFamily | null {
  const prefixed = /^([A-Z][A-Z0-9]*)-\d+$/.exec(id);
  if (prefixed) {
    const p = prefixed[1];
    return p === 'REQ' || p === 'NFR' || p === 'DESIGN' || p === 'FR' ? p : null;
  }
  if (/^US\d+$/.test(id)) return 'US';
  if (/^\d+(?:\.\d+)*$/.test(id)) return 'kiro';
  return id.trim() === '' ? null : 'openspec';
}

export function familiesOf(source: DefinitionSource): readonly IdFamily[] {
  switch (source) {
    case 'spec-runner-requirements': return ['REQ', 'NFR'];
    case 'spec-runner-design': return ['DESIGN'];
    case 'kiro-requirements': return ['kiro'];
    case 'kiro-design': return [];
    case 'openspec-spec': return ['openspec'];
    case 'spec-kit-spec': return ['FR', 'NFR', 'US'];
    default: return assertNever(source);
  }
}

/** What the missing file is called in a message: "requirements file", "design file". */
export function sourceLabel(source: DefinitionSource): string {
  switch (source) {
    case 'spec-runner-requirements':
    case 'kiro-requirements': return 'requirements file';
    case 'spec-runner-design':
    case 'kiro-design': return 'design file';
    case 'openspec-spec':
    case 'spec-kit-spec': return 'spec file';
    default: return assertNever(source);
  }
}

/** How the definition of `id` would be written, for "expected ..." in a diagnostic. */
export function expectedDefinition(id: string, family: IdFamily): string {
  switch (family) {
    case 'REQ':
    case 'NFR':
    case 'DESIGN': return `a heading "## ${id}: <title>"`;
    case 'FR': return `a line "- **${id}**: System MUST ..."`;
    case 'US': return `a heading "### User Story ${id.slice(2)} - <title>"`;
    case 'openspec': return `a heading "### Requirement: ${id}"`;
    case 'kiro': {
      const dot = id.indexOf('.');
      if (dot < 0) return `a heading "### Requirement ${id}: <title>"`;
      return `item "${id.slice(dot + 1)}." under "#### Acceptance Criteria" of "### Requirement ${id.slice(0, dot)}"`;
    }
    default: return assertNever(family);
  }
}
