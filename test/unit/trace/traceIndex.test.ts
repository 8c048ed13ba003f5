// The trace index over fixture definition files and hand-built tasks: lookups, coverage,
// unresolved-trace diagnostics, and its cost on a large spec.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TraceIndex, parseDefinitions, type LoadedSource, type TraceDefinition } from '../../../src/core/trace';
import type { Diagnostic } from '../../../src/core/spec/model';
import { makeTask } from './taskFixtures';

const FIX = join(__dirname, '../../fixtures/trace');
const read = (p: string): string => readFileSync(join(FIX, p), 'utf8');

const REQ_FILE = 'spec/requirements.md';
const DESIGN_FILE = 'spec/design.md';
const TASKS = 'spec/tasks.md';

function specRunnerDefs(): TraceDefinition[] {
  return [
    ...parseDefinitions(read('spec-runner/spec/requirements.md'), REQ_FILE, 'spec-runner-requirements'),
    ...parseDefinitions(read('spec-runner/spec/design.md'), DESIGN_FILE, 'spec-runner-design'),
  ];
}

const FOUND: LoadedSource[] = [
  { path: REQ_FILE, source: 'spec-runner-requirements', found: true },
  { path: DESIGN_FILE, source: 'spec-runner-design', found: true },
];

const specRunnerTasks = [
  makeTask({ id: 'TASK-001', line: 5, endLine: 10, refs: [{ text: 'REQ-001', line: 9, col: 15 }, { text: 'DESIGN-001', line: 9, col: 26 }] }),
  makeTask({ id: 'TASK-002', line: 12, endLine: 18, refs: [
    { text: 'REQ-002', line: 16, col: 15 },
    { text: 'REQ-009', line: 16, col: 26 },
    { text: 'All of them', line: 16, col: 37, ids: [] },
  ] }),
  makeTask({ id: 'TASK-003', line: 20, endLine: 25, refs: [{ text: 'NFR-001', line: 24, col: 15 }, { text: 'API-7', line: 24, col: 26 }, { text: 'REQ-001', line: 24, col: 35 }] }),
];

