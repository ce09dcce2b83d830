import type { Partition, Ref } from '../model/types';
import type { Rule } from './rule';

/**
 * SPEC §5 device-single-owner: a device listed by more than one partition (the root's listing counts).
 * Every listing after the first, in document order, is reported; a partition listing a device twice
 * is reported too (the second entry is a duplicate of the first).
 */
export const deviceSingleOwner: Rule = {
  id: 'device-single-owner',
  severity: 'error',
  summary: 'A device is listed in the `devices` of more than one partition; every device has exactly one owner.',
  check({ model, report }) {
    const first = new Map<string, { partition: Partition; ref: Ref }>();
    for (const p of model.partitions) {
      for (const ref of p.devices) {
        if (!model.host.deviceById.has(ref.value)) continue; // device-exists
        const earlier = first.get(ref.value);
        if (!earlier) {
          first.set(ref.value, { partition: p, ref });
          continue;
        }
        const related = [{ range: earlier.ref.range, message: `"${ref.value}" is first listed by "${earlier.partition.name}"` }];
        report(ref.range, message(ref.value, p, earlier.partition), related);
      }
    }
  },
};

function message(device: string, here: Partition, first: Partition): string {
  if (here === first) return `Device "${device}" is listed twice by "${here.name}": remove this duplicate entry.`;
  if (first.isRoot) {
    return `Device "${device}" is already listed by the root partition "${first.name}"; a device has one owner: remove it here to keep it in the root, or remove it from the root's devices to assign it to "${here.name}".`;
  }
  if (here.isRoot) {
    return `Device "${device}" is already assigned to "${first.name}", yet the root partition "${here.name}" lists it too; a device has one owner: remove it here, or remove it from "${first.name}" to keep it in the root.`;
  }
  return `Device "${device}" is already assigned to "${first.name}"; a device has one owner: remove it here or from "${first.name}".`;
}
