// Which adapter runs a configured command: an explicit kind wins, a command template means a
// custom CLI, otherwise the command's file name says which CLI it is.
import type { PriceTable } from './priceTable';
import { DEFAULT_PRICES } from './priceTable';
import type { AgentAdapter, AgentKind } from './types';
import { AGENT_KINDS } from './types';
import { claudeAdapter } from './adapters/claudeAdapter';
import { codexAdapter, createCodexAdapter } from './adapters/codexAdapter';
import { customAdapter } from './adapters/customAdapter';
import { llamaCliAdapter } from './adapters/llamaCliAdapter';
import { ollamaAdapter } from './adapters/ollamaAdapter';
import { opencodeAdapter } from './adapters/opencodeAdapter';
import { piAdapter } from './adapters/piAdapter';
import { assertNever } from '../spec/model';

export type AdapterChoice = { readonly ok: true; readonly adapter: AgentAdapter } | { readonly ok: false; readonly error: string };

export interface AdapterOptions {
  /** Prices for codex (the defaults extended by the config); default: DEFAULT_PRICES. */
  readonly prices?: PriceTable;
}

/** The CLIs recognised by name, in the order they are listed to the user. */
export const DETECTED_NAMES: readonly Exclude<AgentKind, 'custom'>[] = ['claude', 'codex', 'opencode', 'pi', 'ollama', 'llama-cli'];

export function adapterByKind(kind: AgentKind, options: AdapterOptions = {}): AgentAdapter {
  switch (kind) {
    case 'claude':
      return claudeAdapter;
    case 'codex':
      return options.prices === undefined || options.prices === DEFAULT_PRICES ? codexAdapter : createCodexAdapter(options.prices);
    case 'opencode':
      return opencodeAdapter;
    case 'pi':
      return piAdapter;
    case 'ollama':
      return ollamaAdapter;
    case 'llama-cli':
      return llamaCliAdapter;
    case 'custom':
      return customAdapter;
    default:
      return assertNever(kind);
  }
}

/** `/opt/bin/codex`, `C:\\tools\\claude.exe`, `opencode.cmd` -> `codex`, `claude`, `opencode`. */
export function commandBasename(command: string): string {
  const trimmed = command.trim();
  const base = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return base.replace(/\.(exe|cmd)$/i, '');
}

export function isAgentKind(value: string): value is AgentKind {
  return (AGENT_KINDS as readonly string[]).includes(value);
}

export function adapterFor(command: string, template: string, override?: AgentKind, options: AdapterOptions = {}): AdapterChoice {
  if (override !== undefined) return { ok: true, adapter: adapterByKind(override, options) };
  if (template.trim() !== '') return { ok: true, adapter: customAdapter };
  const base = commandBasename(command);
  const known = DETECTED_NAMES.find((name) => name === base);
  if (known !== undefined) return { ok: true, adapter: adapterByKind(known, options) };
  const what = command.trim() === '' ? 'No agent command is configured' : `Unknown agent command "${command}"`;
  return {
    ok: false,
    error:
      `${what}: Specpilot recognises ${DETECTED_NAMES.join(', ')} by the command's file name. ` +
      'For another CLI set a command template, e.g. command_template: "{cmd} --prompt {prompt_file}" ' +
      '(placeholders {cmd}, {prompt}, {prompt_file}, {model}), or name the adapter kind explicitly.',
  };
}
