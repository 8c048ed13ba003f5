// Every command id the extension registers, in one typed map; a test checks it against
// package.json so a renamed command cannot silently lose its menu entry or keybinding.
export const COMMANDS = {
  refresh: 'specpilot.refresh',
  openTask: 'specpilot.openTask',
  revealTask: 'specpilot.revealTask',
  showLog: 'specpilot.showLog',
  showTaskDetails: 'specpilot.showTaskDetails',
  setStatusTodo: 'specpilot.setStatus.todo',
  setStatusInProgress: 'specpilot.setStatus.inProgress',
  setStatusDone: 'specpilot.setStatus.done',
  setStatusBlocked: 'specpilot.setStatus.blocked',
  runTask: 'specpilot.runTask',
  retryTask: 'specpilot.retryTask',
  runAllReady: 'specpilot.runAllReady',
  stopRun: 'specpilot.stopRun',
  showRun: 'specpilot.showRun',
  showTaskLog: 'specpilot.showTaskLog',
  showRunSettings: 'specpilot.showRunSettings',
  doctor: 'specpilot.doctor',
  verifyTask: 'specpilot.verifyTask',
  approveTask: 'specpilot.approveTask',
  rejectTask: 'specpilot.rejectTask',
  reviewTask: 'specpilot.reviewTask',
  toggleApprovalMode: 'specpilot.toggleApprovalMode',
  showReport: 'specpilot.showReport',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEW_TASKS = 'specpilot.tasks';
export const EXTENSION_ID = 'specpilot.specpilot';
