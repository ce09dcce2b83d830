/**
 * VSP backing (docs/rules/synthetic-needs-root-device.md): how a parent serves the synthetic classes
 * its children use. Network: a child of the root with networkAdapters is served through their switches
 * (an external one by its uplinks, internal and private ones by no device); otherwise the root must own
 * a network device. Storage: a storage device the root owns, else a network device it owns (virtual
 * disks on an SMB 3.0 share). A nested parent serves a class with a device of it that it owns, or by
 * using that synthetic class itself.
 */
import type { Device, LayoutModel, Partition, SyntheticBacking, VirtualSwitch } from './types';

type BackedClass = SyntheticBacking['class'];
const BACKED: readonly string[] = ['network', 'storage'] satisfies BackedClass[];

/** The synthetic classes a child uses: its network/storage entries, and network when it has adapters. */
function usedSyntheticClasses(p: Partition): BackedClass[] {
  const out: BackedClass[] = [];
  for (const s of p.synthetic) if (BACKED.includes(s.value) && !out.includes(s.value as BackedClass)) out.push(s.value as BackedClass);
  if (p.networkAdapters.length > 0 && !out.includes('network')) out.push('network');
  return out;
}

/** Sets `backing` on every child and fills each backing device's `backs` in the ownership. */
export function computeBacking(model: LayoutModel): void {
  const owned = new Map<Partition, Device[]>();
  for (const o of model.ownership.values()) {
    if (!o.owner) continue;
    const list = owned.get(o.owner) ?? [];
    list.push(o.device);
    owned.set(o.owner, list);
  }
  // The devices of a class a parent owns, worked out once per parent and class (every child of the
  // root asks); the lists are shared by the children's backings, which nothing changes.
  const byClass = new Map<Partition, Map<string, Device[]>>();
  const ofClass = (p: Partition, cls: string): Device[] => {
    let classes = byClass.get(p);
    if (!classes) byClass.set(p, (classes = new Map()));
    let devices = classes.get(cls);
    if (!devices) classes.set(cls, (devices = (owned.get(p) ?? []).filter((d) => d.class === cls)));
    return devices;
  };

  for (const child of model.partitions) {
    if (child.isRoot) continue;
    const parent = child.parent;
    child.backing = usedSyntheticClasses(child).map((cls): SyntheticBacking => {
      if (!parent) return { class: cls, via: 'none', devices: [], switches: [] };
      if (parent.isRoot) return rootBacking(model, child, cls, ofClass(parent, cls), ofClass(parent, 'network'));
      const devices = ofClass(parent, cls);
      if (devices.length > 0) return { class: cls, via: 'devices', devices, switches: [] };
      const parentUses = usedSyntheticClasses(parent).includes(cls);
      return { class: cls, via: parentUses ? 'parent-synthetic' : 'none', devices: [], switches: [] };
    });
    for (const b of child.backing) {
      for (const d of b.devices) {
        const o = model.ownership.get(d.id);
        if (!o) continue;
        const entry = o.backs.find((x) => x.class === b.class);
        if (!entry) o.backs.push({ class: b.class, partitions: [child] });
        // children come one at a time: one already listed is the last one
        else if (entry.partitions[entry.partitions.length - 1] !== child) entry.partitions.push(child);
      }
    }
  }
}

function rootBacking(model: LayoutModel, child: Partition, cls: BackedClass, devices: Device[], network: Device[]): SyntheticBacking {
  if (cls === 'network' && child.networkAdapters.length > 0) {
    const switches: VirtualSwitch[] = [];
    for (const a of child.networkAdapters) {
      const sw = model.host.switchByName.get(a.value);
      if (sw && !switches.includes(sw)) switches.push(sw);
    }
    const uplinks: Device[] = [];
    for (const sw of switches) {
      if (sw.type !== 'external') continue;
      for (const d of sw.uplinks) if (d.class === 'network' && !uplinks.includes(d)) uplinks.push(d);
    }
    return { class: cls, via: 'switches', devices: uplinks, switches };
  }
  if (devices.length > 0) return { class: cls, via: 'devices', devices, switches: [] };
  if (cls === 'storage' && network.length > 0) return { class: cls, via: 'smb', devices: network, switches: [] };
  return { class: cls, via: 'none', devices: [], switches: [] };
}
