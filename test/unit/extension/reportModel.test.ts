// The report page's pure parts (webview/report/reportModel.ts): reading the host's snapshot, the
// cells' wording, and the chunks that keep a 10,000-row matrix from rendering all at once.
import assert from 'node:assert/strict';
import type { HostToReport, ReportRow, ReportTask } from '../../../src/protocol/reportMessages';
import {
  CHUNK_LINES,
  chunkEnd,
  formatCost,
  locationLabel,
  progressText,
  readReportMessage,
  rowLines,
  shortSha,
  totalsText,
  verifiedIcon,
  verifiedText,
} from '../../../webview/report/reportModel';

const task = (id: string): ReportTask => ({
  id,
  title: id,
  status: 'done',
  verified: null,
  verifiedAt: null,
  commit: null,
  costUsd: null,
  unpriced: false,
  alsoIn: [],
  at: { file: '/ws/spec/tasks.md', line: 3 },
  statusAt: { file: '/ws/spec/tasks.md', line: 4 },
});
const row = (tasks: number): ReportRow => ({
  requirement: { id: 'REQ-1', title: 'r', at: { file: '/ws/spec/requirements.md', line: 0 } },
  designs: [],
  tasks: Array.from({ length: tasks }, (_, i) => task(`T-${i}`)),
  costUsd: null,
});

const SNAPSHOT: HostToReport<'snapshot'> = {
  type: 'snapshot',
  seq: 1,
  file: '/ws/spec/tasks.md',
  fileLabel: 'spec/tasks.md',
  milestones: ['Milestone 1'],
  filter: { milestone: null, uncoveredOnly: false },
  rows: [row(1)],
  totals: { requirements: 1, uncovered: 0, tasks: 1, done: 1, verified: 0, costUsd: null },
  notes: [],
};

describe('report page model', () => {
  it('reads a snapshot and ignores anything else', () => {
    assert.equal(readReportMessage(SNAPSHOT), SNAPSHOT);
    for (const bad of [null, 'snapshot', { type: 'snapshot' }, { ...SNAPSHOT, type: 'append' }, { ...SNAPSHOT, rows: {} }, { ...SNAPSHOT, seq: '1' }, { ...SNAPSHOT, filter: null }, { ...SNAPSHOT, milestones: undefined }]) {
      assert.equal(readReportMessage(bad), null, JSON.stringify(bad));
    }
  });

  it('counts one table row per task, one for a requirement no task traces', () => {
    assert.deepEqual([rowLines(row(0)), rowLines(row(1)), rowLines(row(7))], [1, 1, 7]);
  });

  it('cuts the matrix into chunks of whole rows of about CHUNK_LINES table rows', () => {
    const rows = Array.from({ length: 10_000 }, () => row(1));
    const ends: number[] = [];
    for (let start = 0; start < rows.length; start = ends.at(-1)!) ends.push(chunkEnd(rows, start));
    assert.equal(ends.length, Math.ceil(10_000 / CHUNK_LINES));
    assert.deepEqual(ends.slice(0, 2), [CHUNK_LINES, 2 * CHUNK_LINES]);
    assert.equal(ends.at(-1), 10_000);
  });

  it('never splits a row and always advances, even past the budget', () => {
    const rows = [row(2), row(2), row(500), row(1)];
    assert.equal(chunkEnd(rows, 0, 4), 2);
    assert.equal(chunkEnd(rows, 2, 4), 3);
    assert.equal(chunkEnd(rows, 3, 4), 4);
    assert.equal(chunkEnd(rows, 4, 4), 4);
    assert.equal(chunkEnd([], 0), 0);
  });

  it('words costs, verification and commits', () => {
    assert.deepEqual([formatCost(null), formatCost(0), formatCost(0.004), formatCost(0.42), formatCost(12.345)], ['—', '$0.00', '<$0.01', '$0.42', '$12.35']);
    assert.deepEqual([verifiedText(true), verifiedText(false), verifiedText(null)], ['verified', 'not verified', '—']);
    assert.deepEqual([verifiedIcon(true), verifiedIcon(false), verifiedIcon(null)], ['verified-filled', 'error', 'dash']);
    assert.deepEqual([shortSha(null), shortSha('0123456789abcdef')], ['—', '01234567']);
    assert.equal(locationLabel({ file: 'C:\\ws\\spec\\tasks.md', line: 0 }), 'tasks.md:1');
    assert.equal(locationLabel({ file: '/ws/spec/requirements.md', line: 41 }), 'requirements.md:42');
  });

  it('sums up the totals and says how much is still to scroll', () => {
    assert.equal(totalsText({ requirements: 1, uncovered: 0, tasks: 1, done: 0, verified: 0, costUsd: null }), '1 requirement (0 uncovered) · 1 task, 0 done, 0 verified');
    assert.equal(totalsText({ requirements: 2000, uncovered: 12, tasks: 10000, done: 40, verified: 3, costUsd: 1.5 }), '2,000 requirements (12 uncovered) · 10,000 tasks, 40 done, 3 verified · $1.50 spent');
    assert.equal(progressText(300, 10_000), 'Showing 300 of 10,000 rows; scroll for more');
    assert.equal(progressText(10_000, 10_000), '');
  });
});
