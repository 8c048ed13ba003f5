// The markdown a hover shows for a definition: its block as written, cut short so a long
// requirement does not fill the screen.
import type { TraceDefinition } from './model';
import { splitText } from '../spec/text';

export const DEFINITION_TEXT_MAX_LINES = 60;

/** `text` is the definition file's content, or its lines already split (BOM and '\r' removed). */
export function definitionText(
  def: Pick<TraceDefinition, 'line' | 'endLine'>,
  text: string | readonly string[],
  maxLines = DEFINITION_TEXT_MAX_LINES,
): string {
  const lines = typeof text === 'string' ? splitText(text).lines : text;
  if (def.line < 0 || def.line >= lines.length) return '';
  const end = Math.min(def.endLine, lines.length - 1, def.line + maxLines - 1);
  const body = lines.slice(def.line, end + 1).join('\n').trim();
  return end < Math.min(def.endLine, lines.length - 1) ? `${body}\n…` : body;
}
