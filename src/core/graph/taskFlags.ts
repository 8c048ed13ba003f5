// Per-task bits the planners read for every task (status, optional, Blocks written), packed once
// while the graph is built: reading them off the Task objects again meant touching 10k scattered
// objects per ready set or validation, which cost more than the graph walk itself.
import type { Task, TaskStatus } from '../spec/model';
import type { TaskGraph } from './types';

export const STATUS_MASK = 7;
export const S_TODO = 0;
export const S_IN_PROGRESS = 1;
export const S_REVIEW = 2;
export const S_DONE = 3;
export const S_BLOCKED = 4;
export const S_UNKNOWN = 5;
/** Kiro `[ ]*`. */
export const F_OPTIONAL = 8;
/** The task lists at least one id in Blocks (resolved or not). */
export const F_BLOCKS = 16;

export function statusCode(s: TaskStatus): number {
  switch (s) {
    case 'todo':
      return S_TODO;
    case 'in_progress':
      return S_IN_PROGRESS;
    case 'review':
      return S_REVIEW;
    case 'done':
      return S_DONE;
    case 'blocked':
      return S_BLOCKED;
    default:
      return S_UNKNOWN;
  }
}

export function flagsOf(t: Task): number {
  return statusCode(t.status) | (t.optional ? F_OPTIONAL : 0) | (t.blocks.length > 0 ? F_BLOCKS : 0);
}

const computed = new WeakMap<TaskGraph, Uint8Array>();

/** The bits per task node: the core's own (`buildGraph` packs them), else computed once per graph. */
export function taskFlags(graph: TaskGraph): Uint8Array {
  const core = graph.core;
  if ('taskFlags' in core && core.taskFlags instanceof Uint8Array && core.taskFlags.length === graph.tasks.length) return core.taskFlags;
  let flags = computed.get(graph);
  if (flags === undefined) {
    flags = new Uint8Array(graph.tasks.length);
    for (let v = 0; v < flags.length; v++) flags[v] = flagsOf(graph.tasks[v]!);
    computed.set(graph, flags);
  }
  return flags;
}
