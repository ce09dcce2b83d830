import type { Partition, Ref } from '../model/types';
import type { RelatedInfo } from '../types';
import type { Rule } from './rule';
import { partitionLabel as label } from './partition-label';


interface Listing {
  partition: Partition;
  ref: Ref;
}

/**
 * device-single-owner (docs/rules/device-single-owner.md): a device listed by more than one partition (the root's listing counts).
 * Every listing after the first, in document order, is reported with the first as related
 * information; a partition listing a device twice is reported too (its second entry is a duplicate).
 */
export const deviceSingleOwner: Rule = {
  id: 'device-single-owner',
  severity: 'error',
  summary: 'A device is listed in the `devices` of more than one partition; every device has exactly one owner.',
  check({ model, report }) {
    const listings = new Map<string, Listing[]>();
    for (const p of model.partitions) {
      for (const ref of p.devices) {
        if (!model.host.deviceById.has(ref.value)) continue; // device-exists
        const earlier = listings.get(ref.value) ?? [];
        listings.set(ref.value, [...earlier, { partition: p, ref }]);
        if (earlier.length === 0) continue;
        const first = earlier[0];
        const own = earlier.find((l) => l.partition === p);
        const related: RelatedInfo[] = [{ range: first.ref.range, message: `"${ref.value}" is first listed by ${label(first.partition)}` }];
        if (own && own !== first) related.push({ range: own.ref.range, message: `${label(p)} lists "${ref.value}" here already` });
        report(ref.range, own ? `Device "${ref.value}" is listed twice by ${label(p)}: remove this duplicate entry.` : message(ref.value, p, first.partition), related);
      }
    }
  },
};

function message(device: string, here: Partition, first: Partition): string {
  if (first.isRoot) {
    return `Device "${device}" is already listed by the root partition ${label(first)}; a device has one owner: remove it here to keep it in the root, or remove it from the root's devices to assign it to ${label(here)}.`;
  }
  if (here.isRoot) {
    return `Device "${device}" is already assigned to ${label(first)}, yet the root partition ${label(here)} lists it too; a device has one owner: remove it here, or remove it from ${label(first)} to keep it in the root.`;
  }
  return `Device "${device}" is already assigned to ${label(first)}; a device has one owner: remove it here or from ${label(first)}.`;
}
