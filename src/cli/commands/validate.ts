// `validate`: every parser, graph, traceability and config diagnostic as file:line:col lines
// (the format editors and CI annotate), exit 1 on errors (warnings too with --strict).
import { countDiagnostics } from '../../core/project/analyzeSpec';
import { openOrThrow, type CommandContext } from '../context';
import { clipMessage, jsonDiagnostic, relPath, type JsonDiagnostic } from '../render/taskJson';

export function validate(ctx: CommandContext, json: boolean, strict: boolean): number {
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const diagnostics: JsonDiagnostic[] = [
    ...opened.config.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: clipMessage(d.message),
      file: relPath(opened.root, d.file),
      line: d.line,
      col: d.col,
      endCol: d.endCol,
    })),
    ...a.diagnostics.map((d) => jsonDiagnostic(opened.root, d)),
  ];
  const counts = countDiagnostics(diagnostics, strict);
  const ok = counts.errors === 0;
  if (json) {
    ctx.io.out(JSON.stringify({
      ok,
      strict,
      format: a.spec.format,
      file: relPath(opened.root, opened.path),
      tasks: a.spec.tasks.length,
      errors: counts.errors,
      warnings: counts.warnings,
      diagnostics,
    }, null, 2));
    return ok ? 0 : 1;
  }
  const { st, io } = ctx;
  for (const d of diagnostics) {
    const sev = d.severity === 'error' || (strict && d.severity === 'warning') ? st.red('error') : d.severity === 'warning' ? st.yellow('warning') : st.blue('info');
    io.out(`${d.file}:${d.line}:${d.col}: ${sev}: ${d.message} ${st.dim(`[${d.code}]`)}`);
  }
  const n = a.spec.tasks.length;
  const summary = `${n} task${n === 1 ? '' : 's'}, ${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`;
  io.out(ok ? st.green(`✓ ${relPath(opened.root, opened.path)}: ${summary}`) : st.red(`✗ ${relPath(opened.root, opened.path)}: ${summary}`));
  return ok ? 0 : 1;
}
