// The unresolved-trace diagnostics of a tasks file: a warning per reference naming an id that is
// not defined, but only where that id's definition file was loaded; a missing file costs one info.
import { dirname, relative } from 'node:path';
import type { Diagnostic, Task } from '../spec/model';
import { expectedDefinition, familiesOf, familyOf, sourceLabel, type IdFamily } from './idFamily';
import type { LoadedSource } from './model';

export function unresolvedTraces(
  tasks: readonly Task[],
  tasksFile: string,
  isDefined: (id: string) => boolean,
  sources: readonly LoadedSource[],
): Diagnostic[] {
  const found = new Map<IdFamily, string[]>();
  const missing = new Map<IdFamily, LoadedSource>();
  for (const s of sources) {
    for (const fam of familiesOf(s.source)) {
      if (s.found) {
        let paths = found.get(fam);
        if (!paths) found.set(fam, (paths = []));
        if (!paths.includes(s.path)) paths.push(s.path);
      } else if (!missing.has(fam)) missing.set(fam, s);
    }
  }
  // Paths relative to the tasks file, so messages read the same on every machine.
  const near = (p: string): string => relative(dirname(tasksFile), p).replace(/\\/g, '/') || p;
  const out: Diagnostic[] = [];
  if (found.size === 0 && missing.size === 0) return out;
  const reportedMissing = new Set<string>();
  for (const task of tasks) {
    for (const ref of task.traces) {
      let undefinedIds: string[] | null = null;
      let firstFamily: IdFamily | null = null;
      for (const id of ref.ids) {
        if (isDefined(id)) continue;
        const fam = familyOf(id);
        if (fam === null) continue;
        if (found.has(fam)) {
          (undefinedIds ??= []).push(id);
          firstFamily ??= fam;
          continue;
        }
        const absent = missing.get(fam);
        if (absent && !reportedMissing.has(absent.path)) {
          reportedMissing.add(absent.path);
          out.push({
            severity: 'info',
            code: 'unresolved-trace',
            message: `No ${sourceLabel(absent.source)} was found at ${near(absent.path)} (next to the tasks file), so traces such as "${id}" cannot be checked: expected ${expectedDefinition(id, fam)} there.`,
            file: tasksFile,
            span: ref.span,
          });
        }
      }
      if (undefinedIds === null || firstFamily === null) continue;
      const searched: string[] = [];
      for (const id of undefinedIds) {
        for (const p of found.get(familyOf(id) ?? firstFamily) ?? []) if (!searched.includes(p)) searched.push(p);
      }
      const names = undefinedIds.map((id) => `"${id}"`).join(', ');
      const verb = undefinedIds.length === 1 ? `Trace ${names} is` : `Traces ${names} are`;
      out.push({
        severity: 'warning',
        code: 'unresolved-trace',
        message: `${verb} not defined in ${searched.map(near).join(', ')}: expected ${expectedDefinition(undefinedIds[0]!, firstFamily)}.`,
        file: tasksFile,
        span: ref.span,
      });
    }
  }
  return out;
}
