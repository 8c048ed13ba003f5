// What every command gets: output, styling, the global options, and the task file opened once.
import { openTaskFile, type OpenedTaskFile } from '../core/project/openTaskFile';
import { UsageError, type GlobalOptions } from './args';
import { style, type CliIo, type Style } from './io';

export interface CommandContext {
  readonly io: CliIo;
  readonly st: Style;
  readonly global: GlobalOptions;
}

/** Opens the task file named by the global options; a missing or ambiguous one is a usage error. */
export function openOrThrow(ctx: CommandContext): OpenedTaskFile {
  const opened = openTaskFile({
    cwd: ctx.global.cwd,
    file: ctx.global.file,
    format: ctx.global.format,
    specPrefix: ctx.global.specPrefix,
  });
  if (!opened.ok) throw new UsageError(opened.error);
  return opened.value;
}

export function makeContext(io: CliIo, global: GlobalOptions): CommandContext {
  return { io, st: style(global.color), global };
}
