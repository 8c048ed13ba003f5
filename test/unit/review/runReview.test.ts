// runReview with real fake-agent processes and a real run store: how verdicts combine (passed,
// fixed, failed, no verdict, crashed), serial and parallel reviewers, the budget cap on parallel
// reviewers, a reviewer on another CLI and model, and what is recorded per attempt.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterFor } from '../../../src/core/agents/detectAdapter';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import { storeRecorder } from '../../../src/core/executor/storeRecorder';
import type { AgentSetup } from '../../../src/core/executor/taskDriver';
import { latestReview, reviewsFor } from '../../../src/core/review/reviewRecords';
import type { ReviewRole } from '../../../src/core/review/reviewRoles';
import type { ReviewerSetup, ReviewSetup } from '../../../src/core/review/reviewSettings';
import { countFindings, runReview, type ReviewOutcome } from '../../../src/core/review/runReview';
import { openRunStore, type RunStore } from '../../../src/core/store';

const FAKE_BIN = join(__dirname, '..', '..', 'fixtures', 'agents', 'bin');

interface Harness {
  readonly dir: string;
  readonly store: RunStore;
  readonly runId: string;
  readonly attempt: { readonly id: string; readonly n: number; readonly logPath: string };
  readonly events: RunEvent[];
  readonly prompts: string;
  script(name: string, script: unknown): string;
}

function agent(command: string, env: Record<string, string>, model = ''): AgentSetup {
  const choice = adapterFor(command, '');
  if (!choice.ok) throw new Error(choice.error);
  return { adapter: choice.adapter, command, model, template: '', skipPermissions: true, timeoutMs: 60_000, idleTimeoutMs: 60_000, env };
}

function setup(roles: readonly ReviewRole[], a: AgentSetup, parallel = false): ReviewSetup {
  return { roles: roles.map((role): ReviewerSetup => ({ role, persona: `You review for ${role}.`, focus: [`${role} things`], agent: a })), parallel, agent: a };
}

/** A byPrompt script: each role's steps, picked by its prompt's tag line. */
function perRole(steps: Partial<Record<ReviewRole, unknown[]>>): unknown {
  return { byPrompt: Object.entries(steps).map(([role, s]) => ({ contains: `Specpilot review: ${role}\n`, steps: s })) };
}

