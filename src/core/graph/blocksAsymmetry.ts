// Blocks/Depends asymmetry warnings. spec-runner's rule, made precise:
//  1. A's Blocks names task B (B != A) but B's Depends on does not name A: warn at that Blocks ref.
//     The edge is used anyway, so this is about the file reading the same from both ends.
//  2. B's Depends on names task A (A != B), A's Blocks lists at least one id, and none of them is
//     B: warn at A's Blocks value (a Blocks field that is written must be complete). A task with
//     no Blocks, or `**Blocks:** —`, is never checked: most files never write Blocks at all.
// Only first occurrences of an id take part; refs to unknown ids are reported elsewhere. Read off
// the deduplicated edges (one per pair, with every rule that named it), so no id lookups.
import type { Diagnostic, Span, Task } from '../spec/model';
import { edgeSpan } from './packedCore';
import { F_BLOCKS, taskFlags } from './taskFlags';
import type { TaskGraph } from './types';
import { R_BLOCKS, R_EXPLICIT, R_PROSE } from './types';

export function blocksAsymmetryDiagnostics(graph: TaskGraph): Diagnostic[] {
  const file = graph.spec.file;
  const core = graph.core;
  const { taskCount: n, depTo, depFrom, depReason, depNamedBy } = core;
  // Tasks are read only to report: the flags say whether A writes a Blocks field.
  const flags = taskFlags(graph);
  const out: Diagnostic[] = [];
  for (let e = 0; e < depTo.length; e++) {
    const bi = depFrom[e]!;
    const ai = depTo[e]!;
    if (bi >= n || ai >= n || ai === bi) continue;
    const reason = depReason[e]!;
    if (reason === R_BLOCKS) {
      const a = graph.tasks[ai]!;
      const b = graph.tasks[bi]!;
      // Kept as `blocks` only when no Depends on ref (nor prose) named the pair.
      out.push({
        severity: 'warning',
        code: 'blocks-asymmetry',
        message: `${a.id} blocks ${b.id}, but ${b.id}'s Depends on does not list ${a.id}; expected [${a.id}] there too (Specpilot orders ${b.id} after ${a.id} either way).`,
        file,
        span: edgeSpan(core, e),
        related: [{ file, span: b.header, message: `${b.id} is defined here` }],
      });
    } else if ((reason === R_EXPLICIT || reason === R_PROSE) && (flags[ai]! & F_BLOCKS) !== 0 && (depNamedBy[e]! & (1 << R_BLOCKS)) === 0) {
      const a = graph.tasks[ai]!;
      const b = graph.tasks[bi]!;
      out.push({
        severity: 'warning',
        code: 'blocks-asymmetry',
        message: `${b.id} depends on ${a.id}, but ${a.id}'s Blocks does not list ${b.id}; expected [${b.id}] in it, since a written Blocks field should name every task that depends on ${a.id}.`,
        file,
        span: blocksSpan(a),
        related: [{ file, span: edgeSpan(core, e), message: `${b.id} names ${a.id} in Depends on here` }],
      });
    }
  }
  return out;
}

/** The Blocks field's value when the parser recorded it, else the first Blocks ref. */
function blocksSpan(a: Task): Span {
  for (const f of a.fields) if (f.name.trim().toLowerCase() === 'blocks') return f.value;
  return a.blocks[0]!.span;
}
