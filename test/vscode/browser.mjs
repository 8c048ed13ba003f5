// Launches Debian's Chromium through playwright-core (no browser download is possible here) with
// the flags the harness doc verified, and registers its shutdown with the run's cleanup list.
import { chromium } from 'playwright-core';
import { onCleanup } from './lifecycle.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/**
 * A headless Chromium with one page of the given size; closed by the cleanup list.
 * @returns {Promise<{ browser: import('playwright-core').Browser, page: import('playwright-core').Page }>}
 */
export async function launchBrowser({ width = 1400, height = 900 } = {}) {
  // Our own signal handling closes the browser after code-server; playwright's would exit first.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  onCleanup(() => browser.close());
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return { browser, page };
}
