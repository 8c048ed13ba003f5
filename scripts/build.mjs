// Builds the three bundles of architecture.md with esbuild: the extension (cjs, vscode external),
// the CLI (cjs, nothing external, so a vscode import under src/core breaks this build) and the webview.
import * as esbuild from 'esbuild';
import { copyAssets } from './copyAssets.mjs';
import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = {
  define: { SPECPILOT_VERSION: JSON.stringify(version) },
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const targets = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

// A production build starts clean so no development source map ends up in the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
copyAssets();
if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
  console.log('[build] watching');
} else {
  const started = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  chmodSync('dist/cli.js', 0o755);
  console.log(`[build] dist/extension.js, dist/cli.js, dist/webview.js in ${Date.now() - started} ms`);
}
