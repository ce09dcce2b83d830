import type { LayoutModel, Partition } from '../../core/model/types';
import { sizeLiteral } from '../../core/rules/memory-sizes';
import { MMIO_LOW_LIMIT } from '../../core/model/mmio';
import { MiB } from '../../core/util/sizes';
import { mmioNeeds, type MmioSide } from '../mmio-facts';
import { propertiesOf, schemaAt, isObjectSchema } from '../schema-nav';
import { sameRange } from './find';
import { setPair } from './map-edits';
import type { OffsetEdit, QuickFixProvider } from './types';

const SIDES: readonly MmioSide[] = ['low', 'high'];
const CMDLET: Record<MmioSide, string> = { high: '-HighMemoryMappedIoSpace', low: '-LowMemoryMappedIoSpace' };

/**
 * Set `mmioSpace` to the recommended values (`mmio-space`, `mmio-buffer`): each side that is below
 * what Microsoft recommends (the assigned devices' sum + 512 MiB high, + 128 MiB low when they
 * need low MMIO), or whose `low` is not below 4 GiB, gets the recommendation; the `Set-VM` values
 * of the message.
 */
export const setMmioSpace: QuickFixProvider = {
  rules: ['mmio-space', 'mmio-buffer'],
  provide({ text, result, range }) {
    const model = result.model;
    const p = model?.partitions.find((x) => !x.isRoot && anchors(model, x).some((r) => sameRange(r, range)));
    if (!model || !p) return undefined;
    const want = new Map<MmioSide, number>();
    for (const side of SIDES) {
      const { sum, recommended } = mmioNeeds(p, side);
      const has = side === 'high' ? p.mmioHigh : p.mmioLow;
      const tooLow = has < recommended && (side === 'high' || sum > 0);
      if ((tooLow || (side === 'low' && has >= MMIO_LOW_LIMIT)) && !(side === 'low' && recommended >= MMIO_LOW_LIMIT)) want.set(side, recommended);
    }
    if (want.size === 0) return undefined;
    const edits = mmioEdits(text, model, p, want);
    if (!edits) return undefined;
    const who = p.name ? `"${p.name}"` : `partition #${p.index + 1}`;
    const what = [...want].map(([side, bytes]) => `${side} ${sizeLiteral(bytes)}`).join(' and ');
    const cmd = [...want].map(([side, bytes]) => `${CMDLET[side]} ${bytes / MiB}MB`).join(' ');
    return { title: `Set mmioSpace of ${who} to the recommended ${what} (Set-VM ${cmd})`, edits, isPreferred: true };
  },
};

/** Where mmio-space and mmio-buffer anchor on a child: `devices` key, `mmioSpace` key, its `high`/`low` values. */
function anchors(model: LayoutModel, p: Partition): Array<{ start: number; end: number }> {
  const loc = model.locations;
  const out = [loc.pair(p.raw, 'devices')?.key, loc.pair(p.raw, 'mmioSpace')?.key];
  const m = p.raw.mmioSpace;
  if (isMap(m)) for (const side of SIDES) out.push(loc.pair(m, side)?.value);
  return out.filter((r): r is { start: number; end: number } => r !== undefined);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mmioEdits(text: string, model: LayoutModel, p: Partition, want: Map<MmioSide, number>): OffsetEdit[] | undefined {
  const loc = model.locations;
  const m = p.raw.mmioSpace;
  if (m === undefined) {
    const flow = `{ ${SIDES.filter((s) => want.has(s)).map((s) => `${s}: ${sizeLiteral(want.get(s)!)}`).join(', ')} }`;
    const order = propertyOrder(['partitions', 0]);
    const edit = setPair(text, loc, p.raw, 'mmioSpace', { inline: flow }, order);
    return edit && [edit.edit];
  }
  if (!isMap(m)) return undefined;
  const edits: OffsetEdit[] = [];
  for (const [side, bytes] of want) {
    const edit = setPair(text, loc, m, side, { inline: sizeLiteral(bytes) }, SIDES);
    if (!edit) return undefined;
    edits.push(edit.edit);
  }
  // Two insertions at one place (both sides missing) would land in an undefined order.
  if (edits.length === 2 && edits[0].range.start === edits[1].range.start) return undefined;
  return edits;
}

/** The schema's property order for the mapping at a path (where a new key goes). */
function propertyOrder(path: Array<string | number>): string[] {
  const schema = schemaAt(path);
  return schema && isObjectSchema(schema) ? propertiesOf(schema).map((p) => p.key) : [];
}
