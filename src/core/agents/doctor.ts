// `specpilot doctor` for agents: is each configured CLI there, does it run, and does its adapter
// read its format. Renders nothing (that is the front ends' job) except one status line helper.
import { join } from 'node:path';
import { adapterFor } from './detectAdapter';
import { checkFormat } from './formatCheck';
import type { PriceTable } from './priceTable';
import type { AgentAdapter, AgentKind, AgentRequest } from './types';
import { probe } from './versionProbe';
import { which } from './which';
import { assertNever } from '../spec/model';

export interface DoctorTarget {
  /** The role the command serves (`implement`, `review`). */
  readonly role: string;
  readonly command: string;
  readonly template: string;
  readonly model: string;
  /** An explicit adapter kind from the config, overriding detection. */
  readonly kind?: AgentKind;
}

export interface DoctorOptions {
  readonly cwd: string;
  /** Merged over process.env for the PATH lookup and the version commands. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Per version command; default 10 s. */
  readonly timeoutMs?: number;
  readonly prices?: PriceTable;
}

export type DoctorFormat = 'READY' | 'DEGRADED' | 'BROKEN';

export interface DoctorEntry {
  readonly role: string;
  readonly command: string;
  /** null: no adapter fits the command. */
  readonly kind: AgentKind | null;
  /** The absolute path that would run; null when not found. */
  readonly found: string | null;
  /** The first line the version command printed; null when it failed or was not run. */
  readonly version: string | null;
  readonly format: DoctorFormat;
  readonly detail: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

type VersionResult = { readonly ok: true; readonly line: string } | { readonly ok: false; readonly why: string };

function firstNonEmptyLine(text: string): string | undefined {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
}

async function runVersion(path: string, args: readonly string[], opts: DoctorOptions): Promise<VersionResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const shown = `\`${[path, ...args].join(' ')}\``;
  const r = await probe(path, args, { cwd: opts.cwd, ...(opts.env !== undefined ? { env: opts.env } : {}), timeoutMs });
  switch (r.kind) {
    case 'spawn_failed':
      return { ok: false, why: `could not run ${shown}: ${r.message}` };
    case 'timed_out':
      return { ok: false, why: `${shown} did not finish within ${timeoutMs} ms` };
    case 'exited': {
      // llama-cli prints its version on stderr.
      const line = firstNonEmptyLine(r.stdout) ?? firstNonEmptyLine(r.stderr);
      if (r.exitCode !== 0) {
        const how = r.exitCode !== null ? `exit ${r.exitCode}` : `signal ${r.signal ?? 'unknown'}`;
        return { ok: false, why: `${shown} failed (${how})${line !== undefined ? `: ${line}` : ''}` };
      }
      if (line === undefined) return { ok: false, why: `${shown} printed nothing` };
      return { ok: true, line };
    }
    default:
      return assertNever(r);
  }
}

function probeRequest(target: DoctorTarget, cwd: string): AgentRequest {
  return {
    command: target.command,
    model: target.model,
    prompt: 'doctor',
    promptFile: join(cwd, '.specpilot-doctor-prompt.md'),
    cwd,
    skipPermissions: false,
    template: target.template,
  };
}

async function examine(target: DoctorTarget, opts: DoctorOptions): Promise<DoctorEntry> {
  const base = { role: target.role, command: target.command };
  const choice = adapterFor(target.command, target.template, target.kind, opts.prices !== undefined ? { prices: opts.prices } : {});
  if (!choice.ok) return { ...base, kind: null, found: null, version: null, format: 'BROKEN', detail: choice.error };
  const adapter: AgentAdapter = choice.adapter;
  const req = probeRequest(target, opts.cwd);
  const problem = adapter.check?.(req) ?? null;
  // A custom template names the executable itself; otherwise it is the command.
  const executable = problem === null ? (adapter.invocation(req).argv[0] ?? target.command) : target.command;
  const found = await which(executable, { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
  const entry = { ...base, kind: adapter.kind, found };
  if (found === null) {
    const what = executable.trim() === '' ? 'no command configured' : `${executable} not found on PATH or not executable`;
    return { ...entry, version: null, format: 'BROKEN', detail: what };
  }
  const version = await runVersion(found, adapter.versionArgs, opts);
  const versionLine = version.ok ? version.line : null;
  if (problem !== null) return { ...entry, version: versionLine, format: 'BROKEN', detail: problem };
  const format = checkFormat(adapter);
  if (format.status === 'failed') return { ...entry, version: versionLine, format: 'BROKEN', detail: format.detail };
  const notes: string[] = [];
  if (!version.ok) notes.push(`version check failed: ${version.why}; the agent may still run`);
  // Any number will do: llama-cli prints a build number (`version: 6710 (74b8fc17)`), not semver.
  else if (!/\d/.test(version.line)) notes.push(`unexpected version output "${version.line}" (no version number)`);
  if (format.status === 'partial') notes.push(format.detail);
  if (notes.length > 0) return { ...entry, version: versionLine, format: 'DEGRADED', detail: notes.join('; ') };
  return { ...entry, version: versionLine, format: 'READY', detail: format.detail };
}

export async function doctor(targets: readonly DoctorTarget[], opts: DoctorOptions): Promise<readonly DoctorEntry[]> {
  return Promise.all(targets.map((t) => examine(t, opts)));
}

/** One line for a person: `implement: claude READY /usr/bin/claude (2.0.14 (Claude Code))`. */
export function doctorStatusLine(entry: DoctorEntry): string {
  const kind = entry.kind ?? 'unknown';
  const where = entry.found ?? entry.command;
  const version = entry.version !== null ? ` (${entry.version})` : '';
  const detail = entry.format === 'READY' ? '' : `: ${entry.detail}`;
  return `${entry.role}: ${kind} ${entry.format} ${where}${version}${detail}`;
}
