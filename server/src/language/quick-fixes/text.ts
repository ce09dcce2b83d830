/** Small text helpers for building minimal edits (offsets, lines, line endings, scalars). */

import { parse } from 'yaml';

/** Offset of the start of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the start of the next line after the one holding `offset` (the text's end on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Offset of the end of the line holding `offset`, before its line break (`\r\n` or `\n`). */
export function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The line break to use for a new line near `offset`: that line's own, else the file's first, else `\n`. */
export function eolAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  if (nl !== -1) return text[nl - 1] === '\r' ? '\r\n' : '\n';
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** The leading spaces and tabs of the line starting at `lineStart`. */
export function indentationAt(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart, lineEndAt(text, lineStart)))?.[0] ?? '';
}

/** Column (UTF-16 units from the line's start) of `offset`. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}

/** True when only spaces and tabs stand between the start of the line and `offset`. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));
}

/** Offset just after the `:` that follows a mapping key ending at `keyEnd`, when it is there. */
export function colonAfter(text: string, keyEnd: number): number | undefined {
  let i = keyEnd;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':' ? i + 1 : undefined;
}

/** The value a scalar's source text stands for, for plain, single- and double-quoted scalars. */
export function scalarValue(source: string): string {
  if (source.length >= 2 && source.startsWith('"') && source.endsWith('"')) {
    try {
      return JSON.parse(source) as string;
    } catch {
      return source.slice(1, -1);
    }
  }
  if (source.length >= 2 && source.startsWith("'") && source.endsWith("'")) return source.slice(1, -1).replace(/''/g, "'");
  return source;
}

const PLAIN_CHARS = /^[A-Za-z0-9_][A-Za-z0-9_./:-]*$/;

/** True when `value` written as a plain scalar reads back as that same string (not a number, bool, null). */
function plainReadsBack(value: string): boolean {
  if (!PLAIN_CHARS.test(value)) return false;
  try {
    return parse(value) === value;
  } catch {
    return false;
  }
}

/**
 * The source text for `value` replacing the scalar written as `source`: the same quoting style when
 * it was quoted; plain when the value reads back as that string, double-quoted otherwise.
 */
export function replacementScalar(source: string, value: string): string {
  if (source.length >= 2 && source.startsWith('"') && source.endsWith('"')) return JSON.stringify(value);
  if (source.length >= 2 && source.startsWith("'") && source.endsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return plainReadsBack(value) ? value : JSON.stringify(value);
}

/** The first `,` in [from, to) outside comments, if any. */
export function commaBetween(text: string, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === ',') return i;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl === -1 || nl >= to) return undefined;
      i = nl;
    }
  }
  return undefined;
}
