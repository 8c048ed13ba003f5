// Deterministic generators of large, realistic task files for benchmarks and scale tests: the
// same seed gives the same bytes, so figures are comparable from run to run.

/** mulberry32: a tiny seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('add update validate migrate refactor document cache index retry stream parse render persist ' +
  'schema endpoint service handler session token user account invoice report queue worker audit metric ' +
  'config loader parser graph budget review approval commit branch merge webhook export import search').split(' ');
const PRIO = ['🔴 P0', '🟠 P1', '🟡 P2', '🟢 P3'];
const STATUS = ['⬜ TODO', '⬜ TODO', '⬜ TODO', '✅ DONE', '✅ DONE', '🔄 IN_PROGRESS', '⏸️ BLOCKED'];
const EST = ['Est: 1d', 'Est: 2-3d', 'Est: 4h', 'Est: 0.5d', 'Est: 2d'];

function sentence(r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const pad = (n: number) => String(n).padStart(3, '0');

/** A spec-runner tasks.md with `count` tasks (~500 bytes each), in milestones of 50. */
export function specRunnerTasks(count: number, seed = 1): string {
  const r = rng(seed);
  const parts: string[] = ['---\nspec_stage: tasks\nstatus: approved\n---\n# Tasks\n'];
  for (let i = 1; i <= count; i++) {
    if ((i - 1) % 50 === 0) parts.push(`\n## Milestone ${(i - 1) / 50 + 1}: ${sentence(r, 2)}\n`);
    const deps: string[] = [];
    const nDeps = i === 1 ? 0 : Math.floor(r() * 4);
    for (let d = 0; d < nDeps; d++) {
      const dep = Math.max(1, i - 1 - Math.floor(r() * 40));
      const id = `[TASK-${pad(dep)}]`;
      if (!deps.includes(id)) deps.push(id);
    }
    const items: string[] = [];
    const nItems = 2 + Math.floor(r() * 5);
    for (let c = 0; c < nItems; c++) items.push(`- [${r() < 0.3 ? 'x' : ' '}] ${sentence(r, 4 + Math.floor(r() * 4))}`);
    const req = 1 + Math.floor(r() * Math.max(1, count / 4));
    parts.push(
      `\n### TASK-${pad(i)}: ${sentence(r, 4)}\n` +
        `${PRIO[Math.floor(r() * 4)]} | ${STATUS[Math.floor(r() * STATUS.length)]} | ${EST[Math.floor(r() * EST.length)]}\n\n` +
        `${sentence(r, 14)}.\n${sentence(r, 10)}.\n\n` +
        `**Checklist:**\n${items.join('\n')}\n\n` +
        `**Traces to:** [REQ-${pad(req)}], [DESIGN-${pad(1 + (req % 50))}]\n` +
        `**Depends on:** ${deps.length ? deps.join(', ') : '—'}\n`,
    );
  }
  return parts.join('');
}

/** A Spec Kit tasks.md with `count` tasks in phases of 100. */
export function specKitTasks(count: number, seed = 2): string {
  const r = rng(seed);
  const parts: string[] = ['# Tasks: Generated feature\n'];
  for (let i = 1; i <= count; i++) {
    if ((i - 1) % 100 === 0) {
      const phase = (i - 1) / 100 + 1;
      parts.push(`\n## Phase ${phase}: User Story ${phase} - ${sentence(r, 3)} (Priority: P${phase % 4})\n\n### Implementation for User Story ${phase}\n\n`);
    }
    const id = `T${String(i).padStart(4, '0')}`;
    const par = r() < 0.3 ? ' [P]' : '';
    const dep = i > 2 && r() < 0.1 ? ` (depends on T${String(i - 1).padStart(4, '0')})` : '';
    parts.push(`- [${r() < 0.4 ? 'X' : ' '}] ${id}${par} [US${Math.ceil(i / 100)}] ${sentence(r, 6)} in src/${WORDS[i % WORDS.length]}/${WORDS[(i * 7) % WORDS.length]}.ts${dep}\n`);
  }
  return parts.join('');
}

/** A Kiro tasks.md with `count` tasks: top-level tasks with 4 sub-tasks each, half of them flush. */
export function kiroTasks(count: number, seed = 3): string {
  const r = rng(seed);
  const parts: string[] = ['# Implementation Plan\n\n'];
  let n = 0;
  for (let top = 1; n < count; top++) {
    parts.push(`- [${r() < 0.3 ? 'x' : ' '}] ${top}. ${sentence(r, 5)}\n`);
    n++;
    for (let sub = 1; sub <= 4 && n < count; sub++, n++) {
      const indent = top % 2 === 0 ? '' : '  ';
      const opt = r() < 0.1 ? '*' : '';
      parts.push(`${indent}- [${r() < 0.4 ? 'x' : ' '}]${opt} ${top}.${sub} ${sentence(r, 6)}\n` +
        `${indent}  - ${sentence(r, 8)}\n${indent}  - _Requirements: ${1 + (top % 9)}.${sub}, ${1 + (top % 9)}.1-${1 + (top % 9)}.3_\n`);
    }
    parts.push('\n');
  }
  return parts.join('');
}

/** Requirements and design files that define what `specRunnerTasks(count)` traces. */
export function specRunnerDefinitions(count: number): { requirements: string; design: string } {
  const reqs: string[] = ['# Requirements\n'];
  for (let i = 1; i <= Math.max(1, count / 4); i++) reqs.push(`\n### REQ-${pad(i)}: Requirement ${i}\n\nThe system SHALL do thing ${i}.\n`);
  const design: string[] = ['# Design\n'];
  for (let i = 1; i <= 50; i++) design.push(`\n### DESIGN-${pad(i)}: Design ${i}\n\nHow thing ${i} works.\n`);
  return { requirements: reqs.join(''), design: design.join('') };
}
