// Public surface of config loading: the schema table, the typed config, loading from disk or
// from editor text, path resolution and redaction.
export type {
  ConfigDiagnostic,
  ConfigDiagnosticCode,
  ConfigSource,
  ConfigValue,
  HarnessGuard,
  LoadedConfig,
  LogLevel,
  OnTaskFailure,
  Persona,
  SpecGovernance,
  SpecpilotConfig,
} from './types';
export type { Row, RowReader, SchemaRow } from './schema';
export {
  buildConfig,
  childNames,
  CONFIG_SCHEMA,
  DEFAULT_CONFIG,
  LEGACY_TEMPLATE_SIBLINGS,
  NOTIFY_EVENTS,
  REVIEW_ROLES,
  ROW_BY_KEY,
  ROWS,
  SECTIONS,
  UNUSED_SPEC_RUNNER_KEYS,
} from './schema';
export type { ParseConfigOptions } from './parseConfig';
export { CONFIG_FILE, isLegacyConfigPath, LEGACY_CONFIG_FILE, parseConfigText } from './parseConfig';
export type { LoadConfigOptions } from './loadConfig';
export { loadConfig } from './loadConfig';
export type { ConfigPaths } from './configPaths';
export { resolveConfigPaths } from './configPaths';
export { findSecretsInText, REDACTED, redactConfig, redactUrl, scrubDiagnostics } from './redact';
export { closestMatch, editDistance } from './suggest';
