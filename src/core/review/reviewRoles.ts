// The five reviewer roles of multi-role review: who each reviewer is and what it looks at. Each
// role reviews the same diff from its own angle, so their findings rarely overlap.
import type { Persona } from '../config/types';

export type ReviewRole = 'quality' | 'implementation' | 'testing' | 'simplification' | 'docs';

/** In the order reviewers run and are shown (review_roles keeps the config's order). */
export const REVIEW_ROLE_NAMES: readonly ReviewRole[] = ['quality', 'implementation', 'testing', 'simplification', 'docs'];

export interface RoleDefinition {
  readonly role: ReviewRole;
  /** Who the reviewer is: the first words of its prompt. */
  readonly persona: string;
  /** What it checks, one line each. */
  readonly focus: readonly string[];
}

export const REVIEW_ROLES: Readonly<Record<ReviewRole, RoleDefinition>> = {
  quality: {
    role: 'quality',
    persona: 'You are a senior engineer reviewing a colleague\'s change for code quality.',
    focus: [
      'correctness: bugs, unhandled errors and edge cases, off-by-one mistakes',
      'security: untrusted input, injection, secrets, unsafe file or process handling',
      'readability: names, structure, duplication, dead code',
    ],
  },
  implementation: {
    role: 'implementation',
    persona: 'You are the engineer who owns this task\'s requirements, checking that the change implements them.',
    focus: [
      'every checklist item holds in the code, not only in a comment',
      'the traced requirements are met as written, including their error cases',
      'nothing outside the task was changed without a reason',
    ],
  },
  testing: {
    role: 'testing',
    persona: 'You are a test engineer reviewing whether this change is proven by tests.',
    focus: [
      'new behaviour has tests that would fail without the change',
      'edge and error cases are tested, with exact expectations',
      'no test was weakened, skipped or deleted to make the suite pass',
    ],
  },
  simplification: {
    role: 'simplification',
    persona: 'You are a reviewer who looks for the simplest change that does the job.',
    focus: [
      'code that can be removed or shortened without losing behaviour',
      'abstractions, options or layers the task does not need',
      'reuse of what the project already has instead of new helpers',
    ],
  },
  docs: {
    role: 'docs',
    persona: 'You are a technical writer reviewing the documentation of this change.',
    focus: [
      'user-visible behaviour is documented where users look for it',
      'comments explain why, and match what the code does',
      'examples, configuration keys and command names are spelled as in the code',
    ],
  },
};

export function isReviewRole(value: string): value is ReviewRole {
  return (REVIEW_ROLE_NAMES as readonly string[]).includes(value);
}

export interface ReviewerPersona {
  readonly persona: string;
  readonly focus: readonly string[];
  /** '' keeps the review agent's model (review_model, else claude_model). */
  readonly model: string;
}

/**
 * A role's persona, focus and model: config `personas.<role>` first, then `personas.reviewer`,
 * then the built-in role; each field on its own, so a config may set only a model.
 */
export function reviewerPersona(role: ReviewRole, personas: Readonly<Record<string, Persona>>): ReviewerPersona {
  const own = personas[role];
  const reviewer = personas['reviewer'];
  const builtIn = REVIEW_ROLES[role];
  const first = (...values: (string | undefined)[]): string => values.find((v) => v !== undefined && v.trim() !== '')?.trim() ?? '';
  const focus = [own?.focus, reviewer?.focus].find((f) => f !== undefined && f.length > 0) ?? builtIn.focus;
  return {
    persona: first(own?.system_prompt, reviewer?.system_prompt, builtIn.persona),
    focus,
    model: first(own?.model, reviewer?.model),
  };
}
