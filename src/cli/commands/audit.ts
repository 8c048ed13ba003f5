// `audit [--json] [--csv] [--strict]`: static traceability and ordering findings of the task file
// (orphan tasks, uncovered requirements, dangling references, dependency problems, tasks without
// checklists), each at file:line:col; exit 1 on an error finding (any finding with --strict).
import { auditFailed, auditSpec } from '../../core/report/audit';
import { auditCsv, auditJson, auditLines, relPath } from '../../core/report/auditRender';
import { UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';

export function audit(ctx: CommandContext, json: boolean, csv: boolean, strict: boolean): number {
  if (json && csv) throw new UsageError('--json and --csv are exclusive: choose one output format');
  const opened = openOrThrow(ctx);
  const report = auditSpec(opened.analysis);
  const failed = auditFailed(report, strict);
  const { io, st } = ctx;
  if (json) {
    io.out(JSON.stringify(auditJson(report, opened.root, strict), null, 2));
    return failed ? 1 : 0;
  }
  if (csv) {
    // The CSV's own CRLF line ends, written as one piece.
    io.out(auditCsv(report, opened.root));
    return failed ? 1 : 0;
  }
  const lines = auditLines(report, opened.root, strict);
  report.findings.forEach((f, i) => {
    const line = lines[i]!;
    const sev = strict || f.severity === 'error' ? st.red('error') : st.yellow('warning');
    io.out(line.replace(/: (error|warning): /, `: ${sev}: `));
  });
  for (const n of report.notes) io.out(st.dim(`note: ${n}`));
  const summary = `${report.tasks} task${report.tasks === 1 ? '' : 's'}, ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`;
  const file = relPath(opened.root, opened.path);
  io.out(failed ? st.red(`✗ audit ${file}: ${summary}`) : st.green(`✓ audit ${file}: ${summary}`));
  return failed ? 1 : 0;
}
