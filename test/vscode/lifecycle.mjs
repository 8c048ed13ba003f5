// Runs a launcher's main function with one cleanup list that runs on every path (success,
// failure, overall timeout, Ctrl+C, SIGTERM), so no code-server or Chromium outlives the run.
const cleanups = [];
let finishing = false;

/** Registers an async cleanup; cleanups run last-registered first. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

async function runCleanups() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await Promise.race([fn(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    } catch (error) {
      console.error(`[cleanup] ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function finish(code, onFailure) {
  if (finishing) return;
  finishing = true;
  if (code !== 0 && onFailure) {
    try {
      await onFailure();
    } catch (error) {
      console.error(`[failure hook] ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await runCleanups();
  process.exit(code);
}

/**
 * Runs main() (which resolves to an exit code) under an overall timeout; onFailure runs before
 * cleanup when the code is non-zero (to save logs and screenshots while things still run).
 * @param {() => Promise<number>} main
 * @param {{ name: string, timeoutMs: number, onFailure?: () => Promise<void> }} options
 */
export function runMain(main, { name, timeoutMs, onFailure }) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n[${name}] ${signal}: stopping`);
      void finish(signal === 'SIGINT' ? 130 : 143);
    });
  }
  const timer = setTimeout(() => {
    console.error(`[${name}] overall timeout after ${Math.round(timeoutMs / 1000)} s`);
    void finish(1, onFailure);
  }, timeoutMs);
  timer.unref();
  main().then(
    (code) => finish(code, onFailure),
    (error) => {
      // After a signal or the timeout, main's own failure is only the echo of the shutdown.
      if (finishing) return undefined;
      console.error(`[${name}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return finish(1, onFailure);
    },
  );
}
