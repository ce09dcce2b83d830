import type { LayoutModel, Partition } from '../model/types';
import type { Rule } from './rule';
import { partitionLabel, partitionSubject } from './partition-label';

/** The classes a VSP can serve (the schema's syntheticClass); other values are schema errors. */
const SYNTHETIC_CLASSES = new Set(['network', 'storage', 'gpu', 'usb', 'serial', 'audio']);

/** Every device class of the schema (deviceClass). */
const DEVICE_CLASSES = new Set([...SYNTHETIC_CLASSES, 'platform', 'other']);

/**
 * The device classes each partition owns (ownership: docs/allocation-json.md), computed once per check; a device whose
 * class is not a valid class (a schema error) counts as UNKNOWN: it might be any class.
 */
const UNKNOWN = '?';
function ownedClasses(model: LayoutModel): Map<Partition, Set<string>> {
  const out = new Map<Partition, Set<string>>();
  for (const o of model.ownership.values()) {
    if (!o.owner) continue;
    const set = out.get(o.owner) ?? new Set<string>();
    const cls = o.device.raw.class;
    set.add(typeof cls === 'string' && DEVICE_CLASSES.has(cls) ? cls : UNKNOWN);
    out.set(o.owner, set);
  }
  return out;
}

/** Devices of a class that children took away from the root (to explain why the root has none). */
function assignedOfClass(model: LayoutModel, cls: string): string[] {
  const out: string[] = [];
  for (const o of model.ownership.values()) if (o.how === 'assigned' && o.device.class === cls) out.push(`${o.device.id} to ${o.owner ? partitionLabel(o.owner) : 'a child'}`);
  return out;
}

export const syntheticNeedsRootDevice: Rule = {
  id: 'synthetic-needs-root-device',
  severity: 'error',
  summary: 'Each synthetic class a child uses must be backed by its parent: a device of that class the root owns, or for a nested parent one it owns or a synthetic class it uses itself.',
  check({ model, report }) {
    const owned = ownedClasses(model);
    for (const child of model.partitions) {
      const parent = child.parent;
      if (child.isRoot || !parent) continue;
      // A parent that cannot host at all is parent-can-host's finding, not a backing problem.
      if (!parent.isRoot && !parent.virtualizationStack) continue;
      const seen = new Set<string>();
      for (const ref of child.synthetic) {
        const cls = ref.value;
        if (!SYNTHETIC_CLASSES.has(cls) || seen.has(cls)) continue;
        seen.add(cls);
        // A parent owning a device of unknown class might back it: the schema reports that class.
        if (owned.get(parent)?.has(cls) || owned.get(parent)?.has(UNKNOWN)) continue;
        if (parent.isRoot) {
          const away = assignedOfClass(model, cls);
          const why = away.length > 0 ? `every ${cls} device is directly assigned to a child: ${away.join(', ')}` : `the host has no ${cls} device`;
          report(
            ref.range,
            `${partitionSubject(child)} uses synthetic ${cls} but the root ${partitionLabel(parent)} owns no ${cls} device for its VSP to drive (${why}); add a ${cls} device under host.devices that stays with the root, or remove ${cls} from synthetic.`,
          );
        } else if (!parent.synthetic.some((s) => s.value === cls)) {
          report(
            ref.range,
            `${partitionSubject(child)} uses synthetic ${cls} but its nested parent ${partitionLabel(parent)} neither owns a ${cls} device nor uses synthetic ${cls} itself, so no VSP can back it; add ${cls} to ${partitionLabel(parent)}'s synthetic list or assign it a ${cls} device.`,
          );
        }
      }
    }
  },
};
