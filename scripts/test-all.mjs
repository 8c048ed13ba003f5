// `npm test`: typecheck, lint, unit tests, the integration suite in a real VS Code and the e2e run,
// in that order, stopping at the first failure; ends with one "<N> passed, <M> failed" line
// (mocha's "N passing"/"N failing" summed over the steps) that CI log readers count.
import { ensureCodeServer } from '../test/vscode/codeServer.mjs';
import { ensureNodeModules, runCommand } from './setup.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const colour = process.stdout.isTTY ? ['--color'] : [];
const STEPS = [
  { name: 'typecheck', command: npx, args: ['tsc', '-p', '.', '--noEmit'] },
  { name: 'lint', command: npx, args: ['eslint', '.'] },
  { name: 'unit', command: npx, args: ['mocha', 'test/unit/**/*.test.ts', ...colour] },
  { name: 'vscode', command: npm, args: ['run', '--silent', 'test:vscode'] },
  { name: 'e2e', command: npm, args: ['run', '--silent', 'test:e2e'] },
];

const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** Sums mocha-style summary lines ("  12 passing (3s)", "  1 failing") in a step's output. */
function countTests(output) {
  const text = output.replace(ANSI_COLOURS, '');
  const sum = (word) => [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((total, match) => total + Number(match[1]), 0);
  return { passed: sum('passing'), failed: sum('failing') };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// Ctrl+C reaches the running step too (same process group); let it clean up its code-server and
// browser while it still has our pipes, then stop instead of starting the next step.
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});

async function main() {
  const started = Date.now();
  const results = [];
  try {
    ensureNodeModules();
    ensureCodeServer();
  } catch (error) {
    console.error(`[test] setup failed: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  for (const step of STEPS) {
    console.log(`\n━━━ ${step.name}: ${step.command} ${step.args.join(' ')}`);
    const { code, output, ms } = await runCommand(step.command, step.args);
    const counts = countTests(output);
    // A failed step without a mocha failure (compile error, lint, crash) still counts as one.
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    results.push({ ...step, code, ms, ...counts });
    if (code !== 0 || interrupted) break;
  }

  console.log('\n━━━ summary');
  for (const step of STEPS) {
    const result = results.find((r) => r.name === step.name);
    if (!result) {
      console.log(`  -  ${step.name.padEnd(10)} not run`);
      continue;
    }
    const counts = result.passed + result.failed > 0 ? `  ${result.passed} passed, ${result.failed} failed` : '';
    console.log(`  ${result.code === 0 ? '✔' : '✘'}  ${result.name.padEnd(10)} ${seconds(result.ms).padStart(8)}${counts}${result.code === 0 ? '' : `  (exit ${result.code})`}`);
  }
  const passed = results.reduce((total, r) => total + r.passed, 0);
  const failed = results.reduce((total, r) => total + r.failed, 0);
  const ok = results.length === STEPS.length && results.every((r) => r.code === 0);
  console.log(`  total ${seconds(Date.now() - started)}${ok ? '' : ', stopped at the first failure'}`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
