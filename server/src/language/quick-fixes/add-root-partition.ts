import type { LayoutModel } from '../../core/model/types';
import type { PairLocation } from '../../core/parse/locations';
import { colonAfter, columnOf, eolAt, lineEndAt, lineStartAt, nextLineStart } from './text';
import type { OffsetEdit, QuickFixProvider } from './types';

const PARTITION_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Add a missing root partition (`single-root` when no partition has `role: root`): a
 * `- name: root` / `role: root` entry first in `partitions`, indented like the list.
 */
export const addRootPartition: QuickFixProvider = {
  rules: ['single-root'],
  provide({ text, result }) {
    const model = result.model;
    // With a root present, single-root is about extra roots: not this fix.
    if (!model || model.root) return undefined;
    const doc = model.raw.root;
    const pair = model.locations.pair(doc, 'partitions');
    if (!pair || text[model.locations.rangeOf(doc).start] === '{') return undefined;
    const name = rootName(model);
    const edits = insertRoot(text, model, pair, name);
    return edits && { title: `Add a root partition "${name}"`, edits, isPreferred: true };
  },
};

function insertRoot(text: string, model: LayoutModel, pair: PairLocation, name: string): OffsetEdit[] | undefined {
  const list = model.raw.root.partitions;
  const eol = eolAt(text, pair.key.end);
  const keyColumn = columnOf(text, pair.key.start);
  const seq = Array.isArray(list) ? model.locations.of(list) : undefined;

  if (seq?.kind === 'seq' && text[seq.range.start] === '-' && seq.items.length > 0) {
    // A block list: the new entry goes right under `partitions:`, shaped like the first entry.
    const dashColumn = columnOf(text, seq.range.start);
    const first = seq.items[0];
    const sameLine = lineStartAt(text, first.start) === lineStartAt(text, seq.range.start);
    const contentColumn = sameLine ? columnOf(text, first.start) : dashColumn + 2;
    let entry = blockEntry(name, dashColumn, contentColumn, eol);
    // Entries separated by blank lines get one after the new entry too.
    const second = seq.items[1];
    if (second && lineAboveIsBlank(text, second.start)) entry += eol;
    return [insertAt(text, nextLineStart(text, pair.key.end), entry, eol)];
  }

  if (seq?.kind === 'seq' && text[seq.range.start] === '[') {
    if (seq.items.length > 0) return [{ range: { start: seq.items[0].start, end: seq.items[0].start }, newText: `{ name: ${name}, role: root }, ` }];
    // `partitions: []` becomes a block list under the key (a comment after `[]` stays on the key's line).
    const colon = colonAfter(text, pair.key.end);
    if (colon === undefined || !/^[ \t]*$/.test(text.slice(colon, seq.range.start)) || seq.range.end > lineEndAt(text, pair.key.end)) return undefined;
    return [
      { range: { start: colon, end: seq.range.end }, newText: '' },
      insertAt(text, nextLineStart(text, seq.range.end), blockEntry(name, keyColumn + 2, keyColumn + 4, eol), eol),
    ];
  }

  if (list === null && (pair.value.start === pair.key.start || pair.value.start === pair.value.end)) {
    // `partitions:` with nothing after it.
    const colon = colonAfter(text, pair.key.end);
    if (colon === undefined || !/^[ \t]*(#.*)?$/.test(text.slice(colon, lineEndAt(text, colon)))) return undefined;
    return [insertAt(text, nextLineStart(text, colon), blockEntry(name, keyColumn + 2, keyColumn + 4, eol), eol)];
  }
  return undefined;
}

function blockEntry(name: string, dashColumn: number, contentColumn: number, eol: string): string {
  const dash = `${' '.repeat(dashColumn)}-${' '.repeat(Math.max(1, contentColumn - dashColumn - 1))}`;
  return `${dash}name: ${name}${eol}${' '.repeat(dash.length)}role: root${eol}`;
}

function lineAboveIsBlank(text: string, offset: number): boolean {
  const start = lineStartAt(text, offset);
  return start > 0 && /^[ \t]*\r?\n$/.test(text.slice(lineStartAt(text, start - 1), start));
}

/** Inserts whole lines at a line start; at the end of a text without a final line break, starts a line first. */
function insertAt(text: string, offset: number, lines: string, eol: string): OffsetEdit {
  const atEndWithoutBreak = offset === text.length && text.length > 0 && !text.endsWith('\n');
  return { range: { start: offset, end: offset }, newText: atEndWithoutBreak ? eol + lines.slice(0, lines.length - eol.length) : lines };
}

/**
 * A name no partition has: the one name children give as their missing `parent`, when there is
 * exactly one; else "root", "root-2", ...
 */
function rootName(model: LayoutModel): string {
  const taken = new Set(model.allPartitions.map((p) => p.name));
  const wanted = new Set(model.allPartitions.map((p) => p.parentName).filter((n): n is string => n !== undefined && !taken.has(n)));
  if (wanted.size === 1) {
    const [only] = wanted;
    if (PARTITION_NAME.test(only)) return only;
  }
  if (!taken.has('root')) return 'root';
  let k = 2;
  while (taken.has(`root-${k}`)) k++;
  return `root-${k}`;
}
