/**
 * Line marks: private-use characters that carry source line numbers through phase 1. MJML's
 * line numbers point into the phase-1 output, which loops over entries make longer than the
 * source; the marks map them back. See docs/architecture.md, "Composing".
 */
export const LINE_MARK = /\uE000(\d+)\uE001/g;

// Each mark goes before the first non-blank character of a line, where it cannot stop Liquid's
// whitespace control (`{%-`, `-%}`) from trimming what it would trim without marks.
export function markLines(text: string, firstLine: number): string {
  return text
    .split('\n')
    .map((row, i) => row.replace(/^(\s*)(?=\S)/, `$1\uE000${firstLine + i}\uE001`))
    .join('\n');
}

export function removeLineMarks(marked: string): { text: string; sourceLine: (line: number) => number } {
  const lines: number[] = [];
  let lastMark = 1;
  let rowsSinceMark = -1;
  const text = marked
    .split('\n')
    .map((row) => {
      const marks = [...row.matchAll(LINE_MARK)].map((match) => Number(match[1]));
      if (marks.length > 0) {
        lines.push(marks[0]);
        lastMark = marks[marks.length - 1];
        rowsSinceMark = 0;
      } else {
        rowsSinceMark += 1;
        lines.push(lastMark + rowsSinceMark);
      }
      return row.replace(LINE_MARK, '');
    })
    .join('\n');
  return { text, sourceLine: (line) => lines[line - 1] ?? line };
}
