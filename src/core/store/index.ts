// The store's public surface: the run-state DB, the run lock, attempt logs and the audit log.
// Everything else under src/core/store is an implementation detail.
export * from './types';
export { openRunStore, readRunStore, DEFAULT_SAVE_DELAY_MS, DEFAULT_STATE_FILE } from './openRunStore';
export { gateOutputDigest, GATE_OUTPUT_TAIL_MAX } from './sqlJsRunStore';
export type { OpenRunStoreResult, ReadRunStoreResult, RunStoreSnapshot } from './openRunStore';
export { MIGRATIONS } from './migrations';
export { compareTaskIds } from './runStoreReader';
export { STATE_DIR_GITIGNORE, atomicStateFileWriter } from './stateFile';
export { systemClock } from './systemClock';
export { acquireRunLock, isPidAlive, readLockOwner, LOCK_DIR_NAME, LOCK_OWNER_FILE } from './runLock';
export type { AcquireRunLockOptions, AcquireRunLockResult, LockError, LockOwner, RunLock } from './runLock';
export { attemptLogPath, openAttemptLog, readTail, sanitiseTaskId } from './attemptLog';
export type { AttemptLogOptions, AttemptLogWriter, TailResult } from './attemptLog';
export { defaultOperator, openAuditLog, resolveOperator } from './auditLog';
export type { AuditEntry, AuditLog, AuditLogOptions } from './auditLog';
