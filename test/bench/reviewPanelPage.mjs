// The review bench's material: a 200-file / 20,000-changed-line review in the protocol's ReviewView
// shape (one diff line carries an XSS payload), and a page that loads the built dist/webview.js
// under the run panel's CSP with a stub acquireVsCodeApi. Used by test/bench/reviewPanel.mjs.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const FILES = 200;
export const CHANGED_LINES = 20_000;
const HUNKS_PER_FILE = 5;
export const XSS = '<img src=x onerror=alert(1)>';

/** One file's hunks: each hunk 3 context lines, n removed, n added, 3 context lines. */
function makeFile(f, changedPerFile) {
  const perHunk = Math.floor(changedPerFile / HUNKS_PER_FILE / 2);
  const path = `src/module${String(f).padStart(3, '0')}/file${f}.ts`;
  const lines = [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`];
  const hunks = [];
  let oldAt = 1;
  for (let h = 0; h < HUNKS_PER_FILE; h++) {
    const size = 6 + perHunk;
    const header = `@@ -${oldAt},${size} +${oldAt},${size} @@ function f${h}()`;
    lines.push(header);
    for (let c = 0; c < 3; c++) lines.push(` const keep${h}_${c} = ${c}; // unchanged context line`);
    for (let r = 0; r < perHunk; r++) lines.push(`-  const value${r} = compute(${r}, 'old'); // removed line ${r} of hunk ${h}`);
    for (let a = 0; a < perHunk; a++) lines.push(`+  const value${a} = compute(${a}, 'new', options); // added line ${a} of hunk ${h}${f === 0 && h === 0 && a === 0 ? ` ${XSS}` : ''}`);
    for (let c = 0; c < 3; c++) lines.push(` const after${h}_${c} = ${c};`);
    hunks.push({ index: h, header, lines: 6 + 2 * perHunk });
    oldAt += size + 40;
  }
  const half = perHunk * HUNKS_PER_FILE;
  return { path, oldPath: null, status: 'modified', added: half, removed: half, hunks, diff: `${lines.join('\n')}\n` };
}

export function makeReview() {
  const files = [];
  for (let f = 0; f < FILES; f++) files.push(makeFile(f, CHANGED_LINES / FILES));
  return {
    taskId: 'TASK-042',
    title: 'A large change',
    branch: 'task/TASK-042-a-large-change',
    baseBranch: 'main',
    attempt: 1,
    runId: 'run-1',
    parkedAt: Date.now(),
    verdicts: ['quality', 'implementation', 'testing', 'simplification', 'docs'].map((role) => ({
      role, verdict: 'passed', findings: `- ${role}: looks fine ${XSS}`, agent: 'claude', model: null, costUsd: 0.01,
    })),
    files,
  };
}

export function pageHtml(root) {
  const nonce = 'YmVuY2gtbm9uY2U';
  const url = (...p) => pathToFileURL(join(root, ...p)).href;
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src file: 'nonce-${nonce}'; font-src file:; img-src file:`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" nonce="${nonce}" href="${url('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" nonce="${nonce}" href="${url('media', 'webview.css')}">
<link rel="stylesheet" nonce="${nonce}" href="${url('media', 'runPanel.css')}">
<link rel="stylesheet" nonce="${nonce}" href="${url('media', 'review.css')}">
<script nonce="${nonce}">
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.alert = () => { window.__alerted = true; };
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: (s) => s });
</script>
</head>
<body data-view="run"><main id="root" aria-busy="true"></main>
<script nonce="${nonce}" src="${url('dist', 'webview.js')}"></script>
</body></html>`;
}

