// `task graph`: the dependency graph as an ASCII tree from the tasks nothing waits for down to
// what they unblock, plus the parallel waves; --json gives nodes, edges and waves. Iterative, with
// a capped indentation and phase barriers left to the waves, so output stays linear in the file:
// a 50,000-task chain or a Spec Kit file of thousands of tasks prints instead of blowing up.
import { waves } from '../../core/graph';
import { openOrThrow, type CommandContext } from '../context';
import { directDependants, directDeps, hasPhaseBarriers, idList } from '../render/graphEdges';
import { relPath } from '../render/taskJson';
import { statusGlyph } from '../render/statusText';

/** Deeper levels stop indenting (a chain of n tasks would otherwise print O(n^2) characters). */
export const MAX_TREE_INDENT = 24;

export function taskGraph(ctx: CommandContext, json: boolean): number {
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const g = a.graph;
  const plan = waves(g);
  if (json) {
    const edges = g.tasks.flatMap((t) => directDeps(g, t.id).map((d) => ({ from: t.id, to: d.id, reason: d.reason })));
    ctx.io.out(JSON.stringify({
      file: relPath(opened.root, opened.path),
      nodes: g.tasks.map((t) => ({ id: t.id, title: t.title, status: g.effectiveStatus(t.id) ?? t.status })),
      edges,
      waves: plan.waves.map((w) => w.map((t) => t.id)),
      unplannable: plan.unplannable.map((u) => ({ id: u.task.id, reason: u.reason })),
    }, null, 2));
    return 0;
  }
  const { st, io } = ctx;
  const label = (id: string): string => {
    const t = g.task(id);
    return `${statusGlyph(g.effectiveStatus(id) ?? 'unknown', st)} ${st.bold(id)} ${t?.title ?? st.yellow('(missing)')}`;
  };
  const phased = hasPhaseBarriers(g);
  if (phased) io.out(st.dim('Phases are barriers: each phase starts when the ones before it are done (see Waves).'));
  // Roots wait for nothing; children are the tasks a node unblocks (dependants).
  const roots = g.tasks.filter((t) => directDeps(g, t.id).length === 0);
  const printed = new Set<string>();
  const stack: { id: string; prefix: string; last: boolean; depth: number }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ id: roots[i]!.id, prefix: '', last: true, depth: 0 });
  let group: string | null | undefined;
  while (stack.length > 0) {
    const { id, prefix, last, depth } = stack.pop()!;
    if (depth === 0 && phased) {
      const gr = g.task(id)?.group ?? null;
      if (gr !== group && gr !== null) io.out(st.bold(gr));
      group = gr;
    }
    const flat = depth > MAX_TREE_INDENT;
    const branch = depth === 0 ? '' : flat ? '↳ ' : last ? '└── ' : '├── ';
    if (printed.has(id)) {
      io.out(`${prefix}${branch}${st.dim(`${id} (see above)`)}`);
      continue;
    }
    printed.add(id);
    io.out(`${prefix}${branch}${label(id)}`);
    const kids = directDependants(g, id);
    const childPrefix = depth === 0 || flat ? prefix : prefix + (last ? '    ' : '│   ');
    for (let k = kids.length - 1; k >= 0; k--) stack.push({ id: kids[k]!.id, prefix: childPrefix, last: k === kids.length - 1, depth: depth + 1 });
  }
  const unprinted = g.tasks.filter((t) => !printed.has(t.id));
  if (unprinted.length > 0) io.out(st.red(`\nIn or after a cycle: ${idList(unprinted.map((t) => t.id), 20)}`));
  io.out(`\n${st.bold('Waves')} ${st.dim('(tasks in one wave may run in parallel)')}`);
  plan.waves.forEach((w, i) => io.out(`  ${i + 1}: ${w.map((t) => t.id).join(', ')}`));
  if (plan.waves.length === 0) io.out('  nothing left to run');
  for (const u of plan.unplannable) {
    const r = u.reason;
    const why = r.kind === 'cycle' ? `cycle ${r.path.join(' -> ')}` : r.kind === 'missing-dependency' ? `missing ${r.ids.join(', ')}` : `after ${r.via}`;
    io.out(st.yellow(`  cannot plan ${u.task.id}: ${why}`));
  }
  return 0;
}
