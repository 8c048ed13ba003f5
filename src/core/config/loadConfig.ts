// Finds and reads a repository's config file the way spec-runner does: spec-runner.config.yaml
// at the root, else the deprecated spec/executor.config.yaml, else defaults. Never throws.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, LEGACY_CONFIG_FILE, parseConfigText } from './parseConfig';
import { DEFAULT_CONFIG } from './schema';
import type { ConfigDiagnostic, ConfigDiagnosticCode, LoadedConfig } from './types';

export interface LoadConfigOptions {
  /** Overrides `spec_prefix` when not empty, like spec-runner's --spec-prefix. */
  readonly specPrefix?: string;
  /** Read this file instead of looking for one; relative paths are relative to `root`. */
  readonly configPath?: string;
}

function exists(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function fileDiagnostic(
  file: string,
  severity: ConfigDiagnostic['severity'],
  code: ConfigDiagnosticCode,
  message: string,
): ConfigDiagnostic {
  return { severity, code, message, file, line: 1, col: 1, endLine: 1, endCol: 1 };
}

function readAndParse(file: string, legacy: boolean, specPrefix: string | undefined): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    return {
      config: specPrefix ? { ...DEFAULT_CONFIG, spec_prefix: specPrefix } : DEFAULT_CONFIG,
      source: { file, legacy },
      diagnostics: [fileDiagnostic(file, 'error', 'read-error', `cannot read ${path.basename(file)} (${reason}); using the defaults`)],
    };
  }
  return parseConfigText(text, file, { legacy, ...(specPrefix !== undefined ? { specPrefix } : {}) });
}

export function loadConfig(root: string, options: LoadConfigOptions = {}): LoadedConfig {
  const specPrefix = options.specPrefix;
  const v2 = path.join(root, CONFIG_FILE);
  const legacy = path.join(root, ...LEGACY_CONFIG_FILE.split('/'));

  if (options.configPath !== undefined) {
    const file = path.resolve(root, options.configPath);
    const isLegacy = path.resolve(file) === path.resolve(legacy);
    if (!exists(file)) {
      return {
        config: specPrefix ? { ...DEFAULT_CONFIG, spec_prefix: specPrefix } : DEFAULT_CONFIG,
        source: { file, legacy: isLegacy },
        diagnostics: [fileDiagnostic(file, 'error', 'missing-file', `config file not found: ${file}; using the defaults`)],
      };
    }
    return readAndParse(file, isLegacy, specPrefix);
  }

  if (exists(v2)) {
    const loaded = readAndParse(v2, false, specPrefix);
    if (!exists(legacy)) return loaded;
    const ignored = fileDiagnostic(
      legacy,
      'warning',
      'ignored-file',
      `${LEGACY_CONFIG_FILE} is ignored because ${CONFIG_FILE} exists; delete the legacy file`,
    );
    return { ...loaded, diagnostics: [...loaded.diagnostics, ignored] };
  }
  if (exists(legacy)) return readAndParse(legacy, true, specPrefix);
  return {
    config: specPrefix ? { ...DEFAULT_CONFIG, spec_prefix: specPrefix } : DEFAULT_CONFIG,
    source: { file: null, legacy: false },
    diagnostics: [],
  };
}