describe('TraceIndex', () => {
  describe('spec-runner', () => {
    const index = new TraceIndex({ definitions: specRunnerDefs(), tasks: specRunnerTasks, tasksFile: TASKS, sources: FOUND });

    it('finds definitions by id', () => {
      assert.deepEqual(index.definition('REQ-003'), {
        id: 'REQ-003', title: 'Accounts can be deleted', kind: 'requirement', file: REQ_FILE,
        span: { line: 20, col: 3, endCol: 10 }, line: 20, endLine: 24, parentId: null,
      });
      assert.equal(index.definition('DESIGN-002')?.file, DESIGN_FILE);
      assert.equal(index.definition('REQ-099'), null);
    });

    it('finds the definitions whose block holds a line', () => {
      assert.deepEqual(index.definitionsAt(REQ_FILE, 24).map((d) => d.id), ['REQ-003']);
      assert.deepEqual(index.definitionsAt(REQ_FILE, 8).map((d) => d.id), ['REQ-001']);
      assert.deepEqual(index.definitionsAt(REQ_FILE, 12), []);
      assert.deepEqual(index.definitionsAt(DESIGN_FILE, 5).map((d) => d.id), ['DESIGN-001']);
      assert.deepEqual(index.definitionsAt('spec\\design.md', 8).map((d) => d.id), ['DESIGN-002']);
      assert.deepEqual(index.definitionsAt('other.md', 5), []);
    });

    it('finds the reference under a position, end column included', () => {
      const hit = index.refAt(16, 15)!;
      assert.equal(hit.task.id, 'TASK-002');
      assert.equal(hit.ref.text, 'REQ-002');
      assert.deepEqual(hit.definitions.map((d) => [d.id, d.file, d.line]), [['REQ-002', REQ_FILE, 13]]);
      assert.deepEqual(hit.missing, []);
      assert.equal(index.refAt(16, 22)?.ref.text, 'REQ-002');
      assert.equal(index.refAt(16, 23), null);
      assert.equal(index.refAt(16, 14), null);
      assert.equal(index.refAt(17, 15), null);
      const missing = index.refAt(TASKS, 16, 30)!;
      assert.deepEqual([missing.ref.text, missing.definitions, missing.missing], ['REQ-009', [], ['REQ-009']]);
      assert.equal(index.refAt(undefined, 9, 30)?.definitions[0]?.id, 'DESIGN-001');
      assert.equal(index.refAt('spec\\tasks.md', 9, 30)?.ref.text, 'DESIGN-001');
      assert.equal(index.refAt('spec/other-tasks.md', 9, 30), null);
    });

    it('lists the tasks tracing an id, in file order, once each', () => {
      assert.deepEqual(index.tasksTracing('REQ-001'), ['TASK-001', 'TASK-003']);
      assert.deepEqual(index.tasksTracing('DESIGN-001'), ['TASK-001']);
      assert.deepEqual(index.tasksTracing('REQ-009'), ['TASK-002']);
      assert.deepEqual(index.tasksTracing('REQ-003'), []);
    });

    it('reports requirements and NFRs no task traces (designs are not obligations)', () => {
      assert.deepEqual(index.uncovered().map((d) => d.id), ['REQ-003', 'NFR-002']);
    });

    it('warns once per reference to an undefined id, naming the file searched; free text and unknown prefixes pass', () => {
      assert.deepEqual(index.unresolved(), [{
        severity: 'warning',
        code: 'unresolved-trace',
        message: 'Trace "REQ-009" is not defined in requirements.md: expected a heading "## REQ-009: <title>".',
        file: TASKS,
        span: { line: 16, col: 26, endCol: 33 },
      }]);
    });

    it('says once that the requirements file is missing instead of flagging every reference', () => {
      const sources: LoadedSource[] = [
        { path: REQ_FILE, source: 'spec-runner-requirements', found: false },
        { path: DESIGN_FILE, source: 'spec-runner-design', found: true },
      ];
      const designOnly = parseDefinitions(read('spec-runner/spec/design.md'), DESIGN_FILE, 'spec-runner-design');
      const tasks = [...specRunnerTasks, makeTask({ id: 'TASK-004', line: 27, refs: [{ text: 'DESIGN-007', line: 28, col: 15 }] })];
      const idx = new TraceIndex({ definitions: designOnly, tasks, tasksFile: TASKS, sources });
      assert.deepEqual(idx.unresolved(), [
        {
          severity: 'info',
          code: 'unresolved-trace',
          message: 'No requirements file was found at requirements.md (next to the tasks file), so traces such as "REQ-001" cannot be checked: expected a heading "## REQ-001: <title>" there.',
          file: TASKS,
          span: { line: 9, col: 15, endCol: 22 },
        },
        {
          severity: 'warning',
          code: 'unresolved-trace',
          message: 'Trace "DESIGN-007" is not defined in design.md: expected a heading "## DESIGN-007: <title>".',
          file: TASKS,
          span: { line: 28, col: 15, endCol: 25 },
        },
      ]);
    });

    it('makes no diagnostic when it was told of no definition files', () => {
      const idx = new TraceIndex({ definitions: [], tasks: specRunnerTasks, tasksFile: TASKS });
      assert.deepEqual(idx.unresolved(), []);
    });

    it('keeps the first of two definitions of one id', () => {
      const defs = parseDefinitions('## REQ-001: First\n## REQ-001: Second\n', REQ_FILE, 'spec-runner-requirements');
      const idx = new TraceIndex({ definitions: defs, tasks: [], tasksFile: TASKS });
      assert.equal(idx.definition('REQ-001')?.title, 'First');
      assert.deepEqual(idx.uncovered().map((d) => [d.id, d.title]), [['REQ-001', 'First']]);
    });
  });

  describe('Kiro', () => {
    const file = '.kiro/specs/sessions/requirements.md';
    const tasksFile = '.kiro/specs/sessions/tasks.md';
    const defs = parseDefinitions(read('kiro/.kiro/specs/sessions/requirements.md'), file, 'kiro-requirements');
    const sources: LoadedSource[] = [
      { path: file, source: 'kiro-requirements', found: true },
      { path: '.kiro/specs/sessions/design.md', source: 'kiro-design', found: true },
    ];
    const tasks = [
      makeTask({ id: '1', line: 2, format: 'kiro', refs: [{ text: '1.1', line: 4, col: 19 }, { text: '1.2', line: 4, col: 24 }] }),
      makeTask({ id: '1.1', line: 6, format: 'kiro', refs: [{ text: '1.2-1.3', line: 7, col: 19, ids: ['1.2', '1.3'] }] }),
      makeTask({ id: '2', line: 9, format: 'kiro', refs: [
        { text: '2.1-2.4', line: 10, col: 19, ids: ['2.1', '2.2', '2.3', '2.4'] },
        { text: 'All requirements', line: 11, col: 19, ids: [] },
      ] }),
    ];

    it('counts a task tracing a criterion for its requirement too', () => {
      const idx = new TraceIndex({ definitions: defs, tasks, tasksFile, sources });
      assert.deepEqual(idx.tasksTracing('1'), ['1', '1.1']);
      assert.deepEqual(idx.tasksTracing('1.2'), ['1', '1.1']);
      assert.deepEqual(idx.tasksTracing('1.3'), ['1.1']);
      assert.deepEqual(idx.tasksTracing('2'), ['2']);
      assert.deepEqual(idx.tasksTracing('2.4'), ['2']);
    });

    it('lists uncovered requirements and criteria; tracing a whole requirement covers its criteria', () => {
      const partial = new TraceIndex({ definitions: defs, tasks: tasks.slice(0, 1), tasksFile, sources });
      assert.deepEqual(partial.uncovered().map((d) => d.id), ['1.3', '2', '2.1', '2.2']);
      const whole = new TraceIndex({
        definitions: defs,
        tasks: [...tasks.slice(0, 1), makeTask({ id: '3', line: 20, format: 'kiro', refs: [{ text: '2', line: 21, col: 19 }] })],
        tasksFile,
        sources,
      });
      assert.deepEqual(whole.uncovered().map((d) => d.id), ['1.3']);
    });

    it('names every undefined id of a range in one diagnostic', () => {
      const idx = new TraceIndex({ definitions: defs, tasks, tasksFile, sources });
      assert.deepEqual(idx.unresolved(), [{
        severity: 'warning',
        code: 'unresolved-trace',
        message: 'Traces "2.3", "2.4" are not defined in requirements.md: expected item "3." under "#### Acceptance Criteria" of "### Requirement 2".',
        file: tasksFile,
        span: { line: 10, col: 19, endCol: 26 },
      }]);
    });

    it('finds nested definitions at a line, outermost first', () => {
      const idx = new TraceIndex({ definitions: defs, tasks, tasksFile, sources });
      assert.deepEqual(idx.definitionsAt(file, 16).map((d) => d.id), ['1', '1.2']);
      assert.deepEqual(idx.definitionsAt(file, 12).map((d) => d.id), ['1']);
      const hit = idx.refAt(7, 20)!;
      assert.deepEqual(hit.definitions.map((d) => d.id), ['1.2', '1.3']);
    });
  });

  describe('Spec Kit and OpenSpec', () => {
    it('counts a task story label as tracing the story, and checks FR references', () => {
      const file = 'specs/001-signup/spec.md';
      const defs = parseDefinitions(read(`spec-kit/${file}`), file, 'spec-kit-spec');
      const tasks = [
        makeTask({ id: 'T010', line: 3, format: 'spec-kit', story: 'US1', refs: [{ text: 'FR-001', line: 3, col: 30 }] }),
        makeTask({ id: 'T011', line: 4, format: 'spec-kit', story: 'US1', refs: [{ text: 'FR-009', line: 4, col: 30 }] }),
      ];
      const idx = new TraceIndex({ definitions: defs, tasks, tasksFile: 'specs/001-signup/tasks.md', sources: [{ path: file, source: 'spec-kit-spec', found: true }] });
      assert.deepEqual(idx.tasksTracing('US1'), ['T010', 'T011']);
      assert.deepEqual(idx.uncovered().map((d) => d.id), ['FR-002', 'FR-003']);
      assert.deepEqual(idx.unresolved().map((d) => d.message), [
        'Trace "FR-009" is not defined in spec.md: expected a line "- **FR-009**: System MUST ...".',
      ]);
    });

    it('lists an OpenSpec change\'s requirements as uncovered when no task names them, searching all its spec files', () => {
      const auth = 'openspec/changes/add-sessions/specs/auth/spec.md';
      const storage = 'openspec/changes/add-sessions/specs/storage/spec.md';
      const defs = [
        ...parseDefinitions(read(`openspec/${auth}`), auth, 'openspec-spec'),
        ...parseDefinitions(read(`openspec/${storage}`), storage, 'openspec-spec'),
      ];
      const tasks = [makeTask({ id: '1.1', line: 2, format: 'openspec', refs: [{ text: 'Logout', line: 3, col: 4 }, { text: 'Login', line: 3, col: 12 }] })];
      const idx = new TraceIndex({
        definitions: defs,
        tasks,
        tasksFile: 'openspec/changes/add-sessions/tasks.md',
        sources: [{ path: auth, source: 'openspec-spec', found: true }, { path: storage, source: 'openspec-spec', found: true }],
      });
      assert.deepEqual(idx.uncovered().map((d) => d.id), ['Session expiry', 'Sessions table']);
      assert.deepEqual(idx.unresolved().map((d) => d.message), [
        'Trace "Login" is not defined in specs/auth/spec.md, specs/storage/spec.md: expected a heading "### Requirement: Login".',
      ]);
    });
  });

  it('stays linear: 10k tasks x 3 refs over 3k definitions', () => {
    const defs: TraceDefinition[] = [];
    for (let i = 0; i < 3000; i++) {
      const id = `REQ-${String(i).padStart(4, '0')}`;
      defs.push({ id, title: 't', kind: 'requirement', file: REQ_FILE, span: { line: i * 3, col: 3, endCol: 11 }, line: i * 3, endLine: i * 3 + 2, parentId: null });
    }
    const tasks = [];
    for (let t = 0; t < 10000; t++) {
      const refs = [0, 1, 2].map((k) => ({ text: `REQ-${String((t * 3 + k) % 3100).padStart(4, '0')}`, line: t * 6 + 4, col: 15 + k * 12 }));
      tasks.push(makeTask({ id: `TASK-${t}`, line: t * 6, endLine: t * 6 + 5, refs }));
    }
    // Timing lives in `npm run bench`; here the scale must simply work and give exact answers.
    const idx = new TraceIndex({ definitions: defs, tasks, tasksFile: TASKS, sources: FOUND });
    const unresolved: Diagnostic[] = idx.unresolved();
    const uncovered: TraceDefinition[] = idx.uncovered();
    const hit = idx.refAt(5994 * 6 + 4, 16);
    // 30000 refs cycle over REQ-0000..REQ-3099: 9 full cycles each name REQ-3000..3099 once.
    assert.equal(unresolved.length, 900);
    assert.equal(unresolved[0]?.message, 'Trace "REQ-3000" is not defined in requirements.md: expected a heading "## REQ-3000: <title>".');
    assert.deepEqual(uncovered, []);
    assert.equal(hit?.task.id, 'TASK-5994');
  });
});
