// The executor's status writes, made through the editor when the task file is open: a WorkspaceEdit
// lands in undo history and never clobbers unsaved typing. A clean document is saved at once (the
// commit must contain the status); a dirty one keeps the edit unsaved and says so.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TaskFileWriter } from '../core/executor/taskFileWriter';
import { diskTaskFileWriter, planStatus } from '../core/executor/taskFileWriter';
import type { SpecFormat } from '../core/spec/model';
import { parseSpec } from '../core/spec/parseSpec';
import { checkAllEdits, statusEdit } from '../core/spec/writeBack';
import { applyLineEdits } from './applyLineEdits';

export function editorTaskFileWriter(file: string, format: SpecFormat, log: vscode.LogOutputChannel): TaskFileWriter {
  const disk = diskTaskFileWriter(file, format);
  return {
    async setStatus(taskId, status, checkAll) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
      if (!doc) return disk.setStatus(taskId, status, checkAll);
      const text = doc.getText();
      if (!doc.isDirty && text !== readDisk(file)) {
        // A checkout changed the file and the editor has not reloaded it yet: the disk is the truth.
        return disk.setStatus(taskId, status, checkAll);
      }
      const planned = planStatus(text, file, format, taskId, status, checkAll);
      if (!planned.ok) return planned.error;
      if (!planned.changed) return null;
      const spec = parseSpec(text, file, { format });
      const task = spec.tasks.find((t) => t.id === taskId);
      if (!task) return `no task ${taskId} in ${file}`;
      const st = statusEdit(spec, task, status);
      if (!st.ok) return st.error;
      const edits = [...st.edits, ...(checkAll ? checkAllEdits(task) : [])];
      const wasDirty = doc.isDirty;
      if (!(await applyLineEdits(doc, edits))) return `the editor refused the edit of ${file}`;
      if (wasDirty) {
        log.warn(`${taskId}: ${file} has unsaved changes; the status change (${status}) is in the editor, unsaved, and not in the task's commit`);
        return null;
      }
      if (!(await doc.save())) return `could not save ${file}`;
      return null;
    },
  };
}

function readDisk(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
