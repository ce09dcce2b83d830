import type { RelatedInfo } from '../types';
import type { Rule } from './rule';
import { partitionLabel as label } from './partition-label';


/** assignment-needs-iommu (docs/rules/assignment-needs-iommu.md): a device is assigned to a child and `host.iommu` is not true. */
export const assignmentNeedsIommu: Rule = {
  id: 'assignment-needs-iommu',
  severity: 'error',
  summary: 'A device is assigned to a child but `host.iommu` is not true; direct assignment needs an IOMMU.',
  check({ model, report }) {
    if (model.host.iommu) return;
    const host = model.raw.host;
    const stated = host !== undefined && Object.prototype.hasOwnProperty.call(host, 'iommu');
    // An iommu that is not a boolean is the schema's finding: whether the host has one is unknown.
    if (stated && host && typeof host.iommu !== 'boolean') return;
    const why = stated ? 'host.iommu is not true' : 'host.iommu is not set (default false)';
    const related: RelatedInfo[] = stated && host ? [{ range: model.locations.valueRange(host, 'iommu'), message: 'host.iommu' }] : [];
    for (const o of model.ownership.values()) {
      // A platform device never leaves the root: platform-stays-in-root reports that entry.
      if (o.device.class === 'platform') continue;
      for (const { partition, ref } of o.childListings) {
        report(
          ref.range,
          `Device "${o.device.id}" is assigned to ${label(partition)}, but ${why}; direct assignment needs an IOMMU (Intel VT-d or AMD-Vi) to confine the device's DMA to the child's memory: set host.iommu: true if the host has one enabled, or remove this assignment.`,
          related,
        );
      }
    }
  },
};
