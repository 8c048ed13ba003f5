// Where spec-runner's files live for a given config: the spec dir and its task files, and the
// state and log paths namespaced by spec_prefix exactly as spec-runner does, so both tools can
// share one project.
import * as path from 'node:path';
import { ROWS } from './schema';
import type { SpecpilotConfig } from './types';

export interface ConfigPaths {
  /** `paths.root` resolved against the repository root. */
  readonly projectRoot: string;
  readonly specDir: string;
  readonly tasksFile: string;
  readonly requirementsFile: string;
  readonly designFile: string;
  readonly logsDir: string;
  readonly stateFile: string;
  readonly pluginsDir: string;
  /** spec-runner's "stop after the current task" marker file. */
  readonly stopFile: string;
  /** null when `audit_log_path` is empty (audit trail disabled). */
  readonly auditLog: string | null;
}

export function resolveConfigPaths(repoRoot: string, config: SpecpilotConfig): ConfigPaths {
  const projectRoot = path.resolve(repoRoot, config.paths.root);
  const prefix = config.spec_prefix;
  const specDir = path.join(projectRoot, 'spec');
  // Only the default locations are namespaced; a path the user chose is taken as written.
  let logs = config.paths.logs;
  let state = config.paths.state;
  if (prefix !== '') {
    if (state === ROWS.state.default) state = `spec/.executor-${prefix}state.db`;
    if (logs === ROWS.logs.default) logs = `spec/.executor-${prefix}logs`;
  }
  return {
    projectRoot,
    specDir,
    tasksFile: path.join(specDir, `${prefix}tasks.md`),
    requirementsFile: path.join(specDir, `${prefix}requirements.md`),
    designFile: path.join(specDir, `${prefix}design.md`),
    logsDir: path.resolve(projectRoot, logs),
    stateFile: path.resolve(projectRoot, state),
    pluginsDir: path.resolve(projectRoot, config.paths.plugins),
    stopFile: path.join(specDir, '.executor-stop'),
    auditLog: config.audit_log_path === '' ? null : path.resolve(projectRoot, config.audit_log_path),
  };
}
