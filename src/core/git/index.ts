// The git layer's public surface: the port the executor drives and the one way to get one.
export type {
  BaseBranchResult,
  BaseBranchSource,
  DiffFileStat,
  GitPort,
  MergeResult,
  RescueStash,
  WorkingTreeStatus,
} from './gitPort';
export { openRepo, MIN_GIT_VERSION } from './gitRepo';
export type { OpenRepoOptions, OpenRepoResult } from './gitRepo';
export { isValidBranchName, slugify, taskBranchName } from './branchName';
export { mentionsTaskId } from './taskIdMatch';
