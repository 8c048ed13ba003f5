// The specpilot CLI end to end, in-process on copies of the fixtures: exact tasks of every format,
// filters, show / next / stats / graph, lossless write-back on disk, validate, usage errors and exit
// codes; and the real entry point as a child process.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { specRunnerTasks } from '../../bench/generateSpecs';
import { assertMarkerChange, read, removeTempDirs, REPO, run, runJson, tempDir, workspace } from './cliHarness';

interface JsonTask {
  id: string;
  title: string;
  status: string;
  priority: string | null;
  estimate: string | null;
  group: string | null;
  dependsOn: string[];
  blocks: string[];
  waitsFor: { id: string; reason: string }[];
  traces: string[];
  optional: boolean;
  parallel: boolean;
  parent: string | null;
  children: string[];
  checklist: { index: number; text: string; checked: boolean; line: number }[];
  ready: boolean;
  line: number;
}

interface JsonDiagnostic {
  severity: string;
  code: string;
  message: string;
  file: string;
  line: number;
  col: number;
  endCol: number;
}

interface ListJson {
  format: string;
  file: string;
  tasks: JsonTask[];
  diagnostics: JsonDiagnostic[];
}

/** The columns the brief names, as one compact row per task. */
type Row = [id: string, title: string, status: string, priority: string | null, dependsOn: string[], blocks: string[], traces: string[], optional: boolean, parent: string | null, line: number];

function rows(tasks: readonly JsonTask[]): Row[] {
  return tasks.map((t) => [t.id, t.title, t.status, t.priority, t.dependsOn, t.blocks, t.traces, t.optional, t.parent, t.line]);
}

const ids = (tasks: readonly { id: string }[]): string[] => tasks.map((t) => t.id);

/** Every diagnostic carries a file and 1-based line / col, with endCol after col. */
function assertPositioned(diags: readonly JsonDiagnostic[], file: string): void {
  for (const d of diags) {
    assert.deepEqual(Object.keys(d), ['severity', 'code', 'message', 'file', 'line', 'col', 'endCol']);
    assert.equal(d.file, file);
    assert.ok(Number.isInteger(d.line) && d.line >= 1, `line of ${JSON.stringify(d)}`);
    assert.ok(Number.isInteger(d.col) && d.col >= 1, `col of ${JSON.stringify(d)}`);
    assert.ok(Number.isInteger(d.endCol) && d.endCol >= d.col, `endCol of ${JSON.stringify(d)}`);
    assert.ok(d.message.length > 20, d.message);
  }
}

/** Copies of one feature of each format, each alone in its repository. */
const WS = {
  specRunner: () => workspace({ demo: '.' }),
  specKit: () => workspace({ 'spec-kit/specs/001-signup': 'specs/001-signup' }),
  openSpec: () => workspace({ 'openspec/openspec/changes/add-sessions': 'openspec/changes/add-sessions' }),
  kiro: () => workspace({ 'kiro/.kiro/specs/sessions': '.kiro/specs/sessions' }),
};

const DEMO_GROUP_1 = 'Milestone 1: Core shortener';
const DEMO_GROUP_2 = 'Milestone 2: Insights and hardening';

