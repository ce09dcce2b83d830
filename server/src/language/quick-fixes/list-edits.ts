import type { SourceLocations } from '../../core/parse/locations';
import type { TextRange } from '../../core/types';
import { colonAfter, commaBetween, eolAt, lineEndAt, lineStartAt, nextLineStart, scalarValue, startsLine } from './text';
import type { OffsetEdit } from './types';

/** A string entry of a list in the layout, to be removed. */
export interface ListEntry {
  /** the list as plain data (its position comes from the SourceLocations) */
  list: unknown;
  index: number;
  /** the entry's value: the text at its position must still say it (guards aliases and stale ranges) */
  value: string;
  /** the range of the key that holds the list: an emptied block list becomes `key: []` */
  key?: TextRange;
}

/**
 * The edits that remove one entry from a block list (`- item` lines) or a flow list (`[a, b]`),
 * leaving everything else byte-for-byte as it was. Undefined when the entry cannot be removed
 * cleanly (reached through an alias, or written in a shape this does not handle).
 */
export function removeListEntry(text: string, locations: SourceLocations, entry: ListEntry): OffsetEdit[] | undefined {
  const loc = locations.of(entry.list as object);
  if (loc?.kind !== 'seq') return undefined;
  const item = loc.items[entry.index];
  if (!item || scalarValue(text.slice(item.start, item.end)) !== entry.value) return undefined;
  const opener = text[loc.range.start];
  if (opener === '-') return removeBlockEntry(text, loc.items, entry.index, entry.key);
  if (opener === '[') return removeFlowEntry(text, loc.range, loc.items, entry.index);
  return undefined;
}

function removeBlockEntry(text: string, items: TextRange[], index: number, key: TextRange | undefined): OffsetEdit[] | undefined {
  const item = items[index];
  const lineStart = lineStartAt(text, item.start);
  // The entry must be a `- value` line of its own (not `- - value` or a value on the next line).
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(lineStart, item.start))) return undefined;
  const edits: OffsetEdit[] = [{ range: { start: lineStart, end: nextLineStart(text, item.end) }, newText: '' }];
  if (items.length === 1) {
    // `key:` with nothing under it would be null, not an empty list.
    const colon = key ? colonAfter(text, key.end) : undefined;
    if (colon === undefined) return undefined;
    edits.push({ range: { start: colon, end: colon }, newText: ' []' });
  }
  return edits;
}

function removeFlowEntry(text: string, seq: TextRange, items: TextRange[], index: number): OffsetEdit[] {
  const item = items[index];
  const open = seq.start;
  const close = seq.end - 1;
  if (items.length === 1) {
    const inner = text.slice(open + 1, close);
    if (!inner.includes('#')) return [del(open + 1, close)];
  }
  const next = items[index + 1];
  const comma = commaBetween(text, item.end, next ? next.start : close);
  // An entry on a line of its own in a multi-line flow list: remove the line (its comment goes with it).
  const lineEnd = lineEndAt(text, item.end);
  const commaOnLine = comma !== undefined && comma < lineEnd;
  const rest = text.slice(commaOnLine ? comma + 1 : item.end, lineEnd);
  if (startsLine(text, item.start) && /^[ \t]*(#.*)?$/.test(rest) && (commaOnLine || (next === undefined && comma === undefined))) {
    return [del(lineStartAt(text, item.start), nextLineStart(text, item.end))];
  }
  const prev = items[index - 1];
  if (next === undefined && prev) {
    // The last entry: remove it with the comma before it, `[a, b]` -> `[a]`.
    const before = commaBetween(text, prev.end, item.start);
    if (before !== undefined && !/[#\n]/.test(text.slice(before, item.start))) return [del(before, item.end)];
    return [del(item.start, item.end)];
  }
  if (comma === undefined) return [del(item.start, item.end)];
  // `[a, b, c]` -> `[a, c]`: the entry, its comma and the spaces after it (not a comment's separator).
  let end = comma + 1;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (text[end] === '#') end = comma + 1;
  return [del(item.start, end)];
}

function del(start: number, end: number): OffsetEdit {
  return { range: { start, end }, newText: '' };
}

/**
 * The edit that appends string entries (already written as YAML scalars) to a block list (`- item`
 * lines, after the last one, at its dash's column) or a flow list (before `]`). Undefined for an
 * empty or aliased list, or a shape this does not handle.
 */
export function appendListEntries(text: string, locations: SourceLocations, list: unknown, entries: string[]): OffsetEdit | undefined {
  if (!Array.isArray(list) || entries.length === 0) return undefined;
  const loc = locations.of(list);
  if (loc?.kind !== 'seq' || loc.items.length === 0) return undefined;
  const last = loc.items[loc.items.length - 1];
  const opener = text[loc.range.start];
  if (opener === '[') return { range: { start: last.end, end: last.end }, newText: entries.map((e) => `, ${e}`).join('') };
  if (opener !== '-') return undefined;
  const lineStart = lineStartAt(text, last.start);
  const dash = /^([ \t]*)-([ \t]+)$/.exec(text.slice(lineStart, last.start));
  if (!dash || last.end > lineEndAt(text, last.start)) return undefined;
  const at = nextLineStart(text, last.end);
  const eol = eolAt(text, last.start);
  const lines = entries.map((e) => `${dash[1]}-${dash[2]}${e}${eol}`).join('');
  const missingBreak = at === text.length && !text.endsWith('\n');
  return { range: { start: at, end: at }, newText: missingBreak ? eol + lines.slice(0, -eol.length) : lines };
}
