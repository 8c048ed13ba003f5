// One file's diff as HTML, by diff2html (line by line). The only HTML the review page inserts as
// markup: diff2html escapes every line, file name and hunk header it renders (a unit test proves it
// on `<img src=x onerror=alert(1)>`); everything else on the page goes through textContent.
import { html, parse } from 'diff2html';

/** diff2html options for the panel: no file list, no line matching (cheap on big hunks). */
const OPTIONS = {
  outputFormat: 'line-by-line',
  drawFileList: false,
  matching: 'none',
  diffStyle: 'word',
  renderNothingWhenEmpty: false,
} as const;

/** The rendered table(s) of one file's unified diff (`--- a/x`, `+++ b/x`, hunks). */
export function fileDiffHtml(diff: string): string {
  return html(parse(diff, OPTIONS), OPTIONS);
}
