// The Review tab's pure parts: the person's choices turned into the decision messages, the
// placeholder estimate, each file's diff text cut from core's ReviewFile, and diff2html's escaping
// of everything the diff holds (the one place the page inserts markup).
import * as assert from 'node:assert/strict';
import { reviewFiles } from '../../../src/core/review/hunks';
import type { ReviewView } from '../../../src/protocol/reviewMessages';
import { fileDiffText, fileView } from '../../../src/extension/reviewPayload';
import { fileDiffHtml } from '../../../webview/review/diffHtml';
import { changeCounts, estimatedDiffHeight, hunkKey, ReviewModel, reviewTotals } from '../../../webview/review/reviewModel';

const XSS = '<img src=x onerror=alert(1)>';

const DIFF = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1111111..2222222 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -1,3 +1,3 @@ export function main()',
  ' const a = 1;',
  '-const b = 2;',
  `+const b = '${XSS}';`,
  ' const c = 3;',
  '@@ -20,2 +20,3 @@',
  ' x();',
  '+y();',
  ' z();',
  `diff --git a/docs/${XSS}.md b/docs/${XSS}.md`,
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  `+++ b/docs/${XSS}.md`,
  '@@ -0,0 +1 @@',
  '+hello',
  '',
].join('\n');

function view(): ReviewView {
  return {
    taskId: 'TASK-001',
    title: 'Shorten',
    branch: 'task/TASK-001-shorten',
    baseBranch: 'main',
    attempt: 2,
    runId: 'r1',
    parkedAt: 1,
    verdicts: [],
    files: reviewFiles(DIFF).map(fileView),
  };
}