describe('specpilot CLI', () => {
  after(removeTempDirs);

  describe('task list --json', () => {
    it('spec-runner (demo): exact tasks, no diagnostics', async () => {
      const dir = WS.specRunner();
      const j = await runJson<ListJson>(['task', 'list', '--json', '--cwd', dir]);
      assert.equal(j.format, 'spec-runner');
      assert.equal(j.file, 'spec/tasks.md');
      assert.deepEqual(rows(j.tasks), [
        ['TASK-001', 'Short code generator', 'done', 'p0', [], ['TASK-002'], ['REQ-001', 'DESIGN-001'], false, null, 9],
        ['TASK-002', 'Link store with atomic snapshots', 'done', 'p0', ['TASK-001'], ['TASK-003', 'TASK-004'], ['REQ-001', 'NFR-002', 'DESIGN-003'], false, null, 23],
        ['TASK-003', 'POST /links endpoint', 'in_progress', 'p0', ['TASK-002'], ['TASK-005'], ['REQ-001', 'DESIGN-002'], false, null, 37],
        ['TASK-004', 'Redirect handler', 'todo', 'p0', ['TASK-002'], ['TASK-006', 'TASK-007'], ['REQ-002', 'DESIGN-002'], false, null, 51],
        ['TASK-005', 'Custom aliases', 'todo', 'p1', ['TASK-003'], [], ['REQ-003', 'DESIGN-001'], false, null, 65],
        ['TASK-006', 'Click statistics', 'todo', 'p1', ['TASK-004'], ['TASK-008'], ['REQ-004', 'DESIGN-004'], false, null, 82],
        ['TASK-007', 'Link expiry', 'blocked', 'p2', ['TASK-004'], [], ['REQ-005', 'DESIGN-003'], false, null, 96],
        ['TASK-008', 'Redirect latency benchmark', 'todo', 'p3', ['TASK-006'], [], ['NFR-001', 'DESIGN-004'], false, null, 109],
      ]);
      assert.deepEqual(j.tasks.map((t) => [t.estimate, t.group, t.ready]), [
        ['4h', DEMO_GROUP_1, false], ['1d', DEMO_GROUP_1, false], ['1d', DEMO_GROUP_1, true], ['4h', DEMO_GROUP_1, true],
        ['4h', DEMO_GROUP_1, false], ['1d', DEMO_GROUP_2, false], ['4h', DEMO_GROUP_2, false], ['2-3d', DEMO_GROUP_2, false],
      ]);
      const t3 = j.tasks[2]!;
      assert.deepEqual(t3.waitsFor, [{ id: 'TASK-002', reason: 'explicit' }]);
      assert.deepEqual(t3.checklist, [
        { index: 1, text: 'Route `POST /links` to a handler with an 8 KB body cap', checked: true, line: 43 },
        { index: 2, text: 'Reject non-http(s) and over-long URLs with 400', checked: false, line: 44 },
        { index: 3, text: 'Answer 201 with `code` and `short`', checked: false, line: 45 },
      ]);
      assert.deepEqual(Object.keys(t3), ['id', 'title', 'status', 'priority', 'estimate', 'group', 'dependsOn', 'blocks', 'waitsFor', 'traces', 'optional', 'parallel', 'parent', 'children', 'checklist', 'ready', 'line']);
      assert.deepEqual(j.diagnostics, []);
    });

    it('Spec Kit: exact tasks, prose dependencies, phase priorities', async () => {
      const dir = WS.specKit();
      const j = await runJson<ListJson>(['task', 'list', '--json', '--cwd', dir]);
      assert.equal(j.format, 'spec-kit');
      assert.equal(j.file, 'specs/001-signup/tasks.md');
      assert.deepEqual(rows(j.tasks), [
        ['T001', 'Create the project structure per the implementation plan', 'done', null, [], [], [], false, null, 17],
        ['T002', 'Initialize a TypeScript project with Express and Vitest', 'done', null, [], [], [], false, null, 18],
        ['T003', 'Configure linting in .eslintrc.json', 'todo', null, [], [], [], false, null, 19],
        ['T004', 'Set up the database schema and migrations in src/db/migrations/', 'todo', null, [], [], [], false, null, 23],
        ['T005', 'Implement the error middleware in src/api/errors.ts', 'in_progress', null, [], [], [], false, null, 24],
        ['T010', 'Contract test for POST /signup in tests/contract/signup.test.ts', 'todo', 'p1', [], [], [], false, null, 34],
        ['T011', 'Integration test for the sign-up journey in tests/integration/signup.test.ts', 'todo', 'p1', [], [], [], false, null, 35],
        ['T012', 'Create the User model in src/models/user.ts', 'todo', 'p1', [], [], [], false, null, 39],
        ['T013', 'Implement SignupService in src/services/signup.ts (depends on T012)', 'todo', 'p1', ['T012'], [], [], false, null, 40],
        ['T014', 'Wire the endpoint in src/api/signup.ts, depends on T012, T013', 'todo', 'p1', ['T012', 'T013'], [], [], false, null, 43],
        ['T015', 'Send the welcome email (after T014)', 'blocked', 'p1', ['T014'], [], [], false, null, 44],
        ['T016', 'Add the verification token table; requires T004', 'todo', 'p2', ['T004'], [], [], false, null, 50],
        ['T017', 'Send the verification link from src/services/verify.ts', 'todo', 'p2', [], [], [], false, null, 51],
        ['T018', 'Document the endpoint in docs/signup.md', 'todo', null, [], [], [], false, null, 55],
        ['T019', 'Run the quickstart.md validation', 'todo', null, [], [], [], false, null, 56],
      ]);
      // Phase barriers are not listed per task; prose deps are.
      assert.deepEqual(j.tasks.find((t) => t.id === 'T014')!.waitsFor, [{ id: 'T012', reason: 'prose' }, { id: 'T013', reason: 'prose' }]);
      assert.deepEqual(j.tasks.filter((t) => t.parallel).map((t) => t.id), ['T003', 'T005', 'T010', 'T011', 'T012', 'T017', 'T018']);
      assert.deepEqual(j.tasks.filter((t) => t.ready).map((t) => t.id), ['T003', 'T005']);
      assert.deepEqual(j.diagnostics, []);
    });

    it('OpenSpec: exact tasks, sub-tasks under their parents', async () => {
      const dir = WS.openSpec();
      const j = await runJson<ListJson>(['task', 'list', '--json', '--cwd', dir]);
      assert.equal(j.format, 'openspec');
      assert.equal(j.file, 'openspec/changes/add-sessions/tasks.md');
      assert.deepEqual(rows(j.tasks), [
        ['1.1', 'Add the sessions table in migrations/003_sessions.sql', 'done', null, [], [], [], false, null, 5],
        ['1.2', 'Expire sessions after 30 days', 'todo', null, [], [], [], false, null, 6],
        ['1.2.1', 'Write the cleanup query', 'todo', null, [], [], [], false, '1.2', 9],
        ['1.2.2', 'Schedule the job', 'done', null, [], [], [], false, '1.2', 10],
        ['2.1', 'Add POST /logout and cover it with a test', 'todo', null, [], [], [], false, null, 14],
        ['2.2', 'Add GET /sessions for the signed-in user', 'in_progress', null, [], [], [], false, null, 15],
        ['3.1', 'Run `openspec validate add-sessions --strict`', 'todo', null, [], [], [], false, null, 19],
      ]);
      const t12 = j.tasks[1]!;
      assert.deepEqual(t12.children, ['1.2.1', '1.2.2']);
      assert.deepEqual(t12.waitsFor, [{ id: '1.2.1', reason: 'child' }, { id: '1.2.2', reason: 'child' }]);
      assert.deepEqual(j.tasks.map((t) => t.group), ['1. Storage', '1. Storage', '1. Storage', '1. Storage', '2. API', '2. API', '3. Validation']);
      assert.deepEqual(j.diagnostics, []);
    });

    it('Kiro: exact tasks, ranges expanded, optional sub-task, hierarchy from the numbers', async () => {
      const dir = WS.kiro();
      const j = await runJson<ListJson>(['task', 'list', '--json', '--cwd', dir]);
      assert.equal(j.format, 'kiro');
      assert.equal(j.file, '.kiro/specs/sessions/tasks.md');
      assert.deepEqual(rows(j.tasks), [
        ['1', 'Set up the data model', 'done', null, [], [], [], false, null, 3],
        ['1.1', 'Create the Session type with validation', 'done', null, [], [], ['1.1', '1.2'], false, '1', 4],
        ['1.2', 'Add the sessions table migration', 'done', null, [], [], ['1.3'], false, '1', 9],
        ['2', 'Build the session service', 'in_progress', null, [], [], [], false, null, 13],
        ['2.1', 'Implement create and revoke', 'todo', null, [], [], ['2.1', '2.2', '2.3'], false, '2', 14],
        ['2.2', 'Write property tests for expiry', 'todo', null, [], [], [], true, '2', 17],
        ['3', 'Expose the HTTP endpoints', 'todo', null, [], [], [], false, null, 20],
        ['3.1', 'Add POST /logout', 'todo', null, [], [], ['3.1', '3.2'], false, '3', 21],
        ['3.2', 'Add GET /session', 'todo', null, [], [], ['3'], false, '3', 25],
      ]);
      assert.deepEqual(j.tasks.map((t) => t.children), [['1.1', '1.2'], [], [], ['2.1', '2.2'], [], [], ['3.1', '3.2'], [], []]);
      // The optional 2.2 is not waited for.
      assert.deepEqual(j.tasks[3]!.waitsFor, [{ id: '2.1', reason: 'child' }]);
      assert.deepEqual(j.tasks.filter((t) => t.ready).map((t) => t.id), ['2.1', '3.1', '3.2']);
      assert.deepEqual(j.diagnostics, []);
    });

    it('Kiro trace fixture: a range with an undefined end is one positioned warning', async () => {
      const dir = workspace({ 'trace/kiro': '.' });
      const j = await runJson<ListJson>(['task', 'list', '--json', '--cwd', dir]);
      assert.deepEqual(rows(j.tasks), [
        ['1', 'Create sessions', 'done', null, [], [], ['1.1', '1.2'], false, null, 3],
        ['2', 'Revoke sessions', 'todo', null, [], [], ['2.1', '2.2', '2.3'], false, null, 6],
      ]);
      assert.deepEqual(j.diagnostics.map((d) => [d.severity, d.code, d.file, d.line, d.col, d.endCol]), [
        ['warning', 'unresolved-trace', '.kiro/specs/sessions/tasks.md', 7, 20, 27],
      ]);
      assertPositioned(j.diagnostics, '.kiro/specs/sessions/tasks.md');
    });

    it('broken files of each format: every diagnostic has its file, line and column', async () => {
      const cases: [Record<string, string>, string, [string, number, number][]][] = [
        [{ 'spec-kit/specs/003-broken': 'specs/003-broken' }, 'specs/003-broken/tasks.md', [['not-a-task', 5, 7], ['not-a-task', 6, 7], ['not-a-task', 7, 1]]],
        [{ 'openspec/openspec/changes/broken': 'openspec/changes/broken' }, 'openspec/changes/broken/tasks.md', [['not-a-task', 5, 1], ['not-a-task', 6, 7], ['not-a-task', 7, 1]]],
        [{ 'kiro/.kiro/specs/broken': '.kiro/specs/broken' }, '.kiro/specs/broken/tasks.md', [['not-a-task', 3, 1], ['not-a-task', 5, 1], ['not-a-task', 6, 1]]],
        [{ 'spec-runner/broken.md': 'spec/tasks.md' }, 'spec/tasks.md', [['not-a-task', 3, 1], ['not-a-task', 8, 1], ['not-a-task', 9, 1]]],
      ];
      for (const [copies, file, first] of cases) {
        const j = await runJson<ListJson>(['task', 'list', '--json', '--cwd', workspace(copies)]);
        assert.ok(j.diagnostics.length >= 5, `${file}: ${j.diagnostics.length} diagnostics`);
        assertPositioned(j.diagnostics, file);
        assert.deepEqual(j.diagnostics.slice(0, 3).map((d) => [d.code, d.line, d.col]), first, file);
      }
    });
  });

  describe('task list filters and text', () => {
    let dir: string;
    before(() => {
      dir = WS.specRunner();
    });

    it('filters by status (any case, - or space for _), priority and milestone name or number', async () => {
      const list = async (...args: string[]): Promise<string[]> => ids((await runJson<ListJson>(['task', 'list', '--json', '--cwd', dir, ...args])).tasks);
      assert.deepEqual(await list('--status', 'todo'), ['TASK-004', 'TASK-005', 'TASK-006', 'TASK-008']);
      assert.deepEqual(await list('--status', 'In-Progress'), ['TASK-003']);
      assert.deepEqual(await list('-s', 'blocked'), ['TASK-007']);
      assert.deepEqual(await list('--status', 'review'), []);
      assert.deepEqual(await list('--priority', 'p1'), ['TASK-005', 'TASK-006']);
      assert.deepEqual(await list('--priority', 'P0'), ['TASK-001', 'TASK-002', 'TASK-003', 'TASK-004']);
      assert.deepEqual(await list('--milestone', '2'), ['TASK-006', 'TASK-007', 'TASK-008']);
      assert.deepEqual(await list('--milestone', 'insights'), ['TASK-006', 'TASK-007', 'TASK-008']);
      assert.deepEqual(await list('--milestone', '2', '--status', 'todo'), ['TASK-006', 'TASK-008']);
      assert.deepEqual(await list('--status=done', '--priority=p0'), ['TASK-001', 'TASK-002']);
    });

    it('prints the filtered tasks under their milestone with a summary line', async () => {
      const r = await run(['task', 'list', '--milestone', '2', '--cwd', dir]);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, [
        '',
        DEMO_GROUP_2,
        '  ○ TASK-006  todo        P1  1d    Click statistics',
        '  ⊘ TASK-007  blocked     P2  4h    Link expiry',
        '  ○ TASK-008  todo        P3  2-3d  Redirect latency benchmark',
        '',
        '3 of 8 tasks · 2 ready · spec/tasks.md (spec-runner)',
        '',
      ].join('\n'));
    });

    it('indents sub-tasks inside the id column, so the other columns stay aligned', async () => {
      const r = await run(['task', 'list', '--cwd', WS.kiro()]);
      assert.equal(r.code, 0);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], '  ● 1       done        --        Set up the data model');
      assert.equal(lines[1], '  ●   1.1   done        --        Create the Session type with validation');
      assert.equal(lines[5], '  ○   2.2   todo        --        Write property tests for expiry  optional');
      assert.equal(lines[7], '  ○   3.1   todo        --        Add POST /logout  ready');
    });

    it('colours only on a terminal, and never with NO_COLOR', async () => {
      const { runCli } = await import('../../../src/cli/main');
      const out: string[] = [];
      const io = { out: (t: string) => out.push(t), err: () => undefined, isTty: true };
      assert.equal(await runCli(['task', 'list', '--cwd', dir], { ...io, env: {} }), 0);
      assert.ok(out.join('\n').includes('\x1b['), 'ANSI colour on a TTY');
      out.length = 0;
      assert.equal(await runCli(['task', 'list', '--cwd', dir], { ...io, env: { NO_COLOR: '1' } }), 0);
      assert.ok(!out.join('\n').includes('\x1b['), 'no colour with NO_COLOR');
      out.length = 0;
      assert.equal(await runCli(['task', 'list', '--no-color', '--cwd', dir], { ...io, env: {} }), 0);
      assert.ok(!out.join('\n').includes('\x1b['), 'no colour with --no-color');
    });
  });

  describe('task show / next / stats / graph', () => {
    let dir: string;
    before(() => {
      dir = WS.specRunner();
    });

    it('task show ID prints status, checklist, what it waits for, unblocks and traces', async () => {
      const r = await run(['task', 'show', 'TASK-003', '--cwd', dir]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, [
        '◐ TASK-003: POST /links endpoint',
        `  in progress · P0 · 1d · ${DEMO_GROUP_1}`,
        '  spec/tasks.md:37',
        '',
        '  Accept a JSON body, validate the URL and answer with the code and the short URL.',
        '',
        'Checklist',
        '  1. [x] Route `POST /links` to a handler with an 8 KB body cap',
        '  2. [ ] Reject non-http(s) and over-long URLs with 400',
        '  3. [ ] Answer 201 with `code` and `short`',
        '',
        'Waits for',
        '  ● TASK-002 (depends on) Link store with atomic snapshots',
        '',
        'Unblocks',
        '  TASK-005',
        '',
        'Traces to',
        '  REQ-001: Shorten a URL (spec/requirements.md:12)',
        '  DESIGN-002: HTTP layer (spec/design.md:15)',
        '',
      ].join('\n'));
    });

    it('task show ID --json is the task plus description, file, trace definitions and diagnostics', async () => {
      const j = await runJson<JsonTask & { description: string; file: string; traceDefinitions: unknown[]; diagnostics: unknown[] }>(
        ['task', 'show', 'TASK-003', '--json', '--cwd', dir],
      );
      const list = await runJson<ListJson>(['task', 'list', '--json', '--cwd', dir]);
      const { description, file, traceDefinitions, diagnostics, ...task } = j;
      assert.deepEqual(task, list.tasks[2]);
      assert.equal(description, 'Accept a JSON body, validate the URL and answer with the code and the short URL.');
      assert.equal(file, 'spec/tasks.md');
      assert.deepEqual(traceDefinitions, [
        { id: 'REQ-001', title: 'Shorten a URL', file: 'spec/requirements.md', line: 12 },
        { id: 'DESIGN-002', title: 'HTTP layer', file: 'spec/design.md', line: 15 },
      ]);
      assert.deepEqual(diagnostics, []);
    });

    it('task show on a Spec Kit task summarises the phase barrier instead of listing every earlier task', async () => {
      const r = await run(['task', 'show', 'T014', '--cwd', WS.specKit()]);
      assert.equal(r.code, 0);
      assert.ok(r.stdout.includes([
        'Waits for',
        '  ○ T012 (prose) Create the User model in src/models/user.ts',
        '  ○ T013 (prose) Implement SignupService in src/services/signup.ts (depends on T012)',
        '  ○ (phase) the 5 tasks of earlier phases; not done: T003, T004, T005',
        '',
        'Unblocks',
        '  T015; the 4 tasks of later phases',
      ].join('\n')), r.stdout);
    });

    it('task next names the task to run and what follows', async () => {
      const r = await run(['task', 'next', '--cwd', dir]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'TASK-003: POST /links endpoint  P0 · 1d (in progress: resume it)\nthen: TASK-004\n');
      const j = await runJson<{ next: JsonTask | null; ready: string[] }>(['task', 'next', '--json', '--cwd', dir]);
      assert.equal(j.next?.id, 'TASK-003');
      assert.equal(j.next?.status, 'in_progress');
      assert.deepEqual(j.ready, ['TASK-003', 'TASK-004']);
    });

    it('task next explains why nothing is ready, and says when all is done', async () => {
      const blocked = tempDir();
      mkdirSync(join(blocked, 'spec'));
      writeFileSync(join(blocked, 'spec/tasks.md'), [
        '### TASK-001: First', '🔴 P0 | ⏸️ BLOCKED | Est: 1d', '',
        '### TASK-002: Second', '🔴 P0 | ⬜ TODO | Est: 1d', '', '**Depends on:** [TASK-001]', '',
      ].join('\n'));
      const r = await run(['task', 'next', '--cwd', blocked]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'No task is ready.\n  TASK-001: blocked\n  TASK-002: waits for TASK-001\n');
      assert.deepEqual(await runJson(['task', 'next', '--json', '--cwd', blocked]), { next: null, ready: [] });

      const done = tempDir();
      mkdirSync(join(done, 'spec'));
      writeFileSync(join(done, 'spec/tasks.md'), '### TASK-001: Only\n🔴 P0 | ✅ DONE | Est: 1d\n');
      assert.equal((await run(['task', 'next', '--cwd', done])).stdout, 'The only task is done.\n');
    });

    it('task stats --json counts statuses, priorities, estimates and requirement coverage', async () => {
      const j = await runJson(['task', 'stats', '--json', '--cwd', dir]);
      assert.deepEqual(j, {
        file: 'spec/tasks.md',
        format: 'spec-runner',
        total: 8,
        byStatus: { todo: 4, in_progress: 1, review: 0, done: 2, blocked: 1, unknown: 0 },
        byPriority: { p0: 4, p1: 2, p2: 1, p3: 1, none: 0 },
        percentDone: 25,
        ready: 2,
        estimateDays: { open: 6.5, done: 1.5 },
        requirements: { defined: 8, uncovered: ['REQ-006'] },
      });
      const r = await run(['task', 'stats', '--cwd', dir]);
      assert.equal(r.code, 0);
      assert.ok(r.stdout.includes('25% done'), r.stdout);
      assert.ok(r.stdout.includes('requirements: 1 of 8 traced by no task: REQ-006'), r.stdout);
    });

    it('task graph draws the dependency tree and the waves', async () => {
      const r = await run(['task', 'graph', '--cwd', dir]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, [
        '● TASK-001 Short code generator',
        '└── ● TASK-002 Link store with atomic snapshots',
        '    ├── ◐ TASK-003 POST /links endpoint',
        '    │   └── ○ TASK-005 Custom aliases',
        '    └── ○ TASK-004 Redirect handler',
        '        ├── ○ TASK-006 Click statistics',
        '        │   └── ○ TASK-008 Redirect latency benchmark',
        '        └── ⊘ TASK-007 Link expiry',
        '',
        'Waves (tasks in one wave may run in parallel)',
        '  1: TASK-003, TASK-004',
        '  2: TASK-005, TASK-006, TASK-007',
        '  3: TASK-008',
        '',
      ].join('\n'));
    });

    it('task graph --json lists nodes, direct edges, waves and no unplannable task', async () => {
      const j = await runJson<{ file: string; nodes: unknown[]; edges: unknown[]; waves: string[][]; unplannable: unknown[]; cycles: unknown[] }>(
        ['task', 'graph', '--json', '--cwd', dir],
      );
      assert.equal(j.file, 'spec/tasks.md');
      assert.deepEqual(j.nodes.slice(0, 3), [
        { id: 'TASK-001', title: 'Short code generator', status: 'done' },
        { id: 'TASK-002', title: 'Link store with atomic snapshots', status: 'done' },
        { id: 'TASK-003', title: 'POST /links endpoint', status: 'in_progress' },
      ]);
      assert.equal(j.nodes.length, 8);
      assert.deepEqual(j.edges, [
        { from: 'TASK-002', to: 'TASK-001', reason: 'explicit' },
        { from: 'TASK-003', to: 'TASK-002', reason: 'explicit' },
        { from: 'TASK-004', to: 'TASK-002', reason: 'explicit' },
        { from: 'TASK-005', to: 'TASK-003', reason: 'explicit' },
        { from: 'TASK-006', to: 'TASK-004', reason: 'explicit' },
        { from: 'TASK-007', to: 'TASK-004', reason: 'explicit' },
        { from: 'TASK-008', to: 'TASK-006', reason: 'explicit' },
      ]);
      assert.deepEqual(j.waves, [['TASK-003', 'TASK-004'], ['TASK-005', 'TASK-006', 'TASK-007'], ['TASK-008']]);
      assert.deepEqual(j.unplannable, []);
      assert.deepEqual(j.cycles, []);
    });

    it('task graph of a Spec Kit file: phases as headings, prose deps as the tree, barriers in the waves', async () => {
      const kit = WS.specKit();
      const r = await run(['task', 'graph', '--cwd', kit]);
      assert.equal(r.code, 0);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], 'Phases are barriers: each phase starts when the ones before it are done (see Waves).');
      assert.deepEqual(lines.slice(lines.indexOf('○ T012 Create the User model in src/models/user.ts'), lines.indexOf('○ T012 Create the User model in src/models/user.ts') + 5), [
        '○ T012 Create the User model in src/models/user.ts',
        '├── ○ T013 Implement SignupService in src/services/signup.ts (depends on T012)',
        '│   └── ○ T014 Wire the endpoint in src/api/signup.ts, depends on T012, T013',
        '│       └── ⊘ T015 Send the welcome email (after T014)',
        '└── T014 (see above)',
      ]);
      assert.ok(lines.includes('Phase 2: Foundational (Blocking Prerequisites)'));
      assert.ok(lines.includes('  3: T010, T011, T012'));
      const j = await runJson<{ edges: { from: string; to: string; reason: string }[]; waves: string[][] }>(['task', 'graph', '--json', '--cwd', kit]);
      assert.deepEqual(j.edges, [
        { from: 'T013', to: 'T012', reason: 'prose' },
        { from: 'T014', to: 'T012', reason: 'prose' },
        { from: 'T014', to: 'T013', reason: 'prose' },
        { from: 'T015', to: 'T014', reason: 'prose' },
        { from: 'T016', to: 'T004', reason: 'prose' },
      ]);
      assert.deepEqual(j.waves, [['T003'], ['T004', 'T005'], ['T010', 'T011', 'T012'], ['T013'], ['T014'], ['T015'], ['T016', 'T017'], ['T018', 'T019']]);
    });

    it('task graph shows tasks on a cycle too, and names each cycle once', async () => {
      const cyc = workspace({ demo: '.' });
      const text = read(cyc, 'spec/tasks.md').replace('**Traces to:** [REQ-001], [DESIGN-001]\n**Depends on:** —', '**Traces to:** [REQ-001], [DESIGN-001]\n**Depends on:** [TASK-008]');
      writeFileSync(join(cyc, 'spec/tasks.md'), text.replace(/✅ DONE/g, '⬜ TODO').replace('🔄 IN_PROGRESS', '⬜ TODO'));
      const r = await run(['task', 'graph', '--cwd', cyc]);
      assert.equal(r.code, 0);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], 'In a dependency cycle, or waiting on one:');
      assert.equal(lines[1], '○ TASK-001 Short code generator');
      assert.ok(lines.includes('        │       └── TASK-001 (see above)'), r.stdout);
      assert.ok(lines.includes('  cannot plan TASK-001, TASK-002, TASK-004, TASK-006, TASK-008: cycle TASK-001 -> TASK-008 -> TASK-006 -> TASK-004 -> TASK-002 -> TASK-001'), r.stdout);
      const j = await runJson<{ waves: string[][]; unplannable: unknown[]; cycles: string[][] }>(['task', 'graph', '--json', '--cwd', cyc]);
      assert.deepEqual(j.waves, []);
      assert.deepEqual(j.cycles, [['TASK-001', 'TASK-008', 'TASK-006', 'TASK-004', 'TASK-002', 'TASK-001']]);
      assert.deepEqual(j.unplannable, [
        { id: 'TASK-001', reason: { kind: 'cycle', cycle: 0 } },
        { id: 'TASK-002', reason: { kind: 'cycle', cycle: 0 } },
        { id: 'TASK-003', reason: { kind: 'after-unplannable', via: 'TASK-002' } },
        { id: 'TASK-004', reason: { kind: 'cycle', cycle: 0 } },
        { id: 'TASK-005', reason: { kind: 'after-unplannable', via: 'TASK-003' } },
        { id: 'TASK-006', reason: { kind: 'cycle', cycle: 0 } },
        { id: 'TASK-007', reason: { kind: 'after-unplannable', via: 'TASK-004' } },
        { id: 'TASK-008', reason: { kind: 'cycle', cycle: 0 } },
      ]);
    });
  });

  describe('write-back: task start|done|block and task check', () => {
    /** Runs a write command and checks the file changed by exactly `oldText` -> `newText` on 0-based `line`. */
    async function write(dir: string, file: string, args: string[], line: number, oldText: string, newText: string, stdout: string): Promise<void> {
      const before = read(dir, file);
      const col = before.split('\n')[line]!.indexOf(oldText);
      assert.ok(col >= 0, `"${oldText}" on line ${line + 1}`);
      const r = await run([...args, '--cwd', dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, stdout);
      assertMarkerChange(before, read(dir, file), line, col, oldText, newText);
    }

    it('spec-runner: rewrites only the emoji and word, or one checkbox', async () => {
      const dir = WS.specRunner();
      const f = 'spec/tasks.md';
      await write(dir, f, ['task', 'start', 'TASK-004'], 51, '⬜ TODO', '🔄 IN_PROGRESS', 'TASK-004: todo → in progress  spec/tasks.md:51\n');
      await write(dir, f, ['task', 'done', 'TASK-003'], 37, '🔄 IN_PROGRESS', '✅ DONE', 'TASK-003: in progress → done  spec/tasks.md:37\n');
      await write(dir, f, ['task', 'block', 'TASK-008'], 109, '⬜ TODO', '⏸️ BLOCKED', 'TASK-008: todo → blocked  spec/tasks.md:109\n');
      await write(dir, f, ['task', 'check', 'TASK-004', '2'], 57, '- [ ]', '- [x]', 'TASK-004 item 2 checked: [x] Unknown codes answer 404 with an HTML page  spec/tasks.md:58\n');
      await write(dir, f, ['task', 'check', 'TASK-001', '3', '--uncheck'], 16, '- [x]', '- [ ]', 'TASK-001 item 3 unchecked: [ ] Unit tests for length, alphabet and the collision limit  spec/tasks.md:17\n');
    });

    it('spec-runner: a second identical change leaves the file untouched and says so', async () => {
      const dir = WS.specRunner();
      const before = read(dir, 'spec/tasks.md');
      const r1 = await run(['task', 'done', 'TASK-001', '--cwd', dir]);
      assert.equal(r1.code, 0);
      assert.equal(r1.stdout, 'TASK-001 is already done; spec/tasks.md unchanged\n');
      const r2 = await run(['task', 'check', 'TASK-001', '1', '--cwd', dir]);
      assert.equal(r2.code, 0);
      assert.equal(r2.stdout, 'TASK-001 item 1 already checked: [x] `generateCode()` returns 6 base62 characters  spec/tasks.md:15\n');
      assert.equal(read(dir, 'spec/tasks.md'), before);
    });

    it('spec-runner: starting a task that still waits notes it on stderr', async () => {
      const dir = WS.specRunner();
      const r = await run(['task', 'start', 'TASK-005', '--cwd', dir]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'TASK-005: todo → in progress  spec/tasks.md:65\n');
      assert.equal(r.stderr, 'note: TASK-005 still waits for TASK-003\n');
    });

    it('Spec Kit: one checkbox character per change', async () => {
      const dir = WS.specKit();
      const f = 'specs/001-signup/tasks.md';
      await write(dir, f, ['task', 'start', 'T003'], 18, '[ ]', '[-]', `T003: todo → in progress  ${f}:19\n`);
      await write(dir, f, ['task', 'done', 'T005'], 23, '[-]', '[x]', `T005: in progress → done  ${f}:24\n`);
      await write(dir, f, ['task', 'block', 'T004'], 22, '[ ]', '[!]', `T004: todo → blocked  ${f}:23\n`);
      await write(dir, f, ['task', 'start', 'T002'], 17, '[X]', '[-]', `T002: done → in progress  ${f}:18\n`);
    });

    it('OpenSpec: one checkbox character per change', async () => {
      const dir = WS.openSpec();
      const f = 'openspec/changes/add-sessions/tasks.md';
      await write(dir, f, ['task', 'start', '1.2.1'], 8, '[ ]', '[-]', `1.2.1: todo → in progress  ${f}:9\n`);
      await write(dir, f, ['task', 'done', '2.2'], 14, '[-]', '[x]', `2.2: in progress → done  ${f}:15\n`);
      await write(dir, f, ['task', 'block', '2.1'], 13, '[ ]', '[!]', `2.1: todo → blocked  ${f}:14\n`);
    });

    it('Kiro: one checkbox character per change, indented or flush, and checklist items', async () => {
      const dir = WS.kiro();
      const f = '.kiro/specs/sessions/tasks.md';
      await write(dir, f, ['task', 'start', '2.1'], 13, '[ ]', '[-]', `2.1: todo → in progress  ${f}:14\n`);
      await write(dir, f, ['task', 'done', '3.2'], 24, '[ ]', '[x]', `3.2: todo → done  ${f}:25\n`);
      await write(dir, f, ['task', 'block', '2.2'], 16, '[ ]*', '[!]*', `2.2: todo → blocked  ${f}:17\n`);
      await write(dir, f, ['task', 'start', '1.1'], 3, '[x]', '[-]', `1.1: done → in progress  ${f}:4\n`);

      const quirks = workspace({ 'kiro/.kiro/specs/quirks': '.kiro/specs/quirks' });
      const q = '.kiro/specs/quirks/tasks.md';
      await write(quirks, q, ['task', 'check', '2', '2'], 23, '[ ]', '[x]', `2 item 2 checked: [x] record a demo  ${q}:24\n`);
      await write(quirks, q, ['task', 'check', '2', '1', '--uncheck'], 22, '[x]', '[ ]', `2 item 1 unchecked: [ ] write docs  ${q}:23\n`);
    });

    it('CRLF, a BOM and no final newline survive a write', async () => {
      const dir = WS.specRunner();
      const original = read(dir, 'spec/tasks.md');
      const crlf = `\uFEFF${original.replace(/\n$/, '').replace(/\n/g, '\r\n')}`;
      writeFileSync(join(dir, 'spec/tasks.md'), crlf);
      const r = await run(['task', 'done', 'TASK-004', '--cwd', dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(read(dir, 'spec/tasks.md'), crlf.replace('🔴 P0 | ⬜ TODO | Est: 4h', '🔴 P0 | ✅ DONE | Est: 4h'));
    });

    it('an unknown id is a usage error (exit 2) and nothing is written', async () => {
      const dir = WS.specRunner();
      const before = read(dir, 'spec/tasks.md');
      for (const args of [['task', 'done', 'TASK-999'], ['task', 'check', 'TASK-999', '1'], ['task', 'show', 'TASK-999']]) {
        const r = await run([...args, '--cwd', dir]);
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(r.stdout, '');
        assert.equal(r.stderr, 'specpilot: no task TASK-999 in spec/tasks.md\nRun "specpilot --help" for usage.\n');
      }
      assert.equal(read(dir, 'spec/tasks.md'), before);
    });

    it('task check on a checkbox-format task without a checklist is refused (exit 1) with what to do instead', async () => {
      const dir = WS.specKit();
      const before = read(dir, 'specs/001-signup/tasks.md');
      const r = await run(['task', 'check', 'T013', '1', '--cwd', dir]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'specpilot: T013 has no checklist items; in spec-kit files the task\'s own checkbox is its status: use "task done T013".\n');
      assert.equal(read(dir, 'specs/001-signup/tasks.md'), before);
    });

    it('refuses an item number out of range (exit 1), and a bad one (exit 2)', async () => {
      const dir = WS.specRunner();
      const r1 = await run(['task', 'check', 'TASK-003', '9', '--cwd', dir]);
      assert.equal(r1.code, 1);
      assert.equal(r1.stderr, 'specpilot: TASK-003 has 3 checklist items; 9 is not one of 1..3.\n');
      const r2 = await run(['task', 'check', 'TASK-003', 'two', '--cwd', dir]);
      assert.equal(r2.code, 2);
      assert.match(r2.stderr, /^specpilot: item number must be a whole number from 1 \(got "two"\)\n/);
    });

    it('refuses a spec-runner task without a meta line (exit 1) and leaves the file alone', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'spec'));
      const text = '### TASK-001: No meta\nJust prose.\n';
      writeFileSync(join(dir, 'spec/tasks.md'), text);
      const r = await run(['task', 'done', 'TASK-001', '--cwd', dir]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'specpilot: TASK-001 has no meta line to rewrite: add one such as "🟠 P1 | ⬜ TODO | Est: 1d" on line 2, under its header.\n');
      assert.equal(read(dir, 'spec/tasks.md'), text);
    });
  });

  describe('validate', () => {
    it('a valid file: exit 0 and one summary line', async () => {
      const r = await run(['validate', '--cwd', WS.specRunner()]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '✓ spec/tasks.md: 8 tasks, 0 errors, 0 warnings\n');
      assert.equal(r.stderr, '');
    });

    it('a broken file: exit 1 and file:line:col: severity: message [code] lines', async () => {
      const dir = WS.specRunner();
      const text = read(dir, 'spec/tasks.md')
        .replace('**Traces to:** [REQ-001], [DESIGN-001]\n**Depends on:** —', '**Traces to:** [REQ-001], [DESIGN-001]\n**Depends on:** [TASK-008]')
        .replace('**Depends on:** [TASK-003]', '**Depends on:** [TASK-003], [TASK-042]')
        .replace('🟠 P1 | ⬜ TODO | Est: 4h', '🟠 P1 | ⬜ TODO');
      writeFileSync(join(dir, 'spec/tasks.md'), text);
      const r = await run(['validate', '--cwd', dir]);
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n');
      const cycle = 'Dependency cycle: TASK-001 -> TASK-008 -> TASK-006 -> TASK-004 -> TASK-002 -> TASK-001 (read "->" as "depends on"). None of these tasks can ever become ready; expected dependencies without a loop: remove one of them. [cycle]';
      assert.deepEqual(lines, [
        `spec/tasks.md:9:1: error: ${cycle}`,
        `spec/tasks.md:23:1: error: ${cycle}`,
        `spec/tasks.md:51:1: error: ${cycle}`,
        'spec/tasks.md:66:1: warning: TASK-005 has no estimate: expected "| Est: 1d" (or 4h, 2-3d, 0.5d) at the end of the meta line. [missing-estimate]',
        'spec/tasks.md:77:30: error: TASK-005 depends on TASK-042 (Depends on), but no task in this file has that id; expected the id of a task defined here. Did you mean TASK-002? [unknown-dependency]',
        `spec/tasks.md:82:1: error: ${cycle}`,
        `spec/tasks.md:109:1: error: ${cycle}`,
        '✗ spec/tasks.md: 8 tasks, 6 errors, 1 warning',
      ]);
      for (const l of lines.slice(0, -1)) assert.match(l, /^spec\/tasks\.md:\d+:\d+: (error|warning|info): .+ \[[a-z-]+\]$/);

      const j = await runJson<{ ok: boolean; errors: number; warnings: number; diagnostics: JsonDiagnostic[] }>(['validate', '--json', '--cwd', dir], 1);
      assert.equal(j.ok, false);
      assert.equal(j.errors, 6);
      assert.equal(j.warnings, 1);
      assert.deepEqual(j.diagnostics[4], {
        severity: 'error',
        code: 'unknown-dependency',
        message: 'TASK-005 depends on TASK-042 (Depends on), but no task in this file has that id; expected the id of a task defined here. Did you mean TASK-002?',
        file: 'spec/tasks.md',
        line: 77,
        col: 30,
        endCol: 38,
      });
    });

    it('--strict counts warnings as errors', async () => {
      const dir = WS.specRunner();
      writeFileSync(join(dir, 'spec/tasks.md'), read(dir, 'spec/tasks.md').replace('🟠 P1 | ⬜ TODO | Est: 4h', '🟠 P1 | ⬜ TODO'));
      const lax = await run(['validate', '--cwd', dir]);
      assert.equal(lax.code, 0);
      assert.equal(lax.stdout, [
        'spec/tasks.md:66:1: warning: TASK-005 has no estimate: expected "| Est: 1d" (or 4h, 2-3d, 0.5d) at the end of the meta line. [missing-estimate]',
        '✓ spec/tasks.md: 8 tasks, 0 errors, 1 warning',
        '',
      ].join('\n'));
      const strict = await run(['validate', '--strict', '--cwd', dir]);
      assert.equal(strict.code, 1);
      assert.equal(strict.stdout, [
        'spec/tasks.md:66:1: error: TASK-005 has no estimate: expected "| Est: 1d" (or 4h, 2-3d, 0.5d) at the end of the meta line. [missing-estimate]',
        '✗ spec/tasks.md: 8 tasks, 1 error, 0 warnings',
        '',
      ].join('\n'));
      const j = await runJson<{ ok: boolean; strict: boolean; errors: number; warnings: number }>(['validate', '--json', '--strict', '--cwd', dir], 1);
      assert.deepEqual([j.ok, j.strict, j.errors, j.warnings], [false, true, 1, 0]);
    });

    it('--json: { ok, strict, format, file, tasks, errors, warnings, diagnostics }, config problems included', async () => {
      const dir = WS.specRunner();
      const ok = await runJson(['validate', '--json', '--cwd', dir]);
      assert.deepEqual(ok, { ok: true, strict: false, format: 'spec-runner', file: 'spec/tasks.md', tasks: 8, errors: 0, warnings: 0, diagnostics: [] });

      const withConfig = workspace({ demo: '.', 'config/syntax-error/spec-runner.config.yaml': 'spec-runner.config.yaml' });
      const j = await runJson<{ ok: boolean; errors: number; diagnostics: JsonDiagnostic[] }>(['validate', '--json', '--cwd', withConfig], 1);
      assert.equal(j.ok, false);
      assert.equal(j.errors, 1);
      assert.deepEqual(j.diagnostics.map((d) => [d.severity, d.code, d.file, d.line, d.col]), [['error', 'yaml-syntax', 'spec-runner.config.yaml', 4, 1]]);
      assert.ok(!j.diagnostics[0]!.message.includes('987654'), 'no token in the message');
      const text = await run(['validate', '--cwd', withConfig]);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^spec-runner\.config\.yaml:4:1: error: YAML syntax error/);
    });

    it('validates each format\'s broken fixture with positioned lines (warnings only: exit 0, strict: exit 1)', async () => {
      const dir = workspace({ 'spec-kit/specs/003-broken': 'specs/003-broken' });
      const r = await run(['validate', '--cwd', dir]);
      assert.equal(r.code, 0);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines[0], 'specs/003-broken/tasks.md:5:7: warning: Not read as a task: task ids have at least three digits: expected "T001", found "T1". [not-a-task]');
      assert.equal(lines.at(-1), '✓ specs/003-broken/tasks.md: 1 task, 0 errors, 14 warnings');
      assert.equal((await run(['validate', '--strict', '--cwd', dir])).code, 1);
    });
  });

  describe('usage errors and help', () => {
    let dir: string;
    before(() => {
      dir = WS.specRunner();
    });

    const usage = async (args: string[], message: string): Promise<void> => {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `specpilot: ${message}\nRun "specpilot --help" for usage.\n`);
    };

    it('exit 2 with one line that names the problem', async () => {
      await usage(['frobnicate', '--cwd', dir], 'unknown command "frobnicate"');
      await usage(['task', '--cwd', dir], '"task" needs a subcommand: list, show, next, stats, graph, start, done, block, check');
      await usage(['task', 'frob', '--cwd', dir], 'unknown task subcommand "frob"');
      await usage(['task', 'list', '--bogus', '--cwd', dir], "Unknown option '--bogus'");
      await usage(['validate', '--status', 'todo', '--cwd', dir], "Unknown option '--status'");
      await usage(['task', 'list', '--status', 'nope', '--cwd', dir], '--status must be one of todo, in_progress, review, done, blocked, unknown (got "nope")');
      await usage(['task', 'list', '--priority', 'P9', '--cwd', dir], '--priority must be one of p0, p1, p2, p3 (got "P9")');
      await usage(['task', 'list', '--format', 'jira', '--cwd', dir], '--format must be one of auto, spec-runner, spec-kit, openspec, kiro (got "jira")');
      await usage(['task', 'show', '--cwd', dir], 'task show needs a task id, e.g. "specpilot task show TASK-001"');
      await usage(['task', 'done', '--cwd', dir], 'task done needs a task id, e.g. "specpilot task done TASK-001"');
      await usage(['task', 'check', 'TASK-001', '--cwd', dir], 'task check needs a task id and an item number, e.g. "specpilot task check TASK-001 2"');
      await usage(['task', 'show', 'TASK-001', 'TASK-002', '--cwd', dir], 'task show takes one argument; unexpected "TASK-002"');
      await usage(['task', 'list', 'extra', '--cwd', dir], 'task list takes no arguments; unexpected "extra"');
      await usage(['validate', 'spec/tasks.md', '--cwd', dir], 'validate takes no arguments; unexpected "spec/tasks.md"');
      await usage(['--bogus'], "Unknown option '--bogus'");
      await usage(['--cwd', dir], 'no command given: expected "task <subcommand>", "validate", "run", "status" or another command of --help');
      await usage(['task', 'list', '--file', 'nope/tasks.md', '--cwd', dir], 'no such task file: nope/tasks.md');
    });

    it('--json usage errors print nothing on stdout', async () => {
      const r = await run(['task', 'list', '--json', '--status', 'nope', '--cwd', dir]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
    });

    it('several task files without --file: exit 2 listing them; --file picks one', async () => {
      const all = workspace({ 'spec-kit/specs': 'specs', 'kiro/.kiro/specs/sessions': '.kiro/specs/sessions' });
      const r = await run(['task', 'list', '--cwd', all]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, [
        'specpilot: several task files found; choose one with --file:',
        '  .kiro/specs/sessions/tasks.md (kiro)',
        '  specs/001-signup/tasks.md (spec-kit)',
        '  specs/002-quirks/tasks.md (spec-kit)',
        '  specs/003-broken/tasks.md (spec-kit)',
        'Run "specpilot --help" for usage.',
        '',
      ].join('\n'));
      const j = await runJson<ListJson>(['task', 'list', '--json', '--file', 'specs/001-signup/tasks.md', '--cwd', all]);
      assert.equal(j.file, 'specs/001-signup/tasks.md');
      assert.equal(j.tasks.length, 15);
    });

    it('no task file: exit 2 naming the places looked at', async () => {
      const empty = tempDir();
      mkdirSync(join(empty, '.git'));
      const r = await run(['task', 'list', '--cwd', empty]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^specpilot: no task file found under .+: looked for spec\/tasks\.md, specs\/<feature>\/tasks\.md, openspec\/changes\/<id>\/tasks\.md and \.kiro\/specs\/<feature>\/tasks\.md\n/);
    });

    it('--format forces a format, --file reads a file at any path', async () => {
      const odd = workspace({ 'spec-runner/valid.md': 'notes/plan.md' });
      mkdirSync(join(odd, '.git'));
      const j = await runJson<ListJson>(['task', 'list', '--json', '--format', 'spec-runner', '--file', 'notes/plan.md', '--cwd', odd]);
      assert.equal(j.format, 'spec-runner');
      assert.equal(j.file, 'notes/plan.md');
      assert.deepEqual(ids(j.tasks), ['TASK-001', 'TASK-002', 'API-7']);
    });

    it('--spec-prefix picks spec/<prefix>tasks.md, and never falls back to another file', async () => {
      const dir = workspace({ 'trace/no-requirements': '.' });
      const j = await runJson<ListJson>(['task', 'list', '--json', '--spec-prefix', 'phase2-', '--cwd', dir]);
      assert.equal(j.file, 'spec/phase2-tasks.md');
      assert.deepEqual(ids(j.tasks), ['TASK-001']);
      const r = await run(['task', 'list', '--spec-prefix', 'phase5-', '--cwd', dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^specpilot: no task file spec\/phase5-tasks\.md for --spec-prefix phase5- under .+; found spec\/phase2-tasks\.md\n/);
    });

    it('--help and --version exit 0 on stdout', async () => {
      for (const args of [['--help'], ['-h'], [], ['help'], ['task', 'list', '--help'], ['validate', '-h']]) {
        const r = await run(args);
        assert.equal(r.code, 0, args.join(' '));
        assert.ok(r.stdout.startsWith('specpilot: run spec task files'), args.join(' '));
        assert.ok(
          r.stdout.includes(
            'Exit codes: 0 ok, 1 validation errors, a failed or stopped run, a broken agent (doctor),\na write-back refused, or a decision whose task then failed; 2 usage error (also: approve,\nreject or review of a task that is not awaiting approval).',
          ),
        );
        for (const command of ['run --task ID', 'retry ID', 'watch', 'stop', 'status [--json]', 'costs [--json]', 'logs ID', 'reset [ID ...]', 'doctor [--json]', 'approve [ID] [--json]', 'reject ID --reason TEXT', 'review ID [--json]', '    --hitl-review']) {
          assert.ok(r.stdout.includes(`  ${command}`), `help lists ${command}`);
        }
        assert.equal(r.stderr, '');
      }
      for (const args of [['--version'], ['-v']]) {
        const r = await run(args);
        assert.equal(r.code, 0);
        assert.equal(r.stdout, '0.0.0-dev\n');
      }
    });
  });

  describe('as a real process', () => {
    const entry = ['--import', 'tsx', 'src/cli/main.ts'];

    it('task list --json: one JSON document on stdout, exit 0', () => {
      const dir = WS.kiro();
      const r = spawnSync(process.execPath, [...entry, 'task', 'list', '--json', '--cwd', dir], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      const j = JSON.parse(r.stdout) as ListJson;
      assert.equal(j.format, 'kiro');
      assert.deepEqual(ids(j.tasks), ['1', '1.1', '1.2', '2', '2.1', '2.2', '3', '3.1', '3.2']);
    });

    it('a usage error: exit 2, message on stderr, nothing on stdout', () => {
      const r = spawnSync(process.execPath, [...entry, 'task', 'list', '--status', 'nope', '--cwd', WS.kiro()], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'specpilot: --status must be one of todo, in_progress, review, done, blocked, unknown (got "nope")\nRun "specpilot --help" for usage.\n');
    });

    it('a reader that closes the pipe early (| head) ends it quietly', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'spec'));
      writeFileSync(join(dir, 'spec/tasks.md'), specRunnerTasks(3000));
      const child = spawn(process.execPath, [...entry, 'task', 'list', '--cwd', dir], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      assert.equal(stderr, '');
      assert.equal(code, 0);
    });
  });
});
