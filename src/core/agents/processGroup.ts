// Stopping an agent's whole process tree. Agents start detached, each leading its own process group,
// so one signal to the group reaches the grandchildren a CLI spawned (a test runner, a dev server).
// Also used after a crash: the executor recorded the group id and stops a leftover group first.
import { readFileSync, readdirSync } from 'node:fs';

/** How often a group is probed while waiting for it to die: short enough to return soon after it does. */
const POLL_MS = 25;
/** After SIGKILL a process dies as soon as the kernel runs it; this only bounds a wait for the stuck. */
const AFTER_KILL_WAIT_MS = 2000;

/**
 * True when a process of the group is still running. On Linux, zombies (dead, waiting to be reaped by
 * their parent or by init, which can take seconds in a container) count as dead: they run nothing.
 */
export function isProcessGroupAlive(pgid: number): boolean {
  if (!isSignallableGroup(pgid)) return false;
  if (process.platform === 'win32') return isPidAlive(pgid);
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    // EPERM: the group exists but belongs to someone else (pid reuse); it is alive, and not ours to kill.
    return errnoCode(e) === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  return linuxGroupHasRunningMember(pgid) ?? true;
}

/**
 * SIGTERM to the whole group, then SIGKILL to the group if any of it is still running after `graceMs`.
 * Resolves true when a running group was found (and stopped); false when nothing of it was running,
 * or when the group belongs to another user (a reused id after a reboot): that one is left alone.
 */
export async function killProcessGroup(pgid: number, graceMs: number): Promise<boolean> {
  if (!isProcessGroupAlive(pgid)) return false;
  if (signalGroup(pgid, 'SIGTERM') === 'EPERM') return false;
  if (await waitForGroupExit(pgid, Math.max(0, graceMs))) return true;
  signalGroup(pgid, 'SIGKILL');
  await waitForGroupExit(pgid, AFTER_KILL_WAIT_MS);
  return true;
}

/** Resolves true once nothing of the group runs, false when `timeoutMs` passed first. */
export async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isProcessGroupAlive(pgid)) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(POLL_MS, left));
  }
}

/** The errno when the signal was refused; ESRCH (it died in between) is what we wanted anyway. */
function signalGroup(pgid: number, signal: NodeJS.Signals): string | undefined {
  try {
    // Windows has no process groups: only the process itself is reached there.
    process.kill(process.platform === 'win32' ? pgid : -pgid, signal);
    return undefined;
  } catch (e) {
    return errnoCode(e);
  }
}

/**
 * `kill(-1)` signals every process we may signal and `kill(-0)` our own group: a stored id of 0, 1,
 * a fraction or our own group must never reach process.kill as a group.
 */
function isSignallableGroup(pgid: number): boolean {
  if (!Number.isSafeInteger(pgid) || pgid <= 1) return false;
  return process.platform !== 'linux' || pgid !== ownLinuxGroup();
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

let cachedOwnGroup: number | null | undefined;

function ownLinuxGroup(): number | null {
  if (cachedOwnGroup === undefined) cachedOwnGroup = readLinuxStat('self')?.pgrp ?? null;
  return cachedOwnGroup;
}

/** null when /proc cannot be read (then the caller trusts kill(-pgid, 0)). */
function linuxGroupHasRunningMember(pgid: number): boolean | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readLinuxStat(entry);
    if (stat !== null && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') return true;
  }
  return false;
}

interface LinuxStat {
  readonly state: string;
  readonly pgrp: number;
}

/** Fields of /proc/<pid>/stat after `(comm)`, which may itself hold spaces and parentheses. */
function readLinuxStat(pid: string): LinuxStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const pgrp = Number(fields[2]);
  return state !== undefined && Number.isInteger(pgrp) ? { state, pgrp } : null;
}

function errnoCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  return typeof e.code === 'string' ? e.code : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
