import { isMap, isSeq, parseDocument, visit, type Document, type Node as YamlNode, type YAMLSeq } from 'yaml';
import { convert } from './convert';
import { YAML_OPTIONS, type ParsedLayout } from './document';
import { LineIndex } from './lines';
import { findDeepNesting, findNonText } from './text-checks';

/**
 * Re-parses only the list entry an edit touched: one entry of `partitions` or `host.devices` in block
 * style. The previous parse must be clean (no findings, no anchors or aliases); the edit must lie
 * inside one entry, and the new text of that entry must parse on its own as exactly one entry at the
 * same indentation. Everything else is re-used: the YAML nodes after the edit are shifted, the entry's
 * node and data are replaced. Returns undefined when any condition fails (the caller parses it all).
 *
 * The previous result is consumed: its nodes and data now describe the new text.
 */
export function reparseEdit(prev: ParsedLayout, text: string): ParsedLayout | undefined {
  const doc = prev.doc;
  const locations = prev.locations;
  if (!doc || !locations || prev.broken || prev.findings.length > 0 || prev.usesAnchors) return undefined;
  const old = prev.text;
  const max = Math.min(old.length, text.length);
  let start = 0;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  const oldEnd = old.length - tail;
  const delta = text.length - old.length;

  const target = findEntry(doc, old, start, oldEnd);
  if (!target) return undefined;
  const { seq, index, regionStart, regionEnd, column } = target;
  const newRegionEnd = regionEnd + delta;
  const chunk = text.slice(regionStart, newRegionEnd);
  // Same indentation: the entry's dash stays in its column (else it would nest or leave the list).
  if (!chunk.startsWith(`${' '.repeat(column)}-`) || findNonText(chunk) || findDeepNesting(chunk) !== undefined) return undefined;

  const piece = parseDocument(padding(regionStart) + chunk, YAML_OPTIONS);
  if (piece.errors.length > 0 || piece.warnings.length > 0) return undefined;
  const contents = piece.contents;
  if (!isSeq(contents) || contents.flow || contents.items.length !== 1) return undefined;
  const entry = contents.items[0] as YamlNode | null;

  const list = listData(prev.data, seq, locations);
  if (!list) return undefined;
  const converted = convert(entry, locations.documentRange, locations);
  if (converted.problems.length > 0 || converted.usesAnchors) return undefined;

  // Commit: shift every position after the edit, then swap the entry's node and data.
  const replaced = seq.items[index] as YamlNode | null;
  visit(doc, (_key, node) => {
    if (node === replaced) return visit.SKIP;
    const r = (node as { range?: [number, number, number] }).range;
    if (r) for (let k = 0; k < 3; k++) if (r[k] >= oldEnd) r[k] += delta;
    return undefined;
  });
  seq.items[index] = entry;
  list[index] = converted.data;
  prev.doc = undefined;
  return { text, lines: new LineIndex(text), data: prev.data, locations, findings: [], broken: false, doc, usesAnchors: false };
}

interface EntryTarget {
  seq: YAMLSeq;
  index: number;
  /** start of the entry's first line (its indentation included) */
  regionStart: number;
  /** start of the next entry's first line, or the end of the text for the document's last entry */
  regionEnd: number;
  /** column of the entry's dash */
  column: number;
}

/** The block-list entry of `partitions` or `host.devices` whose lines contain [start, end). */
function findEntry(doc: Document, text: string, start: number, end: number): EntryTarget | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const lists: Array<{ seq: YAMLSeq; last: boolean }> = [];
  root.items.forEach((pair, i) => {
    const key = (pair.key as { value?: unknown } | null)?.value;
    if (key === 'partitions' && isSeq(pair.value)) lists.push({ seq: pair.value, last: i === root.items.length - 1 });
    if (key === 'host' && isMap(pair.value)) {
      for (const hp of pair.value.items) {
        if ((hp.key as { value?: unknown } | null)?.value === 'devices' && isSeq(hp.value)) lists.push({ seq: hp.value, last: false });
      }
    }
  });
  for (const { seq, last } of lists) {
    if (seq.flow || seq.items.length === 0) continue;
    const starts: number[] = [];
    let column = -1;
    for (const item of seq.items) {
      const r = (item as YamlNode | null)?.range;
      if (!r) return undefined;
      const lineStart = text.lastIndexOf('\n', r[0] - 1) + 1;
      const lead = /^( *)- +$/.exec(text.slice(lineStart, r[0]));
      if (!lead || (column !== -1 && lead[1].length !== column)) return undefined;
      column = lead[1].length;
      starts.push(lineStart);
    }
    if (start < starts[0]) continue;
    let i = starts.length - 1;
    while (i > 0 && starts[i] > start) i--;
    const isLast = i === starts.length - 1;
    if (isLast && !last) continue;
    const regionEnd = isLast ? text.length : starts[i + 1];
    if (end > regionEnd || (end === regionEnd && !isLast)) continue;
    return { seq, index: i, regionStart: starts[i], regionEnd, column };
  }
  return undefined;
}

/** The JavaScript array converted from `seq` (partitions or host.devices). */
function listData(data: unknown, seq: YAMLSeq, locations: NonNullable<ParsedLayout['locations']>): unknown[] | undefined {
  const root = data as { partitions?: unknown; host?: { devices?: unknown } } | null;
  for (const candidate of [root?.partitions, root?.host?.devices]) {
    if (Array.isArray(candidate) && locations.source(candidate)?.node === seq) return candidate;
  }
  return undefined;
}

/** Text of exactly `n` characters that YAML ignores (a comment line), so offsets stay those of the file. */
function padding(n: number): string {
  if (n === 0) return '';
  if (n === 1) return '\n';
  return `#${' '.repeat(n - 2)}\n`;
}
