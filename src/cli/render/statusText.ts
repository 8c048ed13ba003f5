// How tasks look in a terminal: one status glyph and colour per status, shared by every command.
import type { Priority, TaskStatus } from '../../core/spec/model';
import type { Style } from '../io';

export function statusGlyph(s: TaskStatus, st: Style): string {
  switch (s) {
    case 'todo':
      return '○';
    case 'in_progress':
      return st.blue('◐');
    case 'review':
      return st.magenta('◎');
    case 'done':
      return st.green('●');
    case 'blocked':
      return st.red('⊘');
    case 'unknown':
      return st.yellow('?');
  }
}

export function statusWord(s: TaskStatus): string {
  return s === 'in_progress' ? 'in progress' : s;
}

export function priorityText(p: Priority | null, st: Style): string {
  if (p === null) return st.dim('--');
  const text = p.toUpperCase();
  return p === 'p0' ? st.red(text) : p === 'p1' ? st.yellow(text) : text;
}

/** Pads by visible width, ignoring ANSI escapes. */
export function pad(s: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = s.replace(/\x1b\[[0-9;]*m/g, '').length;
  return visible >= width ? s : s + ' '.repeat(width - visible);
}
