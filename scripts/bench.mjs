// `npm run bench`: the core benchmarks, bundled with esbuild exactly as the CLI and extension
// are (so module interop costs what it costs in production), then the extension's activation
// time in a real VS Code. `--core-only` skips the VS Code part.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['test/bench/run.ts'],
  outfile: 'out/bench/run.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const core = spawnSync(process.execPath, ['--expose-gc', 'out/bench/run.js'], { stdio: 'inherit' });
let code = core.status ?? 1;
if (!process.argv.includes('--core-only')) {
  const activation = spawnSync(process.execPath, ['test/bench/activation.mjs'], { stdio: 'inherit' });
  if (activation.status !== 0) code = code || activation.status || 1;
}
process.exit(code);
