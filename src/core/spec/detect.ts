// Which format a task file is in: by path first (the four tools' conventional locations), then by
// content, with an explicit override winning over both. Returns why, so a wrong guess is explainable.
import type { SpecFormat } from './model';

export type DetectReason = 'override' | 'path' | 'content' | 'default';

export interface Detection {
  readonly format: SpecFormat;
  readonly reason: DetectReason;
}

const PATH_RULES: readonly [RegExp, SpecFormat][] = [
  [/(?:^|\/)\.kiro\/specs\/[^/]+\/tasks\.md$/i, 'kiro'],
  [/(?:^|\/)openspec\/changes\/(?:archive\/)?[^/]+\/tasks\.md$/i, 'openspec'],
  [/(?:^|\/)specs\/[^/]+\/tasks\.md$/i, 'spec-kit'],
  [/(?:^|\/)spec\/[^/]*tasks\.md$/i, 'spec-runner'],
];

export function detectByPath(path: string): SpecFormat | null {
  const p = path.replace(/\\/g, '/');
  for (const [re, format] of PATH_RULES) if (re.test(p)) return format;
  return null;
}

/** Scores each format by the lines only it writes; the first 400 lines decide. */
export function detectByContent(text: string): SpecFormat | null {
  const score: Record<SpecFormat, number> = { 'spec-runner': 0, 'spec-kit': 0, openspec: 0, kiro: 0 };
  const lines = text.split('\n', 400);
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^###\s+\*{0,2}[A-Z][A-Z0-9]*-\d+\*{0,2}:/.test(line)) score['spec-runner'] += 3;
    else if (/(?:P[0-3]\s*\|)|(?:\|\s*(?:TODO|DONE|IN_PROGRESS|BLOCKED|REVIEW)\b)/i.test(line)) score['spec-runner'] += 1;
    else if (/^\s*-\s*\[[ xX]\]\s+\*{0,2}T\d{3,}\b/.test(line)) score['spec-kit'] += 3;
    else if (/^##\s+Phase\s+\d+/i.test(line)) score['spec-kit'] += 2;
    else if (/^\s*-\s*\[.\]\*?\s+\d+(?:\.\d+)*\.?\s/.test(line)) {
      if (/^\s*-\s*\[.\]\*/.test(line) || /^\s*-\s*\[-\]/.test(line) || /^\s*-\s*\[.\]\s+\d+\.\s/.test(line)) score.kiro += 2;
      else score.openspec += 1;
      score.kiro += 1;
    } else if (/^\s+-\s+_Requirements:/.test(line) || /^#\s+Implementation Plan/i.test(line)) score.kiro += 3;
    else if (/^##\s+\d+\.\s+\S/.test(line)) score.openspec += 3;
  }
  let best: SpecFormat | null = null;
  let bestScore = 0;
  for (const f of ['spec-runner', 'spec-kit', 'openspec', 'kiro'] as const) {
    if (score[f] > bestScore) {
      best = f;
      bestScore = score[f];
    }
  }
  return best;
}

export function detectFormat(path: string, text: string, override?: SpecFormat | null): Detection {
  if (override) return { format: override, reason: 'override' };
  const byPath = detectByPath(path);
  if (byPath) return { format: byPath, reason: 'path' };
  const byContent = detectByContent(text);
  if (byContent) return { format: byContent, reason: 'content' };
  return { format: 'spec-runner', reason: 'default' };
}
