// The report panel's snapshot (src/extension/reportData.ts) from the demo workspace's real spec and
// a real run store: rows in requirement order with their designs and tasks, the milestone filter,
// uncovered-only, verified only with stored evidence, and the files the page may ask to open.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTaskFile } from '../../../src/core/project/openTaskFile';
import type { SpecAnalysis } from '../../../src/core/project/analyzeSpec';
import type { VerifyResult } from '../../../src/core/report/verify';
import { openRunStore, readRunStore, type JsonValue } from '../../../src/core/store';
import { buildReportSnapshot, linkedFiles, milestonesOf } from '../../../src/extension/reportData';
import type { ReportFilter } from '../../../src/protocol/reportMessages';
import { verifiedResult } from './verifyFixtures';

const DEMO = join(__dirname, '../../fixtures/demo');
const ALL: ReportFilter = { milestone: null, uncoveredOnly: false };

describe('buildReportSnapshot', () => {
  let dir = '';
  let analysis: SpecAnalysis;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'specpilot-report-data-'));
    cpSync(DEMO, dir, { recursive: true });
    const r = openTaskFile({ cwd: dir });
    if (!r.ok) throw new Error(r.error);
    analysis = r.value.analysis;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const build = (filter: ReportFilter, store: Parameters<typeof buildReportSnapshot>[0]['store'] = null) =>
    buildReportSnapshot({ seq: 7, analysis, fileLabel: 'spec/tasks.md', filter, store, commits: null, notes: ['from the caller'] });
  const shape = (s: ReturnType<typeof build>): [string | null, string[], string[]][] =>
    s.rows.map((r) => [r.requirement?.id ?? null, r.designs.map((d) => d.id), r.tasks.map((t) => t.id)]);

  it('lists every requirement with its designs and tracing tasks, and where each cell links', () => {
    const s = build(ALL);
    assert.deepEqual(shape(s), [
      ['REQ-001', ['DESIGN-001', 'DESIGN-003', 'DESIGN-002'], ['TASK-001', 'TASK-002', 'TASK-003']],
      ['REQ-002', ['DESIGN-002'], ['TASK-004']],
      ['REQ-003', ['DESIGN-001'], ['TASK-005']],
      ['REQ-004', ['DESIGN-004'], ['TASK-006']],
      ['REQ-005', ['DESIGN-003'], ['TASK-007']],
      ['REQ-006', [], []],
      ['NFR-001', ['DESIGN-004'], ['TASK-008']],
      ['NFR-002', ['DESIGN-003'], ['TASK-002']],
    ]);
    const tasksMd = join(dir, 'spec', 'tasks.md');
    assert.deepEqual(s.rows[0]?.requirement, { id: 'REQ-001', title: 'Shorten a URL', at: { file: join(dir, 'spec', 'requirements.md'), line: 11 } });
    assert.deepEqual(s.rows[0]?.tasks[1], {
      id: 'TASK-002',
      title: 'Link store with atomic snapshots',
      status: 'done',
      verified: null,
      verifiedAt: null,
      commit: null,
      costUsd: null,
      unpriced: false,
      alsoIn: ['NFR-002'],
      at: { file: tasksMd, line: 22 },
      statusAt: { file: tasksMd, line: 23 },
    });
    assert.deepEqual(s.totals, { requirements: 8, uncovered: 1, tasks: 8, done: 2, verified: 0, costUsd: null });
    assert.deepEqual([s.type, s.seq, s.file, s.fileLabel, s.filter], ['snapshot', 7, tasksMd, 'spec/tasks.md', ALL]);
    assert.deepEqual(s.notes, ['A task tracing several requirements counts in full in each of their costs; the total counts it once.', 'from the caller']);
    assert.deepEqual([...linkedFiles(s)].sort(), [join(dir, 'spec', 'design.md'), join(dir, 'spec', 'requirements.md'), tasksMd]);
  });

  it('filters by milestone and to uncovered requirements', () => {
    assert.deepEqual(milestonesOf(analysis), ['Milestone 1: Core shortener', 'Milestone 2: Insights and hardening']);
    const m2 = build({ milestone: 'Milestone 2: Insights and hardening', uncoveredOnly: false });
    assert.deepEqual(shape(m2), [['REQ-004', ['DESIGN-004'], ['TASK-006']], ['REQ-005', ['DESIGN-003'], ['TASK-007']], ['NFR-001', ['DESIGN-004'], ['TASK-008']]]);
    assert.deepEqual(m2.filter, { milestone: 'Milestone 2: Insights and hardening', uncoveredOnly: false });
    const uncovered = build({ milestone: null, uncoveredOnly: true });
    assert.deepEqual(shape(uncovered), [['REQ-006', [], []]]);
    assert.deepEqual(uncovered.totals, { requirements: 8, uncovered: 1, tasks: 0, done: 0, verified: 0, costUsd: null });
  });

  it('shows a task verified only from a stored Verify with its evidence', async () => {
    const state = join(dir, 'spec', '.specpilot');
    const opened = await openRunStore(state);
    if (!opened.ok) throw new Error(opened.error.message);
    const good: VerifyResult = verifiedResult('TASK-001');
    // Claims verified but its gate evidence lost the output hash: not verified.
    const bad: VerifyResult = {
      ...verifiedResult('TASK-002'),
      checks: verifiedResult('TASK-002').checks.map((c) => (c.name === 'gates' ? { ...c, evidence: c.evidence.map((e) => ({ ...e, outputSha256: null })) } : c)),
    };
    for (const r of [good, bad]) opened.store.recordEvent({ runId: null, taskId: r.taskId, kind: 'verify', data: JSON.parse(JSON.stringify(r)) as JsonValue });
    await opened.store.close();
    const read = await readRunStore(state);
    if (!read.ok) throw new Error(read.error.message);
    try {
      const s = build(ALL, read.store);
      const cells = s.rows[0]!.tasks.map((t) => [t.id, t.verified, t.verifiedAt]);
      assert.deepEqual(cells, [['TASK-001', true, good.at], ['TASK-002', false, bad.at], ['TASK-003', null, null]]);
      assert.equal(s.totals.verified, 1);
    } finally {
      read.store.close();
    }
  });
});
