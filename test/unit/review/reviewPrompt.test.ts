// The reviewer's prompt, snapshot-tested on the demo workspace: the tag line, persona, task,
// checklist, traced requirement text, the role's focus, the fenced enriched diff and the verdict
// contract. UPDATE_SNAPSHOTS=1 rewrites the snapshots; review the diff before committing it.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTaskFile } from '../../../src/core/project/openTaskFile';
import { enrichDiffText } from '../../../src/core/review/enrichedDiff';
import { buildReviewPrompt, VERDICT_CONTRACT } from '../../../src/core/review/reviewPrompt';
import { REVIEW_ROLES } from '../../../src/core/review/reviewRoles';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const SNAPSHOTS = join(__dirname, 'snapshots');

function matchSnapshot(name: string, actual: string): void {
  const file = join(SNAPSHOTS, name);
  if (process.env['UPDATE_SNAPSHOTS'] === '1' || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

const DIFF = [
  'diff --git a/src/links.js b/src/links.js',
  'index 1111111..2222222 100644',
  '--- a/src/links.js',
  '+++ b/src/links.js',
  '@@ -1,3 +1,4 @@',
  " const express = require('express');",
  '-module.exports = {};',
  "+// ``` a fence inside the diff must not end the quote",
  '+module.exports = { create };',
  '+<img src=x onerror=alert(1)>',
  ' // end',
  'diff --git a/test/links.test.js b/test/links.test.js',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/test/links.test.js',
  '@@ -0,0 +1,2 @@',
  "+const test = require('node:test');",
  "+test('creates a link', () => {});",
  '',
].join('\n');

function demo() {
  const r = openTaskFile({ cwd: join(FIXTURES, 'demo') });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('review prompt', () => {
  it('holds the tag line, persona, task, checklist, traced requirements, focus, the fenced diff and the contract', () => {
    const opened = demo();
    const task = opened.analysis.spec.tasks.find((t) => t.id === 'TASK-003')!;
    const prompt = buildReviewPrompt({
      analysis: opened.analysis,
      task,
      role: 'testing',
      persona: REVIEW_ROLES.testing,
      diff: enrichDiffText(DIFF),
      attempt: 2,
      tasksFileLabel: 'spec/tasks.md',
    });
    matchSnapshot('demo-testing-review.md', prompt);
    assert.ok(prompt.startsWith('Specpilot review: testing\n\nYou are a test engineer'));
    assert.ok(prompt.endsWith(`${VERDICT_CONTRACT}\n`));
    // The diff's own ``` cannot close the quote: the fence is longer.
    assert.ok(prompt.includes('````text\ndiff --git a/src/links.js b/src/links.js\n'));
  });

  it('names the files left out of the diff for length, and says so when nothing changed', () => {
    const opened = demo();
    const task = opened.analysis.spec.tasks.find((t) => t.id === 'TASK-001')!;
    const cut = buildReviewPrompt({
      analysis: opened.analysis,
      task,
      role: 'quality',
      persona: { persona: 'Custom persona.', focus: [] },
      diff: enrichDiffText(DIFF, 400),
      attempt: 1,
      tasksFileLabel: 'spec/tasks.md',
    });
    matchSnapshot('demo-quality-cut.md', cut);
    assert.ok(cut.includes('Left out of the diff for length (read them in the working tree): test/links.test.js.'));
    const none = buildReviewPrompt({
      analysis: opened.analysis,
      task,
      role: 'docs',
      persona: REVIEW_ROLES.docs,
      diff: enrichDiffText(''),
      attempt: 1,
      tasksFileLabel: 'spec/tasks.md',
    });
    assert.ok(none.includes('## The change\n\nThe working tree shows no change against the base.\n'));
  });
});
