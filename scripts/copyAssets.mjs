// Copies the webview's font assets out of node_modules into dist/codicons/: the .vsix ships only
// dist/** and media/** (.vscodeignore), so the panel must never load anything from node_modules.
// Called by scripts/build.mjs; also runnable alone: node scripts/copyAssets.mjs
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CODICONS = join(root, 'node_modules', '@vscode', 'codicons', 'dist');
/** codicon.css names its font as ./codicon.ttf, so both files must sit side by side. */
const FILES = ['codicon.css', 'codicon.ttf'];

export function copyAssets(outDir = join(root, 'dist', 'codicons')) {
  mkdirSync(outDir, { recursive: true });
  for (const name of FILES) {
    const from = join(CODICONS, name);
    if (!existsSync(from)) throw new Error(`[copyAssets] missing ${from}: is @vscode/codicons installed (npm ci)?`);
    copyFileSync(from, join(outDir, name));
  }
  return FILES.map((name) => join(outDir, name));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const file of copyAssets()) console.log(`[copyAssets] ${file}`);
}
