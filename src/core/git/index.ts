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
export { openRepo, MIN_GIT_VERSION } from './simpleGitRepo';
export type { OpenRepoOptions, OpenRepoResult } from './simpleGitRepo';
export { isValidBranchName, slugify, taskBranchName } from './branchName';
export { mentionsTaskId } from './taskIdMatch';
