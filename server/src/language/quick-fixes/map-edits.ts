import type { PairLocation, SourceLocations } from '../../core/parse/locations';
import { colonAfter, columnOf, eolAt, lineStartAt, nextLineStart, startsLine } from './text';
import type { OffsetEdit } from './types';

/** A value to write: a scalar or flow text on the key's line, or block lines under the key (relative indentation). */
export type PairValue = { inline: string } | { block: string[] };

/** An edit that sets a key, and where the value's text starts inside its `newText`. */
export interface PairEdit {
  edit: OffsetEdit;
  /** offset of the written value (its first line for a block) in `edit.newText` */
  valueAt: number;
}

/**
 * Sets `key` of the mapping `obj` (plain data from the parse) to `value`, as one minimal edit: the
 * value replaced when the key is there (scalars only), else a new pair placed after the last
 * present key that comes before it in `order` (first when none does), indented like its siblings.
 * Block and flow mappings; undefined for shapes it does not handle (an alias, a value on its own line).
 */
export function setPair(text: string, locations: SourceLocations, obj: object, key: string, value: PairValue, order: readonly string[]): PairEdit | undefined {
  const map = locations.of(obj);
  if (map?.kind !== 'map') return undefined;
  const opener = text[map.range.start];
  if (opener === '*') return undefined;
  const pairs = [...map.pairs];
  const existing = map.pairs.get(key);
  if (existing) return replaceValue(text, existing, value);
  const rank = (k: string): number => {
    const i = order.indexOf(k);
    return i === -1 ? order.length : i;
  };
  const before = pairs.filter(([k]) => rank(k) < rank(key));
  const after = before.length > 0 ? before[before.length - 1][1] : undefined;
  if (opener === '{') return 'inline' in value ? insertFlow(map.range, pairs.map(([, p]) => p), after, key, value.inline) : undefined;
  return insertBlock(text, pairs.map(([, p]) => p), after, key, value);
}

function replaceValue(text: string, pair: PairLocation, value: PairValue): PairEdit | undefined {
  if (!('inline' in value)) return undefined;
  const empty = pair.value.start === pair.key.start;
  if (!empty) {
    // Only a scalar on the key's line is replaced (not a mapping or list).
    if (/[[{|>&*!]/.test(text[pair.value.start]) || text.slice(pair.value.start, pair.value.end).includes('\n')) return undefined;
    return { edit: { range: pair.value, newText: value.inline }, valueAt: 0 };
  }
  const colon = colonAfter(text, pair.key.end);
  if (colon === undefined) return undefined;
  return { edit: { range: { start: colon, end: colon }, newText: ` ${value.inline}` }, valueAt: 1 };
}

function insertFlow(range: { start: number; end: number }, pairs: PairLocation[], after: PairLocation | undefined, key: string, value: string): PairEdit {
  const entry = `${key}: ${value}`;
  if (pairs.length === 0) {
    // `{}` (or `{ }`): the entry goes inside, spaced.
    return { edit: { range: { start: range.start + 1, end: range.end - 1 }, newText: ` ${entry} ` }, valueAt: key.length + 3 };
  }
  if (after) return { edit: { range: { start: after.value.end, end: after.value.end }, newText: `, ${entry}` }, valueAt: key.length + 4 };
  const first = pairs[0].key.start;
  return { edit: { range: { start: first, end: first }, newText: `${entry}, ` }, valueAt: key.length + 2 };
}

function insertBlock(text: string, pairs: PairLocation[], after: PairLocation | undefined, key: string, value: PairValue): PairEdit | undefined {
  if (pairs.length === 0) return undefined;
  const column = columnOf(text, pairs[0].key.start);
  const indent = ' '.repeat(column);
  let at: number;
  if (after) {
    const end = Math.max(after.value.end, after.key.end);
    at = text[end - 1] === '\n' ? end : nextLineStart(text, end);
  } else {
    const first = pairs[0].key.start;
    // The first key after `- ` shares its line with the dash: the new pair goes after it instead.
    if (!startsLine(text, first)) return insertBlock(text, pairs, pairs[0], key, value);
    at = lineStartAt(text, first);
  }
  const eol = eolAt(text, Math.max(0, at - 1));
  const head = `${indent}${key}:`;
  const lines = 'inline' in value ? [`${head} ${value.inline}`] : [head, ...value.block.map((l) => `${indent}  ${l}`)];
  const body = lines.join(eol) + eol;
  const valueAt = 'inline' in value ? head.length + 1 : head.length + eol.length + column + 2;
  // At the end of a text without a final line break, the new line starts with one.
  if (at === text.length && text.length > 0 && !text.endsWith('\n')) return { edit: { range: { start: at, end: at }, newText: eol + body.slice(0, -eol.length) }, valueAt: valueAt + eol.length };
  return { edit: { range: { start: at, end: at }, newText: body }, valueAt };
}
