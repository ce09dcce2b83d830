import type { VirtualSwitch } from '../model/types';
import { didYouMean } from '../util/suggest';
import { partitionLabel } from './partition-label';
import type { Rule } from './rule';

const DEVICE_CLASSES = new Set(['network', 'storage', 'gpu', 'usb', 'serial', 'audio', 'platform', 'other']);

/**
 * An external switch's uplinks (docs/rules/switch-uplink.md): each names a host network device that
 * stays with the root and serves that switch only.
 */
export const switchUplink: Rule = {
  id: 'switch-uplink',
  severity: 'error',
  summary: "An external switch's device names no host device, is not `network` class, is assigned to a child, or is an uplink of another switch too.",
  check({ model, report }) {
    const ids = [...model.host.deviceById.keys()];
    const uplinkOf = new Map<string, VirtualSwitch>();
    for (const sw of model.host.switches) {
      if (sw.type !== 'external') continue;
      const own = new Set<string>();
      for (const ref of sw.devices) {
        const id = ref.value;
        const d = model.host.deviceById.get(id);
        if (!d) {
          report(ref.range, `Switch "${sw.name}" is bound to device "${id}", which host.devices does not define: correct the id or add the network adapter to host.devices${didYouMean(id, ids) || '.'}`);
          continue;
        }
        if (own.has(id)) continue;
        own.add(id);
        const cls = d.raw.class;
        if (typeof cls === 'string' && DEVICE_CLASSES.has(cls) && cls !== 'network') {
          report(ref.range, `Switch "${sw.name}" is bound to device "${id}" of class ${cls}: an external switch's uplinks are physical network adapters; bind it to a network device instead.`);
          continue;
        }
        const other = uplinkOf.get(id);
        if (other) {
          report(ref.range, `Device "${id}" is already an uplink of switch "${other.name}": a physical adapter bound to an external switch serves that switch only; bind "${sw.name}" to another adapter, or team both adapters in one switch.`, [
            { range: other.devices.find((r) => r.value === id)?.range ?? ref.range, message: `"${id}" is an uplink of "${other.name}"` },
          ]);
          continue;
        }
        uplinkOf.set(id, sw);
      }
    }
    for (const [id, sw] of uplinkOf) {
      const o = model.ownership.get(id);
      for (const l of o?.childListings ?? []) {
        report(l.ref.range, `Device "${id}" is an uplink of switch "${sw.name}", so it stays with the root and serves that switch only; ${partitionLabel(l.partition)} cannot also have it assigned: remove it from its devices and connect the child through networkAdapters: [${sw.name}], or bind the switch to another adapter.`);
      }
    }
  },
};
