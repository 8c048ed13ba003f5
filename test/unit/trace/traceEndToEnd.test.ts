// The trace index over real tasks files parsed by parseSpec and the definition files found beside
// them by convention: the path the extension and the CLI take.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { definitionText, traceIndexFor } from '../../../src/core/trace';

const FIX = join(__dirname, '../../fixtures/trace');

function load(rel: string): ReturnType<typeof traceIndexFor> {
  const file = join(FIX, rel);
  return traceIndexFor(parseSpec(readFileSync(file, 'utf8'), file));
}

describe('trace index end to end', () => {
  it('spec-runner: resolves, covers and flags the references of spec/tasks.md', () => {
    const tasksFile = join(FIX, 'spec-runner/spec/tasks.md');
    const { index, texts } = load('spec-runner/spec/tasks.md');
    assert.deepEqual(index.sources.map((s) => [s.path, s.found]), [
      [join(FIX, 'spec-runner/spec/requirements.md'), true],
      [join(FIX, 'spec-runner/spec/design.md'), true],
    ]);
    assert.deepEqual(index.unresolved(), [{
      severity: 'warning',
      code: 'unresolved-trace',
      message: `Trace "REQ-009" is not defined in requirements.md: expected a heading "## REQ-009: <title>".`,
      file: tasksFile,
      span: { line: 14, col: 27, endCol: 34 },
    }]);
    assert.deepEqual(index.uncovered().map((d) => d.id), ['REQ-003', 'NFR-002']);
    assert.deepEqual(index.tasksTracing('REQ-001'), ['TASK-001']);
    const hit = index.refAt(tasksFile, 8, 30)!;
    assert.equal(hit.ref.text, 'DESIGN-001');
    const def = hit.definitions[0]!;
    assert.equal(definitionText(def, texts.get(def.file)!), '### DESIGN-001: Users table\nColumns: id, email, password_hash.');
  });

  it('kiro: expands ranges, counts criteria for their requirement, flags the criterion that does not exist', () => {
    const { index } = load('kiro/.kiro/specs/sessions/tasks.md');
    assert.deepEqual(index.unresolved().map((d) => [d.severity, d.span, d.message]), [[
      'warning',
      { line: 6, col: 19, endCol: 26 },
      `Trace "2.3" is not defined in requirements.md: expected item "3." under "#### Acceptance Criteria" of "### Requirement 2".`,
    ]]);
    assert.deepEqual(index.uncovered().map((d) => d.id), ['1.3']);
    assert.deepEqual(index.tasksTracing('2'), ['2']);
    assert.equal(index.refAt(6, 27), null);
  });

  it('spec-runner without a requirements file: one info on the first reference', () => {
    const { index } = load('no-requirements/spec/phase2-tasks.md');
    assert.deepEqual(index.unresolved().map((d) => [d.severity, d.span, d.message]), [[
      'info',
      { line: 3, col: 16, endCol: 23 },
      `No requirements file was found at phase2-requirements.md (next to the tasks file), so traces such as "REQ-001" cannot be checked: expected a heading "## REQ-001: <title>" there.`,
    ]]);
  });
});
