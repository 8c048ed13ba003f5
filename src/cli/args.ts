// Turns argv into a command and its options with node's parseArgs; every mistake becomes a
// UsageError (exit 2) that names the offending argument and the accepted forms.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SPEC_FORMATS, type SpecFormat } from '../core/spec/model';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface GlobalOptions {
  readonly cwd: string;
  readonly file: string | null;
  readonly format: SpecFormat | null;
  readonly specPrefix: string | null;
  readonly color: boolean;
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS: OptionSpec = {
  file: { type: 'string', short: 'f' },
  format: { type: 'string' },
  'spec-prefix': { type: 'string' },
  cwd: { type: 'string', short: 'C' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface ParsedCommand {
  readonly global: GlobalOptions;
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
  readonly help: boolean;
}

/** Parses argv after the command words, accepting the global options anywhere. */
export function parseCommandArgs(argv: readonly string[], options: OptionSpec, env: NodeJS.ProcessEnv, isTty: boolean): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify a positional.*$/s, '') : String(err));
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const format = typeof v['format'] === 'string' ? v['format'] : null;
  if (format !== null && format !== 'auto' && !(SPEC_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of auto, ${SPEC_FORMATS.join(', ')} (got "${format}")`);
  }
  const global: GlobalOptions = {
    cwd: typeof v['cwd'] === 'string' ? v['cwd'] : process.cwd(),
    file: typeof v['file'] === 'string' ? v['file'] : null,
    format: format === null || format === 'auto' ? null : (format as SpecFormat),
    specPrefix: typeof v['spec-prefix'] === 'string' ? v['spec-prefix'] : null,
    color: isTty && !v['no-color'] && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb',
  };
  return { global, values: v, positionals: parsed.positionals, help: v['help'] === true };
}

export function oneOf<T extends string>(name: string, value: string | boolean | string[] | undefined, allowed: readonly T[]): T | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value.toLowerCase())) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
  }
  return value.toLowerCase() as T;
}
