// `npm run bench`: the core benchmarks in plain Node (through tsx), then the extension's
// activation time measured in a real VS Code when code-server is installed.
import { spawnSync } from 'node:child_process';

const core = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts'], { stdio: 'inherit' });
let code = core.status ?? 1;
if (!process.argv.includes('--core-only')) {
  const activation = spawnSync(process.execPath, ['test/bench/activation.mjs'], { stdio: 'inherit' });
  if (activation.status !== 0) code = code || activation.status || 1;
}
process.exit(code);
