// Bundles the integration suite (test/vscode/suite: index.ts + every *.test.ts) into
// out/test/vscode/suite/ as CommonJS for the extension host; 'vscode' comes from the host and
// 'mocha' is resolved at run time from the repository's node_modules (out/ sits inside the repo).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const suiteDir = 'test/vscode/suite';
const outDir = 'out/test/vscode/suite';
const entryPoints = readdirSync(suiteDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
  .map((file) => join(suiteDir, file));

const started = Date.now();
// Stale bundles of deleted tests would still be picked up by the suite's directory scan.
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: outDir,
  outbase: suiteDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log(`[build-tests] ${entryPoints.length} file(s) -> ${outDir} in ${Date.now() - started} ms`);
