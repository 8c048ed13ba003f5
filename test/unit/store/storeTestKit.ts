// Shared by the store specs: temp dirs removed after each spec, a fake clock for the debounced
// save, a writer that fails on demand (the injected fault), and child processes that are always
// reaped, so no spec leaves a directory or a process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { atomicStateFileWriter } from '../../../src/core/store';
import type { StateFileWriter, StoreClock } from '../../../src/core/store';

export const REPO = join(__dirname, '../../..');
export const CHILDREN = join(__dirname, 'children');

const dirs: string[] = [];

export function tempDir(prefix = 'specpilot-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** 2023-11-14T22:13:20.000Z: a round number, so names made from it are easy to write down. */
export const T0 = 1_700_000_000_000;

export class FakeClock implements StoreClock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(public time = T0) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time on, firing due timers in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.time = due.at;
      due.fn();
    }
    this.time = until;
  }
}

function fault(code: string): Error {
  return Object.assign(new Error(`${code}: injected fault, write '${code}'`), { code });
}

/** The real atomic writer, counting writes, failing with `failWith` while it is set. */
export class FaultyWriter implements StateFileWriter {
  writes = 0;
  attempts = 0;
  failWith: string | null = null;

  async write(path: string, data: Uint8Array): Promise<void> {
    this.attempts++;
    if (this.failWith !== null) throw fault(this.failWith);
    await atomicStateFileWriter.write(path, data);
    this.writes++;
  }

  writeSync(path: string, data: Uint8Array): void {
    this.attempts++;
    if (this.failWith !== null) throw fault(this.failWith);
    atomicStateFileWriter.writeSync(path, data);
    this.writes++;
  }
}

export function unwrap<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A TypeScript child process run through tsx, its stdout read line by line. */
export class Child {
  readonly process: ChildProcess;
  private readonly lines: string[] = [];
  private waiters: (() => void)[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';

  constructor(script: string, args: readonly string[]) {
    this.process = spawn(process.execPath, ['--import', 'tsx', join(CHILDREN, script), ...args], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.add(this);
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        live.delete(this);
        resolve({ code, signal });
      });
    });
    const rl = createInterface({ input: this.process.stdout! });
    rl.on('line', (line) => {
      this.lines.push(line);
      for (const w of this.waiters.splice(0)) w();
    });
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.process.on('exit', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  /** The first line (from the start) that matches, waiting for it; throws if the child exits first. */
  async waitFor(match: (line: string) => boolean): Promise<string> {
    for (;;) {
      const found = this.lines.find(match);
      if (found !== undefined) return found;
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`child exited (${this.process.exitCode ?? this.process.signalCode}) before the expected line; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  get output(): readonly string[] {
    return this.lines;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
    await this.exited;
  }
}

const live = new Set<Child>();

/** Kills whatever a failed spec left running. */
export async function killChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.kill('SIGKILL')));
}
