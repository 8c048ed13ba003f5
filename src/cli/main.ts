// The `specpilot` command: argv -> one engine call -> text or --json, with exit codes
// 0 ok, 1 validation errors, 2 usage error. `runCli` is the whole CLI, callable in-process.
import { parseCommandArgs, UsageError } from './args';
import { taskGraph } from './commands/taskGraph';
import { taskList } from './commands/taskList';
import { taskNext } from './commands/taskNext';
import { taskShow } from './commands/taskShow';
import { taskStats } from './commands/taskStats';
import { taskCheck, taskSetStatus } from './commands/taskWrite';
import { validate } from './commands/validate';
import { doctor } from './commands/doctor';
import { verify } from './commands/verify';
import { audit } from './commands/audit';
import { report } from './commands/report';
import { retry, run, stop, watchRun, type RunFlags } from './commands/run';
import { costs, logs, reset, status } from './commands/runState';
import { approve, listAwaiting, reject, review, type DecisionFlags } from './commands/approval';
import type { LogLevel } from './render/runPrinter';
import { makeContext } from './context';
import { HELP } from './help';
import { processIo, type CliIo } from './io';

declare const SPECPILOT_VERSION: string | undefined;
const VERSION = typeof SPECPILOT_VERSION === 'string' ? SPECPILOT_VERSION : '0.0.0-dev';

const JSON_OPT = { json: { type: 'boolean' } } as const;

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`specpilot: ${err.message}`);
      io.err('Run "specpilot --help" for usage.');
      return 2;
    }
    io.err(`specpilot: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

/** Options that take a value, so their values are not mistaken for command words. */
const VALUE_OPTIONS = new Set([
  '--file', '-f', '--format', '--spec-prefix', '--cwd', '-C', '--status', '-s', '--priority', '-p', '--milestone', '-m',
  '--task', '-t', '--budget', '--agent', '--model', '--max-retries', '--log-level', '--attempt', '--lines', '-n', '--sort',
  '--reason', '--comment', '--revert',
]);

const RUN_OPTIONS = {
  task: { type: 'string', short: 't', multiple: true },
  all: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'json-result': { type: 'boolean' },
  'no-reset-failed': { type: 'boolean' },
  stash: { type: 'boolean' },
  force: { type: 'boolean' },
  budget: { type: 'string' },
  agent: { type: 'string' },
  model: { type: 'string' },
  'max-retries': { type: 'string' },
  'no-gates': { type: 'boolean' },
  'no-merge': { type: 'boolean' },
  'log-level': { type: 'string' },
  'log-json': { type: 'boolean' },
  'hitl-review': { type: 'boolean' },
  'no-hitl-review': { type: 'boolean' },
} as const;

/** approve / reject: the decision, and what the session it runs may need (a rejection runs an attempt). */
const DECISION_OPTIONS = {
  ...JSON_OPT,
  stash: { type: 'boolean' },
  force: { type: 'boolean' },
  budget: { type: 'string' },
  agent: { type: 'string' },
  model: { type: 'string' },
  'no-gates': { type: 'boolean' },
  reason: { type: 'string' },
  comment: { type: 'string', multiple: true },
  revert: { type: 'string', multiple: true },
} as const;

function hitlOverride(values: Record<string, string | boolean | string[] | undefined>): { hitl?: boolean } {
  if (values['hitl-review'] === true && values['no-hitl-review'] === true) throw new UsageError('give either --hitl-review or --no-hitl-review, not both');
  return values['hitl-review'] === true ? { hitl: true } : values['no-hitl-review'] === true ? { hitl: false } : {};
}

function decisionFlags(values: Record<string, string | boolean | string[] | undefined>): DecisionFlags {
  const budget = number('budget', values['budget'], 0, false);
  return {
    json: values['json'] === true,
    stash: values['stash'] === true,
    force: values['force'] === true,
    overrides: {
      ...(typeof values['agent'] === 'string' ? { command: values['agent'] } : {}),
      ...(typeof values['model'] === 'string' ? { model: values['model'] } : {}),
      ...(budget !== undefined ? { budgetUsd: budget } : {}),
      ...(values['no-gates'] === true ? { noGates: true } : {}),
    },
  };
}

const strings = (v: string | boolean | string[] | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warning', 'error'];

function number(name: string, value: string | boolean | string[] | undefined, min: number, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min} (got "${String(value)}")`);
  }
  return n;
}