describe('runReview (real reviewer processes)', function () {
  this.timeout(120_000);
  let h: Harness;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'specpilot-review-'));
    const opened = await openRunStore(join(dir, 'state'));
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.store;
    const run = store.beginRun({ mode: 'task', operator: 'test', front: 'cli', pid: process.pid, budgetUsd: null });
    if (!run.ok) throw new Error(run.error);
    const att = store.beginAttempt({ runId: run.value.id, taskId: 'T-1', agent: 'claude', command: 'claude', model: '', promptHash: 'h' });
    if (!att.ok) throw new Error(att.error);
    h = {
      dir,
      store,
      runId: run.value.id,
      attempt: { id: att.value.id, n: att.value.n, logPath: att.value.logPath },
      events: [],
      prompts: join(dir, 'prompts.jsonl'),
      script: (name, script) => {
        const path = join(dir, `${name}.json`);
        writeFileSync(path, JSON.stringify(script));
        return path;
      },
    };
    cleanup = async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });
  afterEach(async () => cleanup());

  function review(s: ReviewSetup, allowanceUsd: number | null = null, signal = new AbortController().signal): Promise<ReviewOutcome> {
    return runReview(
      { runId: h.runId, taskId: 'T-1', root: h.dir, recorder: storeRecorder(h.store, null), emit: (e) => h.events.push(e), signal },
      { setup: s, prompt: (r) => `Specpilot review: ${r.role}\n\n${r.persona}\nReview the change.\n`, attempt: 1, reviewed: h.attempt, allowanceUsd },
    );
  }

  const env = (script: string): Record<string, string> => ({ SPECPILOT_FAKE_SCRIPT: script, SPECPILOT_FAKE_PROMPT_LOG: h.prompts });

  it('passes when every reviewer says REVIEW_PASSED or REVIEW_FIXED; logs and prompt files sit beside the attempt log', async () => {
    const script = h.script('ok', perRole({
      quality: [{ say: 'Looked at it.' }, { cost: { usd: 0.01 } }, { marker: 'REVIEW_PASSED' }],
      testing: [{ say: '- added a missing assertion in test/a.test.js' }, { cost: { usd: 0.02 } }, { marker: 'REVIEW_FIXED: added an assertion' }],
    }));
    const out = await review(setup(['quality', 'testing'], agent(join(FAKE_BIN, 'claude'), env(script))));
    assert.equal(out.passed, true);
    assert.equal(out.findings, '');
    assert.deepEqual(out.cost, { kind: 'usd', usd: 0.03 });
    assert.deepEqual(out.verdicts.map((v) => [v.role, v.verdict, v.outcome, v.costUsd, v.agent]), [
      ['quality', 'passed', 'answered', 0.01, 'claude'],
      ['testing', 'fixed', 'answered', 0.02, 'claude'],
    ]);
    assert.equal(out.verdicts[1]!.findings, '- added a missing assertion in test/a.test.js\nREVIEW_FIXED: added an assertion');
    const base = h.attempt.logPath.replace(/\.log$/, '');
    assert.equal(out.verdicts[0]!.logPath, `${base}.review-quality.log`);
    assert.ok(readFileSync(`${base}.review-quality.log`, 'utf8').includes('"type":"result"'));
    assert.equal(readFileSync(`${base}.review-testing.prompt.md`, 'utf8'), 'Specpilot review: testing\n\nYou review for testing.\nReview the change.\n');
    // started, finished per reviewer, in order (serial).
    assert.deepEqual(h.events.map((e) => (e.kind === 'review' ? `${e.role}:${e.state}:${e.verdict}` : e.kind)), [
      'quality:started:null',
      'quality:finished:passed',
      'testing:started:null',
      'testing:finished:fixed',
    ]);
    assert.deepEqual(h.store.liveProcesses(), []);
  });

  it('fails on REVIEW_FAILED, on an answer without a verdict line and on a crashed reviewer; the findings name each failing role', async () => {
    const script = h.script('mixed', perRole({
      quality: [{ say: '- src/a.js:3 the error is swallowed\n- src/a.js:9 no input check' }, { marker: 'REVIEW_FAILED: errors are swallowed' }],
      implementation: [{ say: 'It looks fine to me, I think REVIEW_PASSED is right.' }],
      testing: [{ say: 'starting' }, { stderr: 'boom' }, { exit: 1 }],
      docs: [{ marker: 'REVIEW_PASSED' }],
    }));
    const out = await review(setup(['quality', 'implementation', 'testing', 'docs'], agent(join(FAKE_BIN, 'claude'), env(script))));
    assert.equal(out.passed, false);
    assert.deepEqual(out.verdicts.map((v) => [v.role, v.verdict, v.outcome]), [
      ['quality', 'failed', 'answered'],
      ['implementation', null, 'answered'],
      ['testing', null, 'crashed'],
      ['docs', 'passed', 'answered'],
    ]);
    const [quality, implementation, testing] = out.verdicts;
    assert.equal(quality!.findings, '- src/a.js:3 the error is swallowed\n- src/a.js:9 no input check\nREVIEW_FAILED: errors are swallowed');
    assert.equal(countFindings(quality!.findings), 2);
    assert.equal(
      implementation!.findings,
      'the implementation reviewer ended without a verdict line (REVIEW_PASSED, REVIEW_FIXED or REVIEW_FAILED); its answer:\nIt looks fine to me, I think REVIEW_PASSED is right.',
    );
    assert.match(testing!.findings, /^the testing reviewer gave no answer \(the agent exited with code 1[^)]*\); its output ends:\n/);
    assert.ok(testing!.findings.includes('boom'));
    assert.equal(
      out.findings,
      [
        `quality reviewer (REVIEW_FAILED):\n${quality!.findings}`,
        `implementation reviewer (no verdict):\n${implementation!.findings}`,
        `testing reviewer (no verdict):\n${testing!.findings}`,
      ].join('\n\n'),
    );
  });

  it('no reviewer at all is not a pass', async () => {
    const out = await review(setup([], agent(join(FAKE_BIN, 'claude'), {})));
    assert.equal(out.passed, false);
    assert.deepEqual(out.verdicts, []);
  });

  it('records every reviewer per attempt; reviewsFor and latestReview read them back', async () => {
    const script = h.script('rec', perRole({ quality: [{ cost: { usd: 0.5 } }, { marker: 'REVIEW_FAILED: no' }], testing: [{ marker: 'REVIEW_PASSED' }] }));
    const s = setup(['quality', 'testing'], agent(join(FAKE_BIN, 'claude'), env(script), 'claude-opus-4-1'));
    await review(s);
    // A second attempt, reviewed again: now both pass.
    const second = h.store.beginAttempt({ runId: h.runId, taskId: 'T-1', agent: 'claude', command: 'claude', model: '', promptHash: 'h2' });
    assert.ok(second.ok);
    if (!second.ok) return;
    h = { ...h, attempt: { id: second.value.id, n: second.value.n, logPath: second.value.logPath } };
    writeFileSync(script, JSON.stringify({ steps: [{ marker: 'REVIEW_PASSED' }] }));
    await review(s);
    const first = reviewsFor(h.store, 'T-1', 1);
    assert.deepEqual(first.map((r) => [r.attempt, r.role, r.verdict, r.outcome, r.costUsd, r.agent, r.model, r.runId]), [
      [1, 'quality', 'failed', 'answered', 0.5, 'claude', 'claude-opus-4-1', h.runId],
      [1, 'testing', 'passed', 'answered', 0, 'claude', 'claude-opus-4-1', h.runId],
    ]);
    assert.equal(first[0]!.findings, 'REVIEW_FAILED: no');
    assert.ok(first[0]!.log.endsWith('attempt-1.review-quality.log'));
    assert.equal(reviewsFor(h.store, 'T-1').length, 4);
    assert.deepEqual(reviewsFor(h.store, 'T-1', 2).map((r) => r.verdict), ['passed', 'passed']);
    const latest = latestReview(h.store, 'T-1');
    assert.equal(latest?.attempt, 2);
    assert.equal(latest?.passed, true);
    assert.equal(latestReview(h.store, 'T-2'), null);
  });

  it('runs parallel reviewers side by side: each waits until both prompts are logged', async () => {
    // Each reviewer finishes only once the prompt log holds both reviewers' lines: a serial review
    // could never get there (the first would time out and exit 4).
    const wait = (role: string): unknown[] => [{ waitFile: { path: h.prompts, lines: 2, timeoutMs: 60_000 } }, { say: `${role} saw both` }, { marker: 'REVIEW_PASSED' }];
    const script = h.script('par', perRole({ quality: wait('quality'), testing: wait('testing') }));
    const out = await review(setup(['quality', 'testing'], agent(join(FAKE_BIN, 'claude'), env(script)), true));
    assert.deepEqual(out.verdicts.map((v) => [v.role, v.verdict]), [['quality', 'passed'], ['testing', 'passed']]);
    assert.equal(out.passed, true);
    // Both started before either finished.
    const order = h.events.map((e) => (e.kind === 'review' ? `${e.role}:${e.state}` : e.kind));
    assert.deepEqual(order.slice(0, 2), ['quality:started', 'testing:started']);
  });

  it('runs serial reviewers one after another (the same handshake times out)', async () => {
    const wait: unknown[] = [{ waitFile: { path: h.prompts, lines: 2, timeoutMs: 1500 } }, { marker: 'REVIEW_PASSED' }];
    const script = h.script('ser', perRole({ quality: wait, testing: [{ marker: 'REVIEW_PASSED' }] }));
    const out = await review(setup(['quality', 'testing'], agent(join(FAKE_BIN, 'claude'), env(script))));
    assert.deepEqual(out.verdicts.map((v) => [v.role, v.verdict, v.outcome]), [['quality', null, 'crashed'], ['testing', 'passed', 'answered']]);
    assert.ok(out.verdicts[0]!.findings.includes('did not reach 2 lines'));
  });

  it('holds parallel reviewers to the attempt allowance together: past it, all are stopped', async () => {
    // pi reports its cost per message: each reviewer reports $0.30, then waits for the other, then
    // hangs. $0.30 alone is under the $0.50 allowance; together they pass it.
    const steps = [{ cost: { usd: 0.3, input: 10, output: 10 } }, { say: 'halfway' }, { waitFile: { path: h.prompts, lines: 2, timeoutMs: 60_000 } }, { hang: true }];
    const script = h.script('budget', { steps });
    const a = agent(join(FAKE_BIN, 'pi'), env(script), 'fake-model');
    const out = await review(setup(['quality', 'testing'], a, true), 0.5);
    assert.equal(out.passed, false);
    assert.deepEqual(out.verdicts.map((v) => [v.role, v.verdict, v.outcome]), [['quality', null, 'cancelled'], ['testing', null, 'cancelled']]);
    for (const v of out.verdicts) assert.equal(v.findings, `the ${v.role} reviewer was stopped at the budget cap ($0.50 for this attempt)`);
    assert.ok(h.events.some((e) => e.kind === 'log' && e.level === 'warning' && e.message.includes('budget allowance ($0.50); stopping the reviewers')));
    assert.deepEqual(h.store.liveProcesses(), []);
  });

  it('a serial reviewer gets what is left: none left, the next reviewer does not start', async () => {
    const script = h.script('spent', perRole({ quality: [{ cost: { usd: 0.5 } }, { marker: 'REVIEW_PASSED' }], testing: [{ marker: 'REVIEW_PASSED' }] }));
    const out = await review(setup(['quality', 'testing'], agent(join(FAKE_BIN, 'claude'), env(script))), 0.5);
    assert.deepEqual(out.verdicts.map((v) => [v.role, v.verdict, v.outcome]), [['quality', 'passed', 'answered'], ['testing', null, 'cancelled']]);
    assert.equal(out.verdicts[1]!.findings, "the testing reviewer was not started: the attempt's budget allowance ($0.50) is spent");
    // Only one reviewer process ran.
    assert.equal(readFileSync(h.prompts, 'utf8').trim().split('\n').length, 1);
  });

  it('a reviewer may run another CLI and model than the implementer (codex reviewing)', async () => {
    const script = h.script('codex', { steps: [{ say: '- fine' }, { marker: 'REVIEW_PASSED' }] });
    const out = await review(setup(['quality'], agent(join(FAKE_BIN, 'codex'), env(script), 'gpt-5-codex')));
    assert.deepEqual(out.verdicts.map((v) => [v.agent, v.model, v.verdict]), [['codex', 'gpt-5-codex', 'passed']]);
    const logged = JSON.parse(readFileSync(h.prompts, 'utf8').trim()) as { personality: string; model: string; prompt: string };
    assert.equal(logged.personality, 'codex');
    assert.equal(logged.model, 'gpt-5-codex');
    assert.ok(logged.prompt.startsWith('Specpilot review: quality\n'));
  });

  it('the run being stopped cancels a running reviewer', async () => {
    const script = h.script('hang', { steps: [{ say: 'reading' }, { hang: true }] });
    const stop = new AbortController();
    const running = review(setup(['quality', 'testing'], agent(join(FAKE_BIN, 'claude'), env(script))), null, stop.signal);
    // Stop once the first reviewer has its prompt (it is then hanging).
    while (!existsSync(h.prompts)) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    const out = await running;
    assert.deepEqual(out.verdicts.map((v) => [v.role, v.outcome]), [['quality', 'cancelled'], ['testing', 'cancelled']]);
    assert.equal(out.verdicts[1]!.findings, 'the testing reviewer was not started: the run was stopped');
    assert.deepEqual(h.store.liveProcesses(), []);
  });
});
