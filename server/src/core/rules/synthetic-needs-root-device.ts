import type { LayoutModel, Partition } from '../model/types';
import type { Rule } from './rule';
import { partitionLabel, partitionSubject } from './partition-label';

/** Every device class of the schema (deviceClass). */
const DEVICE_CLASSES = new Set(['network', 'storage', 'gpu', 'usb', 'serial', 'audio', 'platform', 'other']);

/** Partitions that own a device whose class is not valid (a schema error): it might be any class. */
function ownersOfUnknownClass(model: LayoutModel): Set<Partition> {
  const out = new Set<Partition>();
  for (const o of model.ownership.values()) {
    const cls = o.device.raw.class;
    if (o.owner && !(typeof cls === 'string' && DEVICE_CLASSES.has(cls))) out.add(o.owner);
  }
  return out;
}

/** Devices of a class that children took away from the root (to explain why the root has none). */
function assignedOfClass(model: LayoutModel, cls: string): string[] {
  const classes = cls === 'storage' ? ['storage', 'network'] : [cls];
  const out: string[] = [];
  for (const o of model.ownership.values()) if (o.how === 'assigned' && classes.includes(o.device.class)) out.push(`${o.device.id} to ${o.owner ? partitionLabel(o.owner) : 'a child'}`);
  return out;
}

/**
 * docs/rules/synthetic-needs-root-device.md: each synthetic class a child lists must be served by its
 * parent (the VSP backing of the model, model/backing.ts). Anchored on the class entry; network that
 * only `networkAdapters` imply is served by their switches, and an adapter on no switch is
 * network-adapter-switch's alone.
 */
export const syntheticNeedsRootDevice: Rule = {
  id: 'synthetic-needs-root-device',
  severity: 'error',
  summary: 'A synthetic class a child uses has no backing in its parent: for the root, network adapters on its switches or a network device it owns (network), a storage or network device it owns (storage); for a nested parent, a device of the class it owns or that synthetic class used itself.',
  check({ model, report }) {
    const unknown = ownersOfUnknownClass(model);
    for (const child of model.partitions) {
      const parent = child.parent;
      if (child.isRoot || !parent) continue;
      // A parent that cannot host at all is parent-can-host's finding, not a backing problem.
      if (!parent.isRoot && !parent.virtualizationStack) continue;
      if (unknown.has(parent)) continue;
      for (const b of child.backing) {
        if (b.via !== 'none') continue;
        const ref = child.synthetic.find((s) => s.value === b.class);
        if (!ref) continue;
        const cls = b.class;
        if (parent.isRoot) {
          const away = assignedOfClass(model, cls);
          const kinds = cls === 'storage' ? 'storage or network' : cls;
          const why = away.length > 0 ? `every ${kinds} device is directly assigned to a child: ${away.join(', ')}` : `the host has no ${kinds} device`;
          const fix =
            cls === 'network'
              ? 'connect the child to a switch with networkAdapters (an internal or private switch needs no adapter), or add a network device under host.devices that stays with the root'
              : 'add a storage device under host.devices that stays with the root, or a network device for virtual disks on an SMB 3.0 share';
          report(ref.range, `${partitionSubject(child)} uses synthetic ${cls} but the root ${partitionLabel(parent)} owns no ${kinds} device for its VSP to drive (${why}); ${fix}, or remove ${cls} from synthetic.`);
        } else {
          report(
            ref.range,
            `${partitionSubject(child)} uses synthetic ${cls} but its nested parent ${partitionLabel(parent)} neither owns a ${cls} device nor uses synthetic ${cls} itself, so no VSP can back it; add ${cls} to ${partitionLabel(parent)}'s synthetic list or assign it a ${cls} device.`,
          );
        }
      }
    }
  },
};
