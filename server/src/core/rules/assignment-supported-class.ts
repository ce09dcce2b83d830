import type { Rule } from './rule';
import { partitionLabel } from './partition-label';

/** Classes Microsoft supports for Discrete Device Assignment (platform devices are platform-stays-in-root's). */
const SUPPORTED = new Set(['gpu', 'storage', 'platform']);

/**
 * Microsoft supports assigning GPUs and NVMe storage devices (docs/rules/assignment-supported-class.md);
 * other classes may work through the vendor but are not supported. Info on the listing that assigns an
 * `assignable: true` device of another class; for a network device it points to an SR-IOV switch.
 */
export const assignmentSupportedClass: Rule = {
  id: 'assignment-supported-class',
  severity: 'info',
  summary: 'A child is assigned an assignable device whose class is not one Microsoft formally supports for device assignment (GPUs and NVMe storage).',
  check({ model, report }) {
    for (const o of model.ownership.values()) {
      if (o.how !== 'assigned' || !o.listing || !o.device.assignable || SUPPORTED.has(o.device.class)) continue;
      const d = o.device;
      const alternative =
        d.class === 'network'
          ? 'ask the vendor whether it supports assigning this NIC, or give the child a network adapter on an external switch with SR-IOV'
          : 'ask the vendor whether it supports assigning this device';
      report(
        o.listing.ref.range,
        `Device "${d.id}" (class ${d.class}) is assigned to ${partitionLabel(o.listing.partition)}, but Microsoft formally supports Discrete Device Assignment of GPUs and NVMe storage devices only: ${alternative}.`,
      );
    }
  },
};
