import type { Rule } from './rule';
import { partitionLabel as label } from './partition-label';


/** Device classes a VSP in the parent can serve to a child over VMBus (docs/format.md, `synthetic`). */
const SYNTHETIC_CLASSES = new Set(['network', 'storage', 'gpu', 'usb', 'serial', 'audio']);

/** assignable-device (docs/rules/assignable-device.md): a device assigned to a child lacks `assignable: true` (every child listing). */
export const assignableDevice: Rule = {
  id: 'assignable-device',
  severity: 'error',
  summary: 'A device assigned to a child lacks `assignable: true`, so it cannot be passed through with Discrete Device Assignment.',
  check({ model, report }) {
    for (const o of model.ownership.values()) {
      const d = o.device;
      // A platform device never leaves the root whatever its flag: platform-stays-in-root says so.
      if (d.assignable || d.class === 'platform') continue;
      // An assignable that is not a boolean is the schema's finding: the flag is unknown, not false.
      if (d.raw.assignable !== undefined && typeof d.raw.assignable !== 'boolean') continue;
      for (const { partition, ref } of o.childListings) {
        const instead = SYNTHETIC_CLASSES.has(d.class)
          ? `, or remove it here and give ${label(partition)} a synthetic ${d.class} device (synthetic: [${d.class}])`
          : ', or remove it here to keep it in the root';
        report(
          ref.range,
          `Device "${d.id}" is assigned to ${label(partition)}, but its entry in host.devices lacks assignable: true, and only hardware that supports Discrete Device Assignment can be passed through: set assignable: true on "${d.id}" if it does${instead}.`,
          [{ range: model.locations.valueRange(d.raw, 'id'), message: `"${d.id}" is defined here without assignable: true` }],
        );
      }
    }
  },
};
