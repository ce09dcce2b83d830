import type { Ownership } from '../model/types';
import type { RelatedInfo } from '../types';
import type { Rule } from './rule';
import { partitionLabel as label } from './partition-label';


/**
 * iommu-group-split (docs/rules/iommu-group-split.md): devices sharing an `iommuGroup` have different owners (model.ownership).
 * The IOMMU isolates a group as one unit, so each child listing that made a device of such a group
 * owned by that child (the owning listing) splits it and is reported. Other child listings of the
 * device are duplicates, reported by device-single-owner, and change no owner.
 */
export const iommuGroupSplit: Rule = {
  id: 'iommu-group-split',
  severity: 'error',
  summary: 'Devices of one `iommuGroup` have different owners; an IOMMU group is isolated as a unit and must go to one partition.',
  check({ model, report }) {
    const { locations } = model;
    const groups = new Map<number, Ownership[]>();
    for (const o of model.ownership.values()) {
      const g = o.device.iommuGroup;
      if (g === undefined) continue;
      const list = groups.get(g) ?? [];
      list.push(o);
      groups.set(g, list);
    }
    for (const [group, members] of groups) {
      if (new Set(members.map((m) => m.owner)).size < 2) continue;
      for (const m of members) {
        if (!m.listing) continue; // owned by the root: the child listings of its group-mates split the group
        const owner = m.listing.partition;
        const apart = members.filter((x) => x.owner !== owner);
        const list = apart.map((x) => `"${x.device.id}" (${x.listing ? `assigned to ${label(x.listing.partition)}` : 'kept by the root'})`).join(', ');
        const related: RelatedInfo[] = apart.map((x) => ({
          range: x.listing ? x.listing.ref.range : locations.valueRange(x.device.raw, 'id'),
          message: x.listing ? `"${x.device.id}" is assigned to ${label(x.listing.partition)}` : `"${x.device.id}" stays with ${model.root ? `the root ${label(model.root)}` : 'the root'}`,
        }));
        report(
          m.listing.ref.range,
          `Device "${m.device.id}" is assigned to ${label(owner)}, but IOMMU group ${group} also holds ${list}; the IOMMU isolates a group as a unit, so all its devices need one owner: assign every device of group ${group} to ${label(owner)}, or none of them.`,
          related,
        );
      }
    }
  },
};
