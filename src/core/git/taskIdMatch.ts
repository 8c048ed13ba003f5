// Which commits belong to a task: its id must appear in the message as a whole word, so that
// TASK-001 does not claim the commits of TASK-0012 (or 1.1 those of 1.1.2).

const WORD = /[\p{L}\p{N}_]/u;
const DIGIT = /\p{N}/u;

/** Does `message` name `taskId` as a whole word? */
export function mentionsTaskId(message: string, taskId: string): boolean {
  if (taskId === '') return false;
  for (let at = message.indexOf(taskId); at >= 0; at = message.indexOf(taskId, at + 1)) {
    if (endsWord(message, at - 1, -1) && endsWord(message, at + taskId.length, 1)) return true;
  }
  return false;
}

/** Is the character at `index` (looking away from the id in `direction`) outside the id's word? */
function endsWord(text: string, index: number, direction: -1 | 1): boolean {
  const ch = text[index];
  if (ch === undefined) return true;
  if (WORD.test(ch)) return false;
  // A dot between digits continues a number (1.1.2), unlike a dot that ends a sentence.
  if (ch === '.') {
    const beyond = text[index + direction];
    return beyond === undefined || !DIGIT.test(beyond);
  }
  return true;
}
