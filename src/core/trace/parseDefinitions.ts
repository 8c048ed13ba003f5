// Entry point for reading a definition file of any supported kind into TraceDefinitions. Never
// throws: a definition file the parser cannot read yields no definitions rather than no index.
import type { DefinitionSource, TraceDefinition } from './model';
import { kiroRequirements } from './kiroDefinitions';
import { scanMarkdown } from './markdownScan';
import { openSpecRequirements } from './openSpecDefinitions';
import { specKitDefinitions } from './specKitDefinitions';
import { specRunnerDesign, specRunnerRequirements } from './specRunnerDefinitions';
import { assertNever } from '../spec/model';

export function parseDefinitions(text: string, file: string, kind: DefinitionSource): TraceDefinition[] {
  try {
    if (kind === 'kiro-design') return [];
    const scan = scanMarkdown(text);
    switch (kind) {
      case 'spec-runner-requirements': return specRunnerRequirements(scan, file);
      case 'spec-runner-design': return specRunnerDesign(scan, file);
      case 'kiro-requirements': return kiroRequirements(scan, file);
      case 'openspec-spec': return openSpecRequirements(scan, file);
      case 'spec-kit-spec': return specKitDefinitions(scan, file);
      default: return assertNever(kind);
    }
  } catch {
    return [];
  }
}
