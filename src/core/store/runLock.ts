// One runner per workspace: the CLI and the extension take this lock before opening the run
// store, so two runs never drive the same tasks or overwrite each other's state. The holder's
// details sit next to the lock, so a second runner is told who holds it and since when.
import { mkdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { isMember } from './sqlHelpers';
import { describeFailure, ensureStateDir, fsFailure } from './stateFile';
import { FRONTS, type EpochMs, type Front } from './types';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly operator: string;
  readonly front: Front;
  readonly startedAt: EpochMs;
}

export interface RunLock {
  readonly owner: LockOwner;
  /** The lock directory (`<dir>/run.lock`). */
  readonly path: string;
  /** Set when the lock could not be kept fresh (the disk went away, someone removed it). */
  readonly compromised: string | null;
  /** Idempotent; never rejects. */
  release(): Promise<void>;
}

export type LockError =
  | {
      readonly kind: 'lock_held';
      /** null when the holder left no readable details (it may be starting right now). */
      readonly holder: LockOwner | null;
      /** true/false: the holder's pid on this host is alive or not; null: another host, or unknown. */
      readonly holderAlive: boolean | null;
      readonly message: string;
    }
  | { readonly kind: 'lock_failed'; readonly code: string; readonly message: string };

export type AcquireRunLockResult =
  | {
      readonly ok: true;
      readonly lock: RunLock;
      /** The previous holder when its lock was taken over (stale, or forced); null for a free lock. */
      readonly tookOverFrom: LockOwner | null;
    }
  | { readonly ok: false; readonly error: LockError };

export interface AcquireRunLockOptions {
  readonly owner: LockOwner;
  /**
   * Without force, only a stale lock (its holder stopped refreshing it for staleMs: killed,
   * crashed, machine slept) is taken over. `true` also takes a lock whose holder's pid is not
   * alive on this host, at once (a pid check can be fooled by another pid namespace, so this is
   * the user's call). `'live'` takes the lock even from a live holder: both runs then write the
   * same state, so only for a holder the user knows is hung.
   */
  readonly force?: boolean | 'live';
  /** Default 10,000 ms (proper-lockfile's minimum is 2,000); the holder refreshes every staleMs / 2. */
  readonly staleMs?: number;
  readonly onCompromised?: (message: string) => void;
}

export const LOCK_DIR_NAME = 'run.lock';
export const LOCK_OWNER_FILE = 'run.lock.json';
/** Held for the few milliseconds of a takeover, so two runners cannot both take one lock over. */
const TAKEOVER_DIR_NAME = 'run.lock.takeover';
/** A takeover takes milliseconds: a guard this old was left by a runner killed during one. */
const TAKEOVER_STALE_MS = 10_000;
/** How long to wait for another runner's takeover to finish before calling the lock held. */
const TAKEOVER_WAIT_MS = 3_000;

/** false for a pid that no longer exists; true when it exists, even if owned by another user. */
export function isPidAlive(pid: number): boolean {
  // 0 and negative pids address process groups: never a holder.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return fsFailure(error).code === 'EPERM';
  }
  return !isLinuxZombie(pid);
}

/**
 * A killed runner stays a zombie until its parent reaps it, which in a container without an init
 * may be never: it runs nothing and holds nothing, so it counts as gone.
 */
function isLinuxZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

export function readLockOwner(dir: string): LockOwner | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, LOCK_OWNER_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const pid: unknown = Reflect.get(parsed, 'pid');
  const host: unknown = Reflect.get(parsed, 'host');
  const operator: unknown = Reflect.get(parsed, 'operator');
  const front: unknown = Reflect.get(parsed, 'front');
  const startedAt: unknown = Reflect.get(parsed, 'startedAt');
  if (typeof pid !== 'number' || typeof host !== 'string' || typeof operator !== 'string' || typeof startedAt !== 'number') return null;
  if (typeof front !== 'string' || !isMember(front, FRONTS)) return null;
  return { pid, host, operator, front, startedAt };
}

