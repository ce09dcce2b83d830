import type { Partition } from '../../core/model/types';
import { deviceListingAt } from './find';
import { appendListEntries, removeListEntry } from './list-edits';
import { replacementScalar } from './text';
import type { OffsetEdit, QuickFixProvider } from './types';

/**
 * Assign the whole IOMMU group (`iommu-group-split`): the child whose listing splits the group gets
 * every other device of the group, appended to its `devices`; a group-mate another partition lists
 * (another child, or the root by name) is taken out of that list, so each device keeps one listing.
 */
export const assignWholeGroup: QuickFixProvider = {
  rules: ['iommu-group-split'],
  provide({ text, result, range }) {
    const model = result.model;
    const at = model && deviceListingAt(model, range);
    if (!model || !at) return undefined;
    const owner = at.partition;
    const device = model.ownership.get(at.ref.value);
    const group = device?.owner === owner ? device.device.iommuGroup : undefined;
    if (group === undefined) return undefined;
    const mates = [...model.ownership.values()].filter((o) => o.device.iommuGroup === group && o.owner !== owner).map((o) => o.device);
    if (mates.length === 0) return undefined;

    const edits: OffsetEdit[] = [];
    const takenFrom = new Set<Partition>();
    const listed = new Set(owner.devices.map((r) => r.value));
    for (const mate of mates) {
      for (const p of model.allPartitions) {
        if (p === owner) continue;
        for (const ref of p.devices.filter((r) => r.value === mate.id)) {
          const removal = removeListEntry(text, model.locations, { list: p.raw.devices, index: ref.index, value: ref.value, key: model.locations.pair(p.raw, 'devices')?.key });
          if (!removal) return undefined;
          edits.push(...removal);
          if (!p.isRoot) takenFrom.add(p);
        }
      }
    }
    const added = mates.filter((d) => !listed.has(d.id));
    const append = appendListEntries(text, model.locations, owner.raw.devices, added.map((d) => replacementScalar('', d.id)));
    if (added.length > 0 && !append) return undefined;
    if (append) edits.push(append);
    if (overlapping(edits)) return undefined;

    const name = (p: Partition): string => (p.name ? `"${p.name}"` : `partition #${p.index + 1}`);
    const from = takenFrom.size > 0 ? `, taking them from ${[...takenFrom].map(name).join(', ')}` : '';
    return { title: `Assign all of IOMMU group ${group} to ${name(owner)}: add ${mates.map((d) => `"${d.id}"`).join(', ')}${from}`, edits, isPreferred: true };
  },
};

/** Edits that overlap, or two at one offset (whose order would be undefined): then no fix is offered. */
function overlapping(edits: OffsetEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  return sorted.some((e, i) => i > 0 && (e.range.start < sorted[i - 1].range.end || e.range.start === sorted[i - 1].range.start));
}