describe('review page model', () => {
  it('maps core files to the protocol with per-file diff text', () => {
    const files = reviewFiles(DIFF);
    assert.deepEqual(fileView(files[0]!).hunks, [
      { index: 0, header: '@@ -1,3 +1,3 @@ export function main()', lines: 4 },
      { index: 1, header: '@@ -20,2 +20,3 @@', lines: 3 },
    ]);
    assert.equal(fileDiffText(files[0]!), `${DIFF.split('diff --git a/docs')[0]}`);
    assert.equal(fileView(files[1]!).status, 'added');
    assert.equal(fileView(files[1]!).path, `docs/${XSS}.md`);
  });

  it('approves only while no hunk is marked Reject', () => {
    const m = new ReviewModel();
    m.set(view());
    assert.deepEqual(m.approveMessage(), { type: 'approve', taskId: 'TASK-001', attempt: 2 });
    m.setRejected('src/app.ts', 1, true);
    assert.equal(m.canApprove(), false);
    assert.equal(m.approveMessage(), null);
    m.setRejected('src/app.ts', 1, false);
    assert.equal(m.canApprove(), true);
  });

  it('builds the reject message: reason required, rejected hunks reverted, comments in file order', () => {
    const m = new ReviewModel();
    m.set(view());
    assert.deepEqual(m.rejectDraft(), { ok: false, error: 'Say why you reject it: the reason goes to the next attempt.' });
    m.setRejected('src/app.ts', 1, true);
    m.setComment('src/app.ts', 1, '  y() is not wanted  ');
    m.setComment('src/app.ts', 0, 'quote it');
    m.setFileComment(`docs/${XSS}.md`, 'drop this file');
    m.reason = '  the handler is wrong ';
    assert.deepEqual(m.rejectDraft(), {
      ok: true,
      message: {
        type: 'reject',
        taskId: 'TASK-001',
        attempt: 2,
        reason: 'the handler is wrong',
        comments: [
          { path: 'src/app.ts', hunk: 0, text: 'quote it' },
          { path: 'src/app.ts', hunk: 1, text: 'y() is not wanted' },
          { path: `docs/${XSS}.md`, hunk: null, text: 'drop this file' },
        ],
        revert: [{ path: 'src/app.ts', index: 1, header: '@@ -20,2 +20,3 @@' }],
      },
    });
  });

  it('saves the choices as a draft that a rebuilt page (a hidden panel shown again) takes back for the same review', () => {
    const m = new ReviewModel();
    m.set(view());
    assert.equal(m.draft(), null, 'nothing chosen: nothing to save');
    m.setRejected('src/app.ts', 1, true);
    m.setComment('src/app.ts', 0, 'quote it');
    m.setFileComment(`docs/${XSS}.md`, 'drop this file');
    m.reason = 'the handler is wrong';
    // The page's state goes through structured cloning: a JSON round trip is as strict.
    const saved: unknown = JSON.parse(JSON.stringify(m.draft()));

    const rebuilt = new ReviewModel(saved);
    rebuilt.set(null);
    rebuilt.set(view());
    assert.deepEqual(rebuilt.rejectDraft(), m.rejectDraft());
    assert.equal(rebuilt.choice('src/app.ts', 1).rejected, true);

    const later = new ReviewModel(saved);
    later.set({ ...view(), attempt: 3 });
    assert.equal(later.reason, '', 'a draft of another attempt is not applied');
    assert.equal(later.choice('src/app.ts', 1).rejected, false);
    assert.equal(later.draft(), null);
  });

  it('restores only what the review still has, and ignores a malformed saved draft', () => {
    const saved = {
      taskId: 'TASK-001',
      attempt: 2,
      reason: 'r',
      hunks: [['src/app.ts#1', { rejected: true, comment: '' }], ['src/gone.ts#0', { rejected: true, comment: 'x' }], ['src/app.ts#0', { rejected: 'yes' }], 7],
      files: [['src/gone.ts', 'x'], ['src/app.ts', 'ok'], ['src/app.ts']],
    };
    const m = new ReviewModel(saved);
    m.set(view());
    assert.deepEqual(m.rejectedHunks(), [{ path: 'src/app.ts', index: 1, header: '@@ -20,2 +20,3 @@' }]);
    assert.deepEqual(m.comments(), [{ path: 'src/app.ts', hunk: null, text: 'ok' }]);
    for (const bad of [null, 'draft', { taskId: 'TASK-001', attempt: '2', reason: '', hunks: [], files: [] }, { taskId: 'TASK-001', attempt: 2, reason: 'r' }]) {
      const b = new ReviewModel(bad);
      b.set(view());
      assert.equal(b.draft(), null, JSON.stringify(bad));
    }
  });

  it('keeps choices when the same review comes again, drops them for another attempt', () => {
    const m = new ReviewModel();
    m.set(view());
    m.setRejected('src/app.ts', 0, true);
    m.reason = 'why';
    m.set(view());
    assert.equal(m.choice('src/app.ts', 0).rejected, true);
    assert.equal(m.reason, 'why');
    m.set({ ...view(), attempt: 3 });
    assert.equal(m.choice('src/app.ts', 0).rejected, false);
    assert.equal(m.reason, '');
  });

  it('totals, counts and placeholder heights', () => {
    const v = view();
    assert.deepEqual(reviewTotals(v), { files: 2, added: 3, removed: 1, hunks: 3 });
    assert.equal(changeCounts(12_345, 3), '+12,345 −3');
    assert.equal(estimatedDiffHeight(v.files[0]!, 20), (4 + 2 + 3 + 2) * 20);
    assert.equal(estimatedDiffHeight({ ...v.files[0]!, status: 'binary', hunks: [] }, 20), 40);
    assert.equal(hunkKey('a/b#c.ts', 2), 'a/b#c.ts#2');
  });
});

describe('diff2html rendering', () => {
  it('escapes diff lines, file names and hunk headers: no markup from the diff survives', () => {
    const files = reviewFiles(DIFF);
    const html = fileDiffHtml(files.map(fileDiffText).join(''));
    assert.ok(!html.includes('<img'), 'an <img> element from the diff reached the HTML');
    assert.ok(!html.includes('onerror=alert(1)>'), 'an unescaped attribute reached the HTML');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the payload is shown as text');
    const header = fileDiffHtml(fileDiffText({ ...files[0]!, hunks: [{ ...files[0]!.hunks[1]!, header: `@@ -20,2 +20,3 @@ ${XSS}` }] }));
    assert.ok(!header.includes('<img'));
    assert.ok(header.includes('@@ -20,2 +20,3 @@ &lt;img src=x onerror=alert(1)&gt;'));
  });

  it('renders one table row per hunk header and diff line', () => {
    const html = fileDiffHtml(fileDiffText(reviewFiles(DIFF)[0]!));
    assert.equal(html.match(/<tr>/g)?.length, 2 + 4 + 3);
    assert.equal(html.match(/class="d2h-info"/g)?.length, 2);
  });
});