type LockAttempt = { readonly ok: true; readonly release: () => Promise<void> } | { readonly ok: false; readonly code: string; readonly message: string };

export async function acquireRunLock(dir: string, options: AcquireRunLockOptions): Promise<AcquireRunLockResult> {
  const dirFailure = ensureStateDir(dir);
  if (dirFailure !== null) {
    return { ok: false, error: { kind: 'lock_failed', code: dirFailure.code, message: `cannot create ${dir} for the run lock: ${describeFailure(dirFailure)}` } };
  }
  const lockDir = join(dir, LOCK_DIR_NAME);
  let compromised: string | null = null;
  const tryLock = async (): Promise<LockAttempt> => {
    try {
      const release = await lock(join(dir, 'run'), {
        lockfilePath: lockDir,
        realpath: false,
        stale: options.staleMs ?? 10_000,
        retries: 0,
        // proper-lockfile's default throws from a timer, which would crash the run.
        onCompromised: (error: Error) => {
          compromised = `the run lock ${lockDir} was lost: ${error.message}`;
          options.onCompromised?.(compromised);
        },
      });
      return { ok: true, release };
    } catch (error) {
      const failure = fsFailure(error);
      return { ok: false, code: failure.code, message: describeFailure(failure) };
    }
  };

  // Details left by a holder that did not release (killed): taking its stale lock is a takeover.
  const previous = readLockOwner(dir);
  let attempt = await tryLock();
  let tookOverFrom: LockOwner | null = attempt.ok ? previous : null;
  if (!attempt.ok && attempt.code === 'ELOCKED') {
    const holder = readLockOwner(dir);
    const holderAlive = holder === null || holder.host !== hostname() ? null : isPidAlive(holder.pid);
    const force = options.force ?? false;
    if (force === 'live' || (force === true && holderAlive === false)) {
      const taken = await takeOver(dir, holder, options.owner, tryLock);
      if (taken === 'changed') {
        // Someone else took it (or is taking it) meanwhile: report whoever holds it now.
        const now = readLockOwner(dir);
        const nowAlive = now === null || now.host !== hostname() ? null : isPidAlive(now.pid);
        return { ok: false, error: { kind: 'lock_held', holder: now, holderAlive: nowAlive, message: heldMessage(dir, now, nowAlive, false) } };
      }
      tookOverFrom = holder;
      attempt = taken;
    }
    if (!attempt.ok && attempt.code === 'ELOCKED') {
      return { ok: false, error: { kind: 'lock_held', holder, holderAlive, message: heldMessage(dir, holder, holderAlive, force) } };
    }
  }
  if (!attempt.ok) {
    return { ok: false, error: { kind: 'lock_failed', code: attempt.code, message: `cannot take the run lock ${lockDir}: ${attempt.message}` } };
  }

  const ownerPath = join(dir, LOCK_OWNER_FILE);
  const owner: LockOwner = { ...options.owner };
  let ownerWritten = false;
  try {
    writeFileAtomic.sync(ownerPath, `${JSON.stringify(owner)}\n`);
    ownerWritten = true;
  } catch {
    // The lock itself is held; a second runner just learns less about who holds it.
  }
  /** Still ours: not taken over (a forcer writes its own details first thing). */
  const stillOurs = (): boolean => {
    if (compromised !== null) return false;
    if (!ownerWritten) return true;
    const current = readLockOwner(dir);
    return current !== null && current.pid === owner.pid && current.startedAt === owner.startedAt;
  };
  const removeOwnerFile = (): void => {
    try {
      unlinkSync(ownerPath);
    } catch {
      /* already gone */
    }
  };
  // proper-lockfile's own exit cleanup never runs once signal-exit 4 (write-file-atomic's) has
  // loaded before its signal-exit 3: they share one emitter that each marks as already emitted.
  const onExit = (): void => {
    if (!stillOurs()) return;
    removeOwnerFile();
    try {
      rmdirSync(lockDir);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', onExit);
  const releaseLock = attempt.release;
  let released: Promise<void> | null = null;
  const runLock: RunLock = {
    owner,
    path: lockDir,
    get compromised() {
      return compromised;
    },
    release() {
      released ??= (async () => {
        process.off('exit', onExit);
        // Taken over meanwhile: the directory is the new holder's now (our refresh timer notices
        // the foreign mtime and stops by itself).
        if (!stillOurs()) return;
        removeOwnerFile();
        try {
          await releaseLock();
        } catch {
          // ERELEASED after a compromise: nothing left to release.
        }
      })();
      return released;
    },
  };
  return { ok: true, lock: runLock, tookOverFrom };
}

/**
 * Removes `holder`'s lock and takes it, one runner at a time: under a guard directory, and only
 * while the details beside the lock still name `holder`. Without this, two runners started
 * together after a crash could each remove the lock (the second removing the first's new one) and
 * both hold it. The new holder's details are written before the guard is released, so a runner
 * that read the old holder earlier sees the new one and backs off. 'changed': someone else won.
 */
async function takeOver(dir: string, holder: LockOwner | null, owner: LockOwner, tryLock: () => Promise<LockAttempt>): Promise<LockAttempt | 'changed'> {
  const guard = join(dir, TAKEOVER_DIR_NAME);
  if (!(await makeGuard(guard))) return 'changed';
  try {
    if (!sameOwner(readLockOwner(dir), holder)) return 'changed';
    rmSync(join(dir, LOCK_DIR_NAME), { recursive: true, force: true });
    const attempt = await tryLock();
    if (attempt.ok) {
      try {
        writeFileAtomic.sync(join(dir, LOCK_OWNER_FILE), `${JSON.stringify(owner)}\n`);
      } catch {
        // Written again (or not) by the caller; the lock itself is ours.
      }
    }
    return attempt;
  } finally {
    try {
      rmSync(guard, { recursive: true, force: true });
    } catch {
      // Left behind: it goes stale, and the next takeover clears it.
    }
  }
}

/**
 * mkdir is atomic: true once this runner made the guard. Another runner's takeover is waited for
 * (it takes milliseconds; afterwards the caller sees the new holder), a killed runner's is cleared.
 */
async function makeGuard(guard: string): Promise<boolean> {
  const giveUpAt = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(guard);
      return true;
    } catch (error) {
      if (fsFailure(error).code !== 'EEXIST') return false;
    }
    let ageMs: number | null = null;
    try {
      ageMs = Date.now() - statSync(guard).mtimeMs;
    } catch {
      // Removed meanwhile: try again at once.
    }
    if (ageMs !== null && ageMs >= TAKEOVER_STALE_MS) {
      try {
        rmSync(guard, { recursive: true, force: true });
      } catch {
        return false;
      }
    } else if (ageMs !== null) {
      if (Date.now() >= giveUpAt) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function sameOwner(a: LockOwner | null, b: LockOwner | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}

function describeHolder(holder: LockOwner): string {
  const front = holder.front === 'extension' ? 'the VS Code extension' : 'the CLI';
  return `${front} (pid ${holder.pid} on ${holder.host}, ${holder.operator}) since ${new Date(holder.startedAt).toISOString()}`;
}

function heldMessage(dir: string, holder: LockOwner | null, alive: boolean | null, force: boolean | 'live'): string {
  if (holder === null) {
    return (
      `A run is already in progress in ${dir}, and it left no details (it may be starting). Try again in a moment: ` +
      'a lock whose holder stopped frees itself within seconds.'
    );
  }
  const head = `A run is already in progress in ${dir}: ${describeHolder(holder)}.`;
  if (alive === false) return `${head} Its pid is not running on this host: run again with --force to take the lock over.`;
  if (alive === true && force === true) {
    return `${head} Its pid is alive on this host, and --force only takes over a lock whose holder is gone: stop that run first.`;
  }
  if (alive === null) {
    return `${head} It runs on another host, so Specpilot cannot tell whether it is alive; the lock frees itself once that run stops refreshing it.`;
  }
  return `${head} Wait for it to finish or stop it; if it has stopped, run again with --force to take the lock over.`;
}
