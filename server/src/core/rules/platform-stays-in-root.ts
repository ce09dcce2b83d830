import type { Rule } from './rule';
import { partitionLabel as label } from './partition-label';


/** platform-stays-in-root (docs/rules/platform-stays-in-root.md): a `platform` device is listed by a child (every child listing). */
export const platformStaysInRoot: Rule = {
  id: 'platform-stays-in-root',
  severity: 'error',
  summary: 'A `platform` device is assigned to a child; the root handles power management, plug and play and hardware errors.',
  check({ model, report }) {
    for (const o of model.ownership.values()) {
      if (o.device.class !== 'platform') continue;
      for (const { partition, ref } of o.childListings) {
        report(
          ref.range,
          `Platform device "${o.device.id}" cannot be assigned to ${label(partition)}: the root partition drives platform devices for power management, plug and play and hardware-error handling, so remove this entry.`,
          [{ range: model.locations.valueRange(o.device.raw, 'class'), message: `"${o.device.id}" is a platform device` }],
        );
      }
    }
  },
};
