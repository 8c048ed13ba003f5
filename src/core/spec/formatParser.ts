// The contract each format's parser implements. Parsers work on a window of lines that starts at
// a block boundary, so the incremental re-parse can redo one task without redoing the file.
import type { Diagnostic, SpecFormat, SpecGroup, Task } from './model';

/** The cross-block state a window needs: the group headings in force where it starts. */
export interface BlockContext {
  readonly group: string | null;
  readonly subgroup: string | null;
}

export interface ParseChunk {
  readonly tasks: Task[];
  readonly groups: SpecGroup[];
  readonly diagnostics: Diagnostic[];
  /** Sorted lines in [from, to) for which `isContextLine` holds (group headings, code fences). */
  readonly contextLines: number[];
}

/** A whole file's parse from its text, which also counts the file's lines. */
export interface TextChunk extends ParseChunk {
  readonly lineCount: number;
}

export interface FormatParser {
  readonly format: SpecFormat;
  /**
   * Parses lines [from, to) into tasks, groups and syntax diagnostics. `from` is 0, the line after
   * frontmatter, a task header line or a group heading line; `ctx` is the group state in force
   * there. Parsing from a task header with that task's context must give exactly what a whole-file
   * parse gives for those lines. `parent` is the id-derived candidate (`2.1` -> `2`); the shared
   * post-pass drops it when no such task exists and fills `children`. Never throws.
   */
  parse(lines: readonly string[], from: number, to: number, ctx: BlockContext, file: string): ParseChunk;
  /**
   * What `parse` gives for lines [line, end) of splitText(text).lines, with no group in force,
   * read from the text itself: line `line` starts at `offset`. For a parser that can skip
   * splitting the file (a 10k-task file is 150k lines, and most of them need no string).
   */
  parseText?(text: string, offset: number, line: number, file: string): TextChunk;
  /**
   * True for a line that changes the context of later lines (a group heading, a code fence that
   * hides headers): an edit that adds or removes one forces a whole parse.
   */
  isContextLine(line: string): boolean;
}
