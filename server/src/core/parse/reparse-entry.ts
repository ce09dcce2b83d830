import type { TextRange } from '../types';
import type { ParsedLayout, Reusable } from './document';
import { fastParse, type AnchorDef } from './fast-parse';
import type { SourceLocations } from './locations';
import { findDeepNesting, findNonText } from './text-checks';

/**
 * Re-parses only the list entry an edit touched: one entry of `partitions` or `host.devices` in block
 * style, with the same parser as the whole text (fast-parse.ts). The previous parse must be clean and
 * from the fast path; the edit must lie inside one entry, and the new text of that entry must parse as
 * exactly one entry in the same column, followed by what follows it in the file (the next entry's
 * dash, or the end of the text). The entry may use aliases of anchors defined above it, but neither
 * its old nor its new text may define an anchor, and no anchored collection may hold it (the copies
 * its aliases make would change too). Positions after the edit are shifted; the entry's data and
 * positions are replaced. Returns undefined when any condition fails (the caller then parses it all).
 * A property test holds the result equal to a full parse.
 *
 * The previous result is consumed: its data and positions now describe the new text.
 */
export function reparseEntry(prev: ParsedLayout, text: string): ParsedLayout | undefined {
  const locations = prev.locations;
  const reusable = prev.reusable;
  if (!reusable || !locations || prev.broken || prev.findings.length > 0) return undefined;
  const old = prev.text;
  const { start, oldEnd } = changedSpan(old, text);
  const delta = text.length - old.length;

  const target = findEntry(prev.data, locations, old, start, oldEnd);
  if (!target) return undefined;
  const { list, index, regionStart, regionEnd, column, last, depth } = target;
  const anchors = anchorsAbove(reusable.anchors, locations, regionStart, regionEnd);
  if (!anchors) return undefined;
  const chunk = text.slice(regionStart, regionEnd + delta);
  const dash = `${' '.repeat(column)}-`;
  if (!chunk.startsWith(dash) || findNonText(chunk) || findDeepNesting(chunk) !== undefined) return undefined;
  // The chunk is parsed on its own (it starts a line, so columns are those of the file), then moved to its place.
  const parsed = fastParse(chunk + (last ? '' : `${dash} x\n`), locations.documentRange, locations, { depth, anchors, expanded: reusable.expanded });
  if (!parsed || !Array.isArray(parsed.data) || parsed.data.length !== (last ? 1 : 2)) return undefined;
  const moved = new Set<TextRange>();
  const move = (r: TextRange): void => {
    if (moved.has(r)) return;
    moved.add(r);
    r.start += regionStart;
    r.end += regionStart;
  };
  forEachRange(parsed.data, locations, move, () => true);
  const entry: unknown = parsed.data[0];
  const entryRange = locations.itemRange(parsed.data, 0);
  // After the last entry, comment lines would decide where the list and the document end: taken only without them.
  if (last && text.slice(entryRange.end).trim() !== '') return undefined;
  const listLoc = locations.builtOf(list);
  if (!listLoc?.items) return undefined;

  // Commit: swap the entry, then shift every position after the edit (each range object once;
  // a container that ends before the edit holds nothing to shift).
  list[index] = entry;
  listLoc.items[index] = entryRange;
  const done = new Set<TextRange>([entryRange]);
  const shift = (r: TextRange): void => {
    if (done.has(r)) return;
    done.add(r);
    if (r.start >= oldEnd) r.start += delta;
    if (r.end >= oldEnd) r.end += delta;
  };
  if (delta !== 0) forEachRange(prev.data, locations, shift, (value, range) => value !== entry && range.end >= oldEnd);
  if (last) {
    // Nothing but blank lines after the last entry: the list and the document end where it does.
    const listEnd = locations.rangeOf(parsed.data).end;
    listLoc.range.end = listEnd;
    const rootLoc = locations.builtOf(prev.data as object);
    if (rootLoc) rootLoc.range.end = listEnd;
  }
  for (const a of reusable.anchors) if (a.at.start >= regionEnd) shift(a.at);
  // The expansions of the old entry's aliases stay counted: a bound, reset by the next full parse.
  const next: Reusable = { anchors: reusable.anchors, expanded: parsed.expanded };
  return { text, lines: prev.lines.edited(text, start, oldEnd, delta), data: prev.data, locations, findings: [], broken: false, reusable: next };
}

/**
 * The anchors an entry at [regionStart, regionEnd) may use: the last of each name defined above it.
 * Undefined when one is defined inside it or an anchored collection holds it.
 */
