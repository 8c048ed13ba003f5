// Person-level actions on the real VS Code workbench for the e2e run (selectors checked against
// code-server 4.100.3 / VS Code 1.100.3), plus a tiny step runner that prints mocha-style results.

const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Waits until the workbench shell (activity bar, side bar host, status bar) is on screen. */
export async function waitForWorkbench(page, timeout = 60_000) {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
}

/** The activity-bar entry of a view container, found by its title (the aria-label may grow a suffix). */
export function activityItem(page, title) {
  return page.locator(`.part.activitybar a.action-label[aria-label^="${title}"]`);
}

/** Clicks a view container in the activity bar and waits for its side bar to show. */
export async function openViewContainer(page, title, timeout = 30_000) {
  const item = activityItem(page, title);
  await item.waitFor({ state: 'visible', timeout });
  await item.click();
  await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout });
}

/** A tree row in the side bar whose text contains `text`. */
export function sideBarRow(page, text) {
  return page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor. */
export async function quickOpen(page, fileName, expectText, timeout = 30_000) {
  await page.locator('.part.editor').click({ position: { x: 20, y: 80 } }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout });
  await page.keyboard.type(fileName);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await page.locator('.part.editor .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout });
  await editorLine(page, expectText).waitFor({ state: 'visible', timeout });
}

/** The rendered line of the active editor that contains `text`. */
export function editorLine(page, text) {
  return page.locator('.part.editor .monaco-editor .view-lines .view-line', { hasText: text }).first();
}

/**
 * Moves the mouse onto the exact characters of `text` in the active editor (the first rendered
 * occurrence) and returns the point; Monaco splits lines into token spans, so measure a DOM Range.
 */
export async function hoverEditorText(page, text, timeout = 30_000) {
  await editorLine(page, text).waitFor({ state: 'visible', timeout });
  const point = await page.evaluate((needle) => {
    const lines = document.querySelectorAll('.part.editor .monaco-editor .view-lines .view-line');
    for (const line of lines) {
      const walker = document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(needle);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
  if (!point) throw new Error(`"${text}" is not inside one token of a rendered editor line`);
  await page.mouse.move(point.x - 40, point.y);
  await page.mouse.move(point.x, point.y, { steps: 5 });
  return point;
}

/** The visible hover widget (Monaco's), optionally one that contains `text`. */
export function hoverWidget(page, text) {
  const hover = page.locator('.monaco-hover:visible');
  return text ? hover.filter({ hasText: text }).first() : hover.first();
}

/**
 * Runs named steps in order and stops at the first failure (later steps depend on earlier ones);
 * prints ✔ / N) lines and a mocha-like "N passing / M failing / K pending" summary.
 */
/** `onFail(name)` runs right after a step fails, while the page still shows why (a screenshot). */
export function createStepRunner({ onFail } = {}) {
  const results = [];
  let failed = false;
  let started = Date.now();
  return {
    async step(name, fn) {
      if (failed) {
        results.push({ name, status: 'skipped' });
        console.log(`    - ${name} (not run)`);
        return;
      }
      const t0 = Date.now();
      try {
        await fn();
        results.push({ name, status: 'passed' });
        console.log(`    ✔ ${name} (${Date.now() - t0}ms)`);
      } catch (error) {
        failed = true;
        results.push({ name, status: 'failed', error });
        console.log(`    ${results.filter((r) => r.status === 'failed').length}) ${name}`);
        // Playwright colours its call logs; keep the CI log plain.
        const message = (error instanceof Error ? error.message : String(error)).replace(ANSI_COLOURS, '');
        console.log(`       ${message.trim().split('\n').join('\n       ')}`);
        await onFail?.(name)?.catch?.(() => undefined);
      }
    },
    get failed() {
      return failed;
    },
    start() {
      started = Date.now();
    },
    summary() {
      const count = (status) => results.filter((r) => r.status === status).length;
      console.log('');
      console.log(`  ${count('passed')} passing (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      if (count('failed') > 0) console.log(`  ${count('failed')} failing`);
      if (count('skipped') > 0) console.log(`  ${count('skipped')} pending`);
      return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
    },
  };
}
