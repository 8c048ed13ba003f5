// The executor's status writes, made through the editor when the task file is open: a WorkspaceEdit
// lands in undo history and never clobbers unsaved typing. A clean document is saved at once (the
// commit must contain the status); a dirty one keeps the edit unsaved and says so. An edit the editor
// refuses because the file was reloaded under it (a checkout or merge) goes to the disk instead.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TaskFileWriter } from '../core/executor/taskFileWriter';
import type { WritableStatusName } from '../core/executor/taskMachine';
import { diskTaskFileWriter, planStatus } from '../core/executor/taskFileWriter';
import type { SpecFormat } from '../core/spec/model';
import { parseSpec } from '../core/spec/parseSpec';
import { checkAllEdits, statusEdit } from '../core/spec/writeBack';
import { applyLineEdits } from './applyLineEdits';

/** `apply` is the editor's edit; tests inject a refusal there, the fault a reload under the edit causes. */
export function editorTaskFileWriter(
  file: string,
  format: SpecFormat,
  log: vscode.LogOutputChannel,
  apply: typeof applyLineEdits = applyLineEdits,
): TaskFileWriter {
  const disk = diskTaskFileWriter(file, format);
  const once = async (taskId: string, status: WritableStatusName, checkAll: boolean): Promise<Outcome> => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (!doc) return { done: await disk.setStatus(taskId, status, checkAll) };
    const text = doc.getText();
    if (!doc.isDirty && text !== readDisk(file)) {
      // A checkout changed the file and the editor has not reloaded it yet: the disk is the truth.
      return { done: await disk.setStatus(taskId, status, checkAll) };
    }
    const planned = planStatus(text, file, format, taskId, status, checkAll);
    if (!planned.ok) return { done: planned.error };
    if (!planned.changed) return { done: null };
    const spec = parseSpec(text, file, { format });
    const task = spec.tasks.find((t) => t.id === taskId);
    if (!task) return { done: `no task ${taskId} in ${file}` };
    const st = statusEdit(spec, task, status);
    if (!st.ok) return { done: st.error };
    const edits = [...st.edits, ...(checkAll ? checkAllEdits(task) : [])];
    const wasDirty = doc.isDirty;
    if (!(await apply(doc, edits))) {
      // The editor reloaded the file between our read and the edit (a checkout or merge just
      // rewrote it): a clean document holds nothing of the user's, so the disk takes the write.
      if (!doc.isDirty) return { done: await disk.setStatus(taskId, status, checkAll) };
      return { refused: `the editor refused the edit of ${file}` };
    }
    // Typing that reached the editor while the edit was on its way makes the document the user's
    // again: saving it would put their half-typed text in the task's commit.
    if (wasDirty || doc.getText() !== planned.text) {
      log.warn(`${taskId}: ${file} has unsaved changes; the status change (${status}) is in the editor, unsaved, and not in the task's commit`);
      return { done: null };
    }
    if (!(await doc.save())) return { done: `could not save ${file}` };
    return { done: null };
  };
  return {
    async setStatus(taskId, status, checkAll) {
      // A dirty document that changed under the edit (the user typing) is read again, once.
      const first = await once(taskId, status, checkAll);
      if ('done' in first) return first.done;
      const second = await once(taskId, status, checkAll);
      return 'done' in second ? second.done : second.refused;
    },
  };
}

/** `done`: the write's result (null or an error); `refused`: the editor refused a dirty document's edit. */
type Outcome = { readonly done: string | null } | { readonly refused: string };

function readDisk(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
