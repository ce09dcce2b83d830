import { deviceListingAt } from './find';
import { removeListEntry } from './list-edits';
import type { QuickFixProvider } from './types';

/** Remove a duplicate assignment: the later listing of a device another partition already lists (`device-single-owner`). */
export const removeDuplicateAssignment: QuickFixProvider = {
  rules: ['device-single-owner'],
  provide({ text, result, range }) {
    const model = result.model;
    const at = model && deviceListingAt(model, range);
    if (!model || !at) return undefined;
    const { partition, ref } = at;
    // Only a later listing: some partition lists the device before this entry.
    const listedBefore = model.allPartitions.some((p) => p.devices.some((r) => r.value === ref.value && r.range.start < ref.range.start));
    if (!listedBefore) return undefined;
    const edits = removeListEntry(text, model.locations, { list: partition.raw.devices, index: ref.index, value: ref.value, key: model.locations.pair(partition.raw, 'devices')?.key });
    if (!edits) return undefined;
    const who = partition.name ? `partition "${partition.name}"` : `partition #${partition.index + 1}`;
    return { title: `Remove the duplicate assignment of "${ref.value}" from ${who}`, edits, isPreferred: true };
  },
};
