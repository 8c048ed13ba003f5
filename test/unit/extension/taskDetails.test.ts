// What the Task details panel shows, built from real task files the way the extension analyses
// them: the demo workspace, a Spec Kit file with phase barriers, and broken references in a temp dir.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openTaskFile } from '../../../src/core/project/openTaskFile';
import type { SpecAnalysis } from '../../../src/core/project/analyzeSpec';
import { buildTaskDetails } from '../../../src/extension/taskDetails';

const FIXTURES = join(__dirname, '../../fixtures');

function analyse(root: string, file: string | null = null): SpecAnalysis {
  const opened = openTaskFile({ cwd: root, file });
  if (!opened.ok) throw new Error(opened.error);
  return opened.value.analysis;
}

describe('buildTaskDetails', () => {
  const demo = join(FIXTURES, 'demo');
  const label = (f: string): string => relative(demo, f);

  it('demo TASK-003: meta, checklist, both directions of dependencies and the traced texts', () => {
    const d = buildTaskDetails(analyse(demo), 'TASK-003', label);
    assert.deepEqual(d, {
      id: 'TASK-003',
      title: 'POST /links endpoint',
      status: 'in_progress',
      statusText: '🔄 IN_PROGRESS',
      priority: 'P0',
      estimate: '1d',
      group: 'Milestone 1: Core shortener',
      subgroup: null,
      format: 'spec-runner',
      line: 36,
      ready: true,
      optional: false,
      description: 'Accept a JSON body, validate the URL and answer with the code and the short URL.',
      checklist: [
        { index: 1, text: 'Route `POST /links` to a handler with an 8 KB body cap', checked: true, line: 42 },
        { index: 2, text: 'Reject non-http(s) and over-long URLs with 400', checked: false, line: 43 },
        { index: 3, text: 'Answer 201 with `code` and `short`', checked: false, line: 44 },
      ],
      waitsFor: [{ id: 'TASK-002', reason: 'explicit', title: 'Link store with atomic snapshots', status: 'done', line: 22 }],
      unblocks: [{ id: 'TASK-005', reason: 'explicit', title: 'Custom aliases', status: 'todo', line: 64 }],
      traces: [
        {
          text: 'REQ-001',
          line: 46,
          definitions: [{
            id: 'REQ-001',
            title: 'Shorten a URL',
            kind: 'requirement',
            file: join(demo, 'spec/requirements.md'),
            fileLabel: join('spec', 'requirements.md'),
            line: 11,
            text: '### REQ-001: Shorten a URL\n'
              + '`POST /links` with a JSON body `{"url": "<long url>"}` creates a short link and answers\n'
              + '`201 Created` with `{"code": "aZ3x9Q", "short": "http://<host>/aZ3x9Q"}`. Only absolute `http:`\n'
              + 'and `https:` URLs of at most 2,048 characters are accepted; anything else answers `400` with a\n'
              + 'message naming the problem.',
          }],
          missing: [],
        },
        {
          text: 'DESIGN-002',
          line: 46,
          definitions: [{
            id: 'DESIGN-002',
            title: 'HTTP layer',
            kind: 'design',
            file: join(demo, 'spec/design.md'),
            fileLabel: join('spec', 'design.md'),
            line: 14,
            text: '### DESIGN-002: HTTP layer\n'
              + 'A routing table maps `method + path pattern` to a handler. Bodies are read with an 8 KB cap and\n'
              + 'parsed as JSON; every error answer is `{"error": "<message>"}` with the right status code.\n'
              + 'Handlers receive the store as an argument so tests can start a server on a temporary store.',
          }],
          missing: [],
        },
      ],
      diagnostics: [],
    });
  });

  it('demo TASK-004 unblocks two tasks; TASK-007 is blocked and not ready', () => {
    const a = analyse(demo);
    assert.deepEqual(buildTaskDetails(a, 'TASK-004', label)?.unblocks.map((u) => [u.id, u.reason, u.status, u.line]), [
      ['TASK-006', 'explicit', 'todo', 81],
      ['TASK-007', 'explicit', 'blocked', 95],
    ]);
    const blocked = buildTaskDetails(a, 'TASK-007', label);
    assert.equal(blocked?.status, 'blocked');
    assert.equal(blocked?.ready, false);
    assert.equal(blocked?.priority, 'P2');
    assert.equal(blocked?.estimate, '4h');
  });

  it('returns null for an id the file does not have', () => {
    assert.equal(buildTaskDetails(analyse(demo), 'TASK-999', label), null);
  });

  it('Spec Kit T013: prose dependency first, then only the unfinished tasks of earlier phases', () => {
    const root = join(FIXTURES, 'spec-kit');
    const d = buildTaskDetails(analyse(root, 'specs/001-signup/tasks.md'), 'T013', (f) => relative(root, f));
    assert.deepEqual(d?.waitsFor.map((w) => [w.id, w.reason, w.status]), [
      ['T012', 'prose', 'todo'],
      ['T003', 'phase', 'todo'],
      ['T004', 'phase', 'todo'],
      ['T005', 'phase', 'in_progress'],
    ]);
    assert.deepEqual(d?.unblocks.map((w) => [w.id, w.reason]), [['T014', 'prose']]);
    assert.equal(d?.group, 'Phase 3: User Story 1 - Sign up with email (Priority: P1) 🎯 MVP');
    assert.equal(d?.subgroup, 'Implementation for User Story 1');
    assert.equal(d?.description, 'Hash passwords with argon2id\nReject a duplicate email with 409 Conflict');
    assert.deepEqual(d?.traces, []);
  });

  describe('broken references', () => {
    let root = '';
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'specpilot-details-'));
      mkdirSync(join(root, 'spec'));
      writeFileSync(join(root, 'spec/tasks.md'), [
        '# Tasks', '', '## Milestone 1: Edges', '',
        '### TASK-001: Broken references', '🔴 P0 | ⬜ TODO', '',
        'Waits for a task that does not exist.', '',
        '**Traces to:** [REQ-001], [REQ-404]',
        '**Depends on:** [TASK-009]',
        '**Blocks:** [TASK-077]', '',
        '### TASK-002: Later', '🟢 P3 | ⬜ TODO | Est: 1h', '',
        '**Depends on:** [TASK-001]', '',
      ].join('\n'));
      writeFileSync(join(root, 'spec/requirements.md'), '# Requirements\n\n### REQ-001: First\nThe first requirement.\n');
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('lists missing tasks and definitions and the diagnostics inside the task block', () => {
      const d = buildTaskDetails(analyse(root), 'TASK-001', (f) => relative(root, f));
      assert.ok(d);
      assert.deepEqual(d.waitsFor, [{ id: 'TASK-009', reason: 'explicit', title: null, status: null, line: null }]);
      assert.deepEqual(d.unblocks, [
        { id: 'TASK-002', reason: 'explicit', title: 'Later', status: 'todo', line: 13 },
        { id: 'TASK-077', reason: 'blocks', title: null, status: null, line: null },
      ]);
      assert.deepEqual(d.traces.map((t) => [t.text, t.line, t.definitions.map((x) => [x.id, x.title, x.fileLabel, x.line, x.text]), t.missing]), [
        ['REQ-001', 9, [['REQ-001', 'First', join('spec', 'requirements.md'), 2, '### REQ-001: First\nThe first requirement.']], []],
        ['REQ-404', 9, [], ['REQ-404']],
      ]);
      assert.deepEqual(d.diagnostics.map((x) => [x.severity, x.code, x.line, x.col]), [
        ['warning', 'missing-estimate', 5, 0],
        ['warning', 'unresolved-trace', 9, 27],
        ['error', 'unknown-dependency', 10, 17],
        ['warning', 'blocks-asymmetry', 11, 12],
        ['error', 'unknown-dependency', 11, 13],
      ]);
      assert.equal(d.ready, false);
      assert.equal(d.estimate, null);
    });

    it('TASK-002 has no diagnostics of TASK-001 and waits for it by Depends on', () => {
      const d = buildTaskDetails(analyse(root), 'TASK-002', (f) => relative(root, f));
      assert.deepEqual(d?.waitsFor, [{ id: 'TASK-001', reason: 'explicit', title: 'Broken references', status: 'todo', line: 4 }]);
      assert.deepEqual(d?.diagnostics.map((x) => x.code), ['no-traces']);
    });
  });
});
