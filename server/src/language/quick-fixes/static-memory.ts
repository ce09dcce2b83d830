import { partitionWithKeyAt } from './find';
import { colonAfter, lineEndAt, nextLineStart, replacementScalar, scalarValue } from './text';
import type { OffsetEdit, QuickFixProvider } from './types';

/**
 * Switch dynamic memory to static (`assignment-static-memory`, and `nested-static-memory` which
 * asks the same): the whole `memory:` mapping becomes `memory: <startup>`, keeping the startup size
 * as written. Comments on the key's line and after the mapping stay; those inside it go with it.
 */
export const switchToStaticMemory: QuickFixProvider = {
  rules: ['assignment-static-memory', 'nested-static-memory'],
  provide({ text, result, range }) {
    const model = result.model;
    const partition = model && partitionWithKeyAt(model, 'memory', range);
    if (!model || !partition || partition.memory?.kind !== 'dynamic' || partition.memory.startup === undefined) return undefined;
    const memory = partition.raw.memory as Record<string, unknown>;
    const startup = memory.startup;
    const map = model.locations.of(memory);
    const key = model.locations.pair(partition.raw, 'memory')?.key;
    const startupAt = map?.kind === 'map' ? map.pairs.get('startup') : undefined;
    if (typeof startup !== 'string' || map?.kind !== 'map' || !key || !startupAt) return undefined;

    const opener = text[map.range.start];
    const written = text.slice(startupAt.value.start, startupAt.value.end);
    // Through an alias the startup is not written here: write its value out.
    const size = opener !== '*' && scalarValue(written) === startup ? written : replacementScalar('', startup);
    let edits: OffsetEdit[] | undefined;
    if (opener === '{' || opener === '*') edits = [{ range: map.range, newText: size }];
    else edits = blockEdits(text, key.end, [...map.pairs.values()].flatMap((p) => [p.key, p.value]), size);
    if (!edits) return undefined;
    const who = partition.name ? `"${partition.name}"` : `partition #${partition.index + 1}`;
    return { title: `Switch ${who} to static memory of ${startup} (its startup size)`, edits, isPreferred: true };
  },
};

/** `memory:` + its block mapping's lines -> `memory: <size>`. */
function blockEdits(text: string, keyEnd: number, parts: Array<{ start: number; end: number }>, size: string): OffsetEdit[] | undefined {
  const colon = colonAfter(text, keyEnd);
  // Only a comment may follow `memory:` on its line (no anchor, tag or value there).
  if (colon === undefined || !/^[ \t]*(#.*)?$/.test(text.slice(colon, lineEndAt(text, colon)))) return undefined;
  const first = Math.min(...parts.map((p) => p.start));
  const last = Math.max(...parts.map((p) => p.end));
  const blockStart = nextLineStart(text, colon);
  if (first < blockStart) return undefined;
  const blockEnd = text[last - 1] === '\n' ? last : nextLineStart(text, last);
  return [
    { range: { start: colon, end: colon }, newText: ` ${size}` },
    { range: { start: blockStart, end: blockEnd }, newText: '' },
  ];
}