function anchorsAbove(defs: readonly AnchorDef[], locations: SourceLocations, regionStart: number, regionEnd: number): Map<string, unknown> | undefined {
  const out = new Map<string, unknown>();
  for (const a of defs) {
    if (a.at.start >= regionEnd) break;
    if (a.at.start >= regionStart) return undefined;
    if (a.value !== null && typeof a.value === 'object' && locations.rangeOf(a.value).end > regionStart) return undefined;
    out.set(a.name, a.value);
  }
  return out;
}

/** Compared a block at a time (the engine's string comparison), then a character at a time. */
const BLOCK = 1024;

/** Where `text` differs from `old`: [start, oldEnd) of `old` was replaced (the common prefix and suffix are kept). */
function changedSpan(old: string, text: string): { start: number; oldEnd: number } {
  const max = Math.min(old.length, text.length);
  let start = 0;
  while (start + BLOCK <= max && old.substring(start, start + BLOCK) === text.substring(start, start + BLOCK)) start += BLOCK;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  // the common suffix, not overlapping the common prefix
  const room = max - start;
  let tail = 0;
  while (tail + BLOCK <= room && old.substring(old.length - tail - BLOCK, old.length - tail) === text.substring(text.length - tail - BLOCK, text.length - tail)) tail += BLOCK;
  while (tail < room && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  return { start, oldEnd: old.length - tail };
}

interface EntryTarget {
  list: unknown[];
  index: number;
  /** start of the entry's first line (its indentation included) */
  regionStart: number;
  /** start of the next entry's first line, or the end of the text for the document's last entry */
  regionEnd: number;
  /** column of the entry's dash */
  column: number;
  last: boolean;
  /** nesting depth of the list in the document (the root mapping is 0) */
  depth: number;
}

/** The block-list entry of `partitions` or `host.devices` whose lines contain [start, end). */
function findEntry(data: unknown, locations: SourceLocations, text: string, start: number, end: number): EntryTarget | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const root = data as Record<string, unknown>;
  const rootPairs = locations.builtOf(root)?.pairs;
  if (!rootPairs) return undefined;
  const host = root.host;
  const lists: Array<{ list: unknown; mayBeLast: boolean; depth: number }> = [
    { list: root.partitions, mayBeLast: rootPairs[rootPairs.length - 1]?.[0] === 'partitions', depth: 1 },
    { list: host && typeof host === 'object' ? (host as Record<string, unknown>).devices : undefined, mayBeLast: false, depth: 2 },
  ];
  for (const { list, mayBeLast, depth } of lists) {
    if (!Array.isArray(list) || list.length === 0) continue;
    const items = locations.builtOf(list)?.items;
    if (!items || items.length !== list.length) continue;
    // the entry whose dash line starts at or before the edit (entries are in text order)
    let lo = 0;
    let hi = items.length - 1;
    if (lineStart(text, items[0].start) > start) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStart(text, items[mid].start) <= start) lo = mid;
      else hi = mid - 1;
    }
    const column = dashColumn(text, items[lo].start);
    if (column === undefined) return undefined;
    const last = lo === items.length - 1;
    if (last && !mayBeLast) continue;
    let regionEnd = text.length;
    if (!last) {
      if (dashColumn(text, items[lo + 1].start) !== column) return undefined;
      regionEnd = lineStart(text, items[lo + 1].start);
    }
    if (end > regionEnd || (end === regionEnd && !last)) continue;
    return { list, index: lo, regionStart: lineStart(text, items[lo].start), regionEnd, column, last, depth };
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The column of the dash before an entry that starts on its dash's line ("  - name: x"), else undefined. */
function dashColumn(text: string, itemStart: number): number | undefined {
  const m = /^( *)- +$/.exec(text.slice(lineStart(text, itemStart), itemStart));
  return m ? m[1].length : undefined;
}

/** Calls `fn` on every range of the containers under `value` that `enter` lets it into. */
function forEachRange(value: unknown, locations: SourceLocations, fn: (r: TextRange) => void, enter: (value: object, range: TextRange) => boolean): void {
  if (value === null || typeof value !== 'object') return;
  const loc = locations.builtOf(value);
  if (!loc || !enter(value, loc.range)) return;
  fn(loc.range);
  if (loc.items) for (const r of loc.items) fn(r);
  if (loc.pairs) {
    for (const [, p] of loc.pairs) {
      fn(p.key);
      fn(p.value);
    }
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) forEachRange(v, locations, fn, enter);
}
