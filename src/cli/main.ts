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
import { makeContext } from './context';
import { HELP } from './help';
import { processIo, type CliIo } from './io';

declare const SPECPILOT_VERSION: string | undefined;
const VERSION = typeof SPECPILOT_VERSION === 'string' ? SPECPILOT_VERSION : '0.0.0-dev';

const JSON_OPT = { json: { type: 'boolean' } } as const;

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    return dispatch(argv, io);
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
const VALUE_OPTIONS = new Set(['--file', '-f', '--format', '--spec-prefix', '--cwd', '-C', '--status', '-s', '--priority', '-p', '--milestone', '-m']);

function dispatch(argv: readonly string[], io: CliIo): number {
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
    throw new UsageError('no command given: expected "task <subcommand>" or "validate"');
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
