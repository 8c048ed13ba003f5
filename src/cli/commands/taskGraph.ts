// `task graph`: the dependency graph as an ASCII tree from the tasks nothing waits for down to
// what they unblock, plus the parallel waves; --json gives nodes, edges and waves. Iterative, with
// a capped indentation and phase barriers left to the waves, so output stays linear in the file:
// a 50,000-task chain or a Spec Kit file of thousands of tasks prints instead of blowing up.
import { waves, type Unplannable } from '../../core/graph';
import { openOrThrow, type CommandContext } from '../context';
import { directDependants, directDeps, hasPhaseBarriers, idList } from '../render/graphEdges';
import { relPath } from '../render/taskJson';
import { statusGlyph } from '../render/statusText';

/** Deeper levels stop indenting (a chain of n tasks would otherwise print O(n^2) characters). */
export const MAX_TREE_INDENT = 24;

/** Tasks no order reaches: each cycle once with the tasks on it, then the first few of the rest. */
function printUnplannable(
  ctx: CommandContext,
  unplannable: readonly Unplannable[],
  cycleIndex: (path: readonly string[]) => number,
  cycles: readonly (readonly string[])[],
): void {
  const { st, io } = ctx;
  const onCycle = new Map<number, string[]>();
  const others: Unplannable[] = [];
  for (const u of unplannable) {
    if (u.reason.kind !== 'cycle') {
      others.push(u);
      continue;
    }
    const k = cycleIndex(u.reason.path);
    let ids = onCycle.get(k);
    if (!ids) onCycle.set(k, (ids = []));
    ids.push(u.task.id);
  }
  for (const [k, ids] of onCycle) {
    io.out(st.yellow(`  cannot plan ${idList(ids, 20)}: cycle ${cyclePathText(cycles[k]!)}`));
  }
  const SHOWN = 20;
  for (const u of others.slice(0, SHOWN)) {
    const r = u.reason;
    const why = r.kind === 'missing-dependency' ? `missing ${idList(r.ids)}` : r.kind === 'after-unplannable' ? `after ${r.via}` : 'cycle';
    io.out(st.yellow(`  cannot plan ${u.task.id}: ${why}`));
  }
  if (others.length > SHOWN) io.out(st.yellow(`  … and ${others.length - SHOWN} more tasks that cannot be planned`));
}

/** `A -> B -> C -> A`, with the middle of a long loop left out. */
function cyclePathText(path: readonly string[]): string {
  if (path.length <= 24) return path.join(' -> ');
  return `${path.slice(0, 12).join(' -> ')} -> … (${path.length - 24} more) … -> ${path.slice(-12).join(' -> ')}`;
}

export function taskGraph(ctx: CommandContext, json: boolean): number {
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const g = a.graph;
  const plan = waves(g);
  const cycles: (readonly string[])[] = [];
  const cycleIds = new Map<readonly string[], number>();
  const cycleIndex = (path: readonly string[]): number => {
    let k = cycleIds.get(path);
    if (k === undefined) {
      k = cycles.length;
      cycleIds.set(path, k);
      cycles.push(path);
    }
    return k;
  };
  if (json) {
    const edges = g.tasks.flatMap((t) => directDeps(g, t.id).map((d) => ({ from: t.id, to: d.id, reason: d.reason })));
    ctx.io.out(JSON.stringify({
      file: relPath(opened.root, opened.path),
      nodes: g.tasks.map((t) => ({ id: t.id, title: t.title, status: g.effectiveStatus(t.id) ?? t.status })),
      edges,
      waves: plan.waves.map((w) => w.map((t) => t.id)),
      // Each cycle once: every task of a 50,000-task loop carries the whole path.
      unplannable: plan.unplannable.map((u) => ({ id: u.task.id, reason: u.reason.kind === 'cycle' ? { kind: 'cycle', cycle: cycleIndex(u.reason.path) } : u.reason })),
      cycles,
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
  // Tasks on a loop have no root above them: once the roots are done, the first task not yet
  // printed starts a tree of its own, so every task shows up and the loop reads as "(see above)".
  let nextUnprinted = 0;
  let loopsAnnounced = false;
  for (;;) {
    if (stack.length === 0) {
      while (nextUnprinted < g.tasks.length && printed.has(g.tasks[nextUnprinted]!.id)) nextUnprinted++;
      if (nextUnprinted >= g.tasks.length) break;
      if (!loopsAnnounced) io.out(st.red(`${printed.size > 0 ? '\n' : ''}In a dependency cycle, or waiting on one:`));
      loopsAnnounced = true;
      stack.push({ id: g.tasks[nextUnprinted]!.id, prefix: '', last: true, depth: 0 });
    }
    const { id, prefix, last, depth } = stack.pop()!;
    if (depth === 0 && phased && !loopsAnnounced) {
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
  io.out(`\n${st.bold('Waves')} ${st.dim('(tasks in one wave may run in parallel)')}`);
  plan.waves.forEach((w, i) => io.out(`  ${i + 1}: ${w.map((t) => t.id).join(', ')}`));
  if (plan.waves.length === 0) io.out('  nothing left to run');
  printUnplannable(ctx, plan.unplannable, cycleIndex, cycles);
  return 0;
}
