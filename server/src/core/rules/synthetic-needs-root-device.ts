import type { LayoutModel, Partition } from '../model/types';
import type { Rule } from './rule';

/** The classes a VSP can serve (the schema's syntheticClass); other values are schema errors. */
const SYNTHETIC_CLASSES = new Set(['network', 'storage', 'gpu', 'usb', 'serial', 'audio']);

/** The device classes each partition owns (SPEC §4 ownership), computed once per check. */
function ownedClasses(model: LayoutModel): Map<Partition, Set<string>> {
  const out = new Map<Partition, Set<string>>();
  for (const o of model.ownership.values()) {
    if (!o.owner) continue;
    const set = out.get(o.owner) ?? new Set<string>();
    set.add(o.device.class);
    out.set(o.owner, set);
  }
  return out;
}

/** Devices of a class that children took away from the root (to explain why the root has none). */
function assignedOfClass(model: LayoutModel, cls: string): string[] {
  const out: string[] = [];
  for (const o of model.ownership.values()) if (o.how === 'assigned' && o.device.class === cls) out.push(`${o.device.id} to "${o.owner?.name ?? ''}"`);
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
        if (owned.get(parent)?.has(cls)) continue;
        if (parent.isRoot) {
          const away = assignedOfClass(model, cls);
          const why = away.length > 0 ? `every ${cls} device is directly assigned to a child: ${away.join(', ')}` : `the host has no ${cls} device`;
          report(
            ref.range,
            `Partition "${child.name}" uses synthetic ${cls} but the root "${parent.name}" owns no ${cls} device for its VSP to drive (${why}); add a ${cls} device under host.devices that stays with the root, or remove ${cls} from synthetic.`,
          );
        } else if (!parent.synthetic.some((s) => s.value === cls)) {
          report(
            ref.range,
            `Partition "${child.name}" uses synthetic ${cls} but its nested parent "${parent.name}" neither owns a ${cls} device nor uses synthetic ${cls} itself, so no VSP can back it; add ${cls} to "${parent.name}"'s synthetic list or assign it a ${cls} device.`,
          );
        }
      }
    }
  },
};
