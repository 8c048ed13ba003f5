// How the executor records a task's status in its task file. The CLI writes the file on disk
// (re-read each time: a branch checkout may have changed it); the extension applies the same
// edits through the editor so a user's unsaved changes are never overwritten.
import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { planTaskChange } from '../project/updateTaskFile';
import type { SpecFormat } from '../spec/model';
import { parseSpec } from '../spec/parseSpec';
import type { WritableStatusName } from './taskMachine';

export interface TaskFileWriter {
  /** Sets the status (and ticks every checklist item when checkAll); an error message, or null. */
  setStatus(taskId: string, status: WritableStatusName, checkAll: boolean): Promise<string | null>;
}

/** The new text of `text` with the status set (and the checklist ticked); unchanged when already so. */
export function planStatus(
  text: string,
  file: string,
  format: SpecFormat,
  taskId: string,
  status: WritableStatusName,
  checkAll: boolean,
): { ok: true; text: string; changed: boolean } | { ok: false; error: string } {
  let spec = parseSpec(text, file, { format });
  const planned = planTaskChange(spec, text, { kind: 'status', taskId, status });
  if (!planned.ok) return planned;
  let next = planned.text;
  spec = planned.spec;
  if (checkAll) {
    for (const item of planned.task.checklist) {
      if (item.checked) continue;
      const ticked = planTaskChange(spec, next, { kind: 'check', taskId, index: item.index, checked: true });
      if (!ticked.ok) return ticked;
      next = ticked.text;
      spec = ticked.spec;
    }
  }
  return { ok: true, text: next, changed: next !== text };
}

/** Writes the task file on disk, atomically, after re-reading it. */
export function diskTaskFileWriter(file: string, format: SpecFormat): TaskFileWriter {
  return {
    async setStatus(taskId, status, checkAll) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        return `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`;
      }
      const planned = planStatus(text, file, format, taskId, status, checkAll);
      if (!planned.ok) return planned.error;
      if (!planned.changed) return null;
      try {
        writeFileAtomic.sync(file, planned.text, { encoding: 'utf8', fsync: true });
      } catch (err) {
        return `cannot write ${file}: ${err instanceof Error ? err.message : String(err)}`;
      }
      return null;
    },
  };
}
