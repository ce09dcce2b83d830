import type { LineIndex } from '../core/parse/lines';
import type { TextRange } from '../core/types';
import type { Style } from './style';

/**
 * The source lines around a range with the range underlined, as in a compiler's output:
 *
 *       2 | name: demo
 *     > 3 |   virtualprocessors: 2
 *         |   ^^^^^^^^^^^^^^^^^
 */

const CONTEXT = 1;
const MAX_MARKED_LINES = 4;
/** Long lines (minified or generated files) are cut to a window around the range. */
const MAX_WIDTH = 140;

export function codeFrame(lines: LineIndex, range: TextRange, style: Style, indent = '    '): string {
  const start = lines.position(range.start);
  const end = lines.position(Math.max(range.start, range.end));
  // a range that ends at the start of a line does not mark that line
  const lastMarked = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  const shownLast = Math.min(lastMarked, start.line + MAX_MARKED_LINES - 1);
  const first = Math.max(0, start.line - CONTEXT);
  const last = Math.min(lines.lineCount - 1, shownLast + CONTEXT);
  const gutter = String(last + 1).length;
  const out: string[] = [];
  // one window for all lines, so that the carets line up with the text above them
  const windowStart = Math.max(0, start.character - 40);
  for (let l = first; l <= last; l++) {
    const text = lines.lineText(l);
    const marked = l >= start.line && l <= shownLast;
    const num = String(l + 1).padStart(gutter);
    const shown = clip(visible(text), windowStart);
    out.push(`${indent}${marked ? style.red('>') : ' '} ${style.dim(`${num} |`)}${shown === '' ? '' : ` ${shown}`}`);
    if (marked) {
      const from = l === start.line ? start.character : firstNonBlank(text);
      const to = l === end.line ? end.character : text.length;
      const width = Math.max(1, to - Math.max(from, windowStart));
      const pad = Math.max(0, from - windowStart) + (windowStart > 0 ? 1 : 0);
      const carets = '^'.repeat(Math.min(width, MAX_WIDTH - Math.min(pad, MAX_WIDTH - 1)));
      out.push(`${indent}  ${style.dim(`${' '.repeat(gutter)} |`)} ${' '.repeat(pad)}${style.red(carets)}`);
    }
  }
  if (shownLast < lastMarked) out.push(`${indent}  ${style.dim(`${' '.repeat(gutter)} |`)} … (${lastMarked - shownLast} more lines)`);
  return out.join('\n');
}

/** One character per UTF-16 unit, so the carets stay under the text: tabs and controls become one visible character. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f\u009b]/g, '\u2400');
}

function clip(text: string, windowStart: number): string {
  let t = windowStart > 0 ? `…${text.slice(windowStart)}` : text;
  if (t.length > MAX_WIDTH) t = `${t.slice(0, MAX_WIDTH)}…`;
  return t;
}

function firstNonBlank(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}
