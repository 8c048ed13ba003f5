// A PATH lookup without a shell, for the doctor and for error messages that name the executable
// that would run: the same search execve does (and PATHEXT on Windows).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export interface WhichOptions {
  readonly cwd: string;
  /** Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
}

async function isExecutableFile(path: string, windows: boolean): Promise<boolean> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return false;
    if (windows) return true;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(base: string, windows: boolean, env: Readonly<Record<string, string | undefined>>): readonly string[] {
  if (!windows || /\.[^\\/.]+$/.test(base)) return [base];
  const exts = (env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '');
  return [base, ...exts.map((e) => base + e.toLowerCase()), ...exts.map((e) => base + e)];
}

/** The absolute path the command would run as, or null when nothing executable is found. */
export async function which(command: string, options: WhichOptions): Promise<string | null> {
  const cmd = command.trim();
  if (cmd === '') return null;
  const env = options.env ?? process.env;
  const windows = (options.platform ?? process.platform) === 'win32';
  const hasSeparator = cmd.includes('/') || (windows && cmd.includes('\\'));
  if (hasSeparator || isAbsolute(cmd)) {
    const full = resolve(options.cwd, cmd);
    for (const c of candidates(full, windows, env)) if (await isExecutableFile(c, windows)) return c;
    return null;
  }
  const pathVar = env['PATH'] ?? env['Path'] ?? '';
  for (const dir of pathVar.split(windows ? ';' : delimiter)) {
    if (dir === '') continue;
    const base = join(resolve(options.cwd, dir), cmd);
    for (const c of candidates(base, windows, env)) if (await isExecutableFile(c, windows)) return c;
  }
  return null;
}
