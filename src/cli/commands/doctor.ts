// `doctor`: for each configured agent CLI (implementer, reviewer), is it found, which version, and
// does its stream format parse: READY, DEGRADED or BROKEN, with what to do about it.
import { doctor as runDoctor, doctorStatusLine, type DoctorTarget } from '../../core/agents/doctor';
import { openOrThrow, type CommandContext } from '../context';

export async function doctor(ctx: CommandContext, json: boolean): Promise<number> {
  const opened = openOrThrow(ctx);
  const c = opened.config.config;
  const targets: DoctorTarget[] = [{ role: 'implementer', command: c.claude_command, template: c.command_template, model: c.claude_model }];
  const reviewCommand = c.review_command || c.claude_command;
  const reviewTemplate = c.review_command_template || (c.review_command ? '' : c.command_template);
  if (reviewCommand !== c.claude_command || reviewTemplate !== c.command_template) {
    targets.push({ role: 'reviewer', command: reviewCommand, template: reviewTemplate, model: c.review_model || c.claude_model });
  }
  const entries = await runDoctor(targets, { cwd: opened.root, env: ctx.io.env });
  if (json) {
    ctx.io.out(JSON.stringify({ entries }, null, 2));
  } else {
    const { st } = ctx;
    for (const e of entries) {
      const colour = e.format === 'READY' ? st.green : e.format === 'DEGRADED' ? st.yellow : st.red;
      ctx.io.out(`${colour(e.format.padEnd(8))} ${doctorStatusLine(e)}`);
    }
  }
  return entries.some((e) => e.format === 'BROKEN') ? 1 : 0;
}