function runFlags(values: Record<string, string | boolean | string[] | undefined>): RunFlags {
  const level = values['log-level'];
  if (level !== undefined && !(LOG_LEVELS as readonly unknown[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')} (got "${String(level)}")`);
  }
  const tasks = values['task'];
  const budget = number('budget', values['budget'], 0, false);
  const maxRetries = number('max-retries', values['max-retries'], 1, true);
  return {
    taskIds: Array.isArray(tasks) ? tasks : [],
    all: values['all'] === true,
    dryRun: values['dry-run'] === true,
    jsonResult: values['json-result'] === true,
    resetFailed: values['no-reset-failed'] !== true,
    stash: values['stash'] === true,
    force: values['force'] === true,
    logLevel: (level as LogLevel | undefined) ?? 'info',
    logJson: values['log-json'] === true,
    overrides: {
      ...(typeof values['agent'] === 'string' ? { command: values['agent'] } : {}),
      ...(typeof values['model'] === 'string' ? { model: values['model'] } : {}),
      ...(budget !== undefined ? { budgetUsd: budget } : {}),
      ...(maxRetries !== undefined ? { maxRetries } : {}),
      ...(values['no-gates'] === true ? { noGates: true } : {}),
      ...(values['no-merge'] === true ? { noMerge: true } : {}),
      ...hitlOverride(values),
    },
  };
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const positions: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) positions.push(i);
  }
  const command = positions[0] === undefined ? undefined : argv[positions[0]];
  const sub = positions[1] === undefined ? undefined : argv[positions[1]];
  if (argv.includes('--version') || argv.includes('-v')) {
    io.out(VERSION);
    return 0;
  }
  if (!command) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return help(io);
    // Options alone: report an unknown one as such, else say what is missing.
    parseCommandArgs(argv, {}, io.env, io.isTty);
    throw new UsageError('no command given: expected "task <subcommand>", "validate", "run", "status" or another command of --help');
  }
  if (command === 'help') return help(io);
  // Everything but the command words, so options may come before or after them.
  const rest = (n: number): string[] => argv.filter((_, i) => !positions.slice(0, n).includes(i));
  if (command === 'validate') {
    const p = parseCommandArgs(rest(1), { ...JSON_OPT, strict: { type: 'boolean' } }, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs('validate', p.positionals, 0);
    return validate(makeContext(io, p.global), p.values['json'] === true, p.values['strict'] === true);
  }
  if (command === 'run' || command === 'retry' || command === 'watch') {
    const p = parseCommandArgs(rest(1), RUN_OPTIONS, io.env, io.isTty);
    if (p.help) return help(io);
    const flags = runFlags(p.values);
    const ctx = makeContext(io, p.global);
    if (command === 'retry') {
      noExtraArgs('retry', p.positionals, 1);
      return retry(ctx, p.positionals[0], flags);
    }
    noExtraArgs(command, p.positionals, 0);
    return command === 'watch' ? watchRun(ctx, flags) : run(ctx, flags);
  }
  if (command === 'stop' || command === 'doctor' || command === 'status') {
    const p = parseCommandArgs(rest(1), JSON_OPT, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs(command, p.positionals, 0);
    const ctx = makeContext(io, p.global);
    if (command === 'stop') return stop(ctx);
    return command === 'doctor' ? doctor(ctx, p.values['json'] === true) : status(ctx, p.values['json'] === true);
  }
  if (command === 'costs') {
    const p = parseCommandArgs(rest(1), { ...JSON_OPT, sort: { type: 'string' } }, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs('costs', p.positionals, 0);
    const sort = p.values['sort'];
    return costs(makeContext(io, p.global), p.values['json'] === true, typeof sort === 'string' ? sort : undefined);
  }
  if (command === 'logs') {
    const p = parseCommandArgs(rest(1), { attempt: { type: 'string' }, lines: { type: 'string', short: 'n' } }, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs('logs', p.positionals, 1);
    const str = (k: string): string | undefined => (typeof p.values[k] === 'string' ? (p.values[k] as string) : undefined);
    return logs(makeContext(io, p.global), p.positionals[0], str('attempt'), str('lines'));
  }
  if (command === 'verify') {
    const p = parseCommandArgs(rest(1), { ...JSON_OPT, strict: { type: 'boolean' }, task: { type: 'string', short: 't', multiple: true } }, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs('verify', p.positionals, 0);
    const tasks = p.values['task'];
    return verify(makeContext(io, p.global), Array.isArray(tasks) ? tasks : [], p.values['json'] === true, p.values['strict'] === true);
  }
  if (command === 'audit') {
    const p = parseCommandArgs(rest(1), { ...JSON_OPT, csv: { type: 'boolean' }, strict: { type: 'boolean' } }, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs('audit', p.positionals, 0);
    return audit(makeContext(io, p.global), p.values['json'] === true, p.values['csv'] === true, p.values['strict'] === true);
  }
  if (command === 'report') {
    const p = parseCommandArgs(rest(1), { ...JSON_OPT, milestone: { type: 'string', short: 'm' }, 'uncovered-only': { type: 'boolean' } }, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs('report', p.positionals, 0);
    const milestone = p.values['milestone'];
    return report(makeContext(io, p.global), {
      milestone: typeof milestone === 'string' ? milestone : null,
      uncoveredOnly: p.values['uncovered-only'] === true,
      json: p.values['json'] === true,
    });
  }
  if (command === 'approve' || command === 'reject' || command === 'review') {
    const p = parseCommandArgs(rest(1), command === 'review' ? JSON_OPT : DECISION_OPTIONS, io.env, io.isTty);
    if (p.help) return help(io);
    noExtraArgs(command, p.positionals, 1);
    const ctx = makeContext(io, p.global);
    const id = p.positionals[0];
    if (command === 'approve') return id === undefined ? listAwaiting(ctx, p.values['json'] === true) : approve(ctx, id, decisionFlags(p.values));
    if (id === undefined) throw new UsageError(`${command} needs a task id (\`specpilot approve\` lists the tasks awaiting approval)`);
    if (command === 'review') return review(ctx, id, p.values['json'] === true);
    const reason = p.values['reason'];
    return reject(ctx, id, { ...decisionFlags(p.values), reason: typeof reason === 'string' ? reason : undefined, comments: strings(p.values['comment']), reverts: strings(p.values['revert']) });
  }
  if (command === 'reset') {
    const p = parseCommandArgs(rest(1), { force: { type: 'boolean' } }, io.env, io.isTty);
    if (p.help) return help(io);
    return reset(makeContext(io, p.global), p.positionals, p.values['force'] === true);
  }
  if (command !== 'task') throw new UsageError(`unknown command "${command}"`);
  switch (sub) {
    case 'list': {
      const p = parseCommandArgs(rest(2), {
        ...JSON_OPT,
        status: { type: 'string', short: 's' },
        priority: { type: 'string', short: 'p' },
        milestone: { type: 'string', short: 'm' },
      }, io.env, io.isTty);
      if (p.help) return help(io);
      noExtraArgs('task list', p.positionals, 0);
      return taskList(makeContext(io, p.global), p.values);
    }
    case 'show':
    case 'next':
    case 'stats':
    case 'graph': {
      const p = parseCommandArgs(rest(2), JSON_OPT, io.env, io.isTty);
      if (p.help) return help(io);
      const ctx = makeContext(io, p.global);
      const json = p.values['json'] === true;
      noExtraArgs(`task ${sub}`, p.positionals, sub === 'show' ? 1 : 0);
      if (sub === 'show') return taskShow(ctx, p.positionals[0], json);
      if (sub === 'next') return taskNext(ctx, json);
      if (sub === 'stats') return taskStats(ctx, json);
      return taskGraph(ctx, json);
    }
    case 'start':
    case 'done':
    case 'block': {
      const p = parseCommandArgs(rest(2), {}, io.env, io.isTty);
      if (p.help) return help(io);
      noExtraArgs(`task ${sub}`, p.positionals, 1);
      const status = sub === 'start' ? 'in_progress' : sub === 'done' ? 'done' : 'blocked';
      return taskSetStatus(makeContext(io, p.global), p.positionals[0], status, sub);
    }
    case 'check': {
      const p = parseCommandArgs(rest(2), { uncheck: { type: 'boolean' } }, io.env, io.isTty);
      if (p.help) return help(io);
      noExtraArgs('task check', p.positionals, 2);
      return taskCheck(makeContext(io, p.global), p.positionals[0], p.positionals[1], p.values['uncheck'] !== true);
    }
    case undefined:
      throw new UsageError('"task" needs a subcommand: list, show, next, stats, graph, start, done, block, check');
    default:
      throw new UsageError(`unknown task subcommand "${sub}"`);
  }
}

/** A stray word (a second id, a misspelt option value) must not be silently ignored. */
function noExtraArgs(command: string, positionals: readonly string[], max: number): void {
  if (positionals.length <= max) return;
  const extra = positionals.slice(max).map((a) => `"${a}"`).join(', ');
  const takes = max === 0 ? 'takes no arguments' : `takes ${max === 1 ? 'one argument' : `${max} arguments`}`;
  throw new UsageError(`${command} ${takes}; unexpected ${extra}`);
}

function help(io: CliIo): number {
  io.out(HELP);
  return 0;
}

if (require.main === module) {
  // `specpilot task list | head` closes the pipe early: stop quietly, as other CLIs do, instead
  // of dying with an unhandled EPIPE stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
