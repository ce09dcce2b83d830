import type { LayoutModel, Ownership, Partition } from '../model/types';
import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

/** The devices a child owns by direct assignment (the first child that lists a device owns it). */
function assignedTo(model: LayoutModel, p: Partition): Ownership[] {
  return [...model.ownership.values()].filter((o) => o.how === 'assigned' && o.owner === p);
}

/**
 * A VM with directly assigned devices cannot be added to a high availability cluster
 * (docs/rules/assignment-high-availability.md); on Windows Server 2025 a cluster GPU pool restarts a
 * clustered VM with an assigned GPU on another node, so GPUs are let through there. Anchored on the
 * `highAvailability` value.
 */
export const assignmentHighAvailability: Rule = {
  id: 'assignment-high-availability',
  severity: 'error',
  summary: 'A child with directly assigned devices is highly available (highAvailability: true), which device assignment does not support (GPUs excepted on Windows Server 2025).',
  check({ model, report }) {
    const gpuPools = model.release.id === 'ws2025';
    for (const p of model.partitions) {
      if (p.isRoot || !p.highAvailability) continue;
      const blocking = assignedTo(model, p).filter((o) => !(gpuPools && o.device.class === 'gpu'));
      if (blocking.length === 0) continue;
      const ids = blocking.map((o) => o.device.id).join(', ');
      const gpuNote = gpuPools ? ' (on Windows Server 2025 only GPUs in a cluster GPU pool are the exception)' : '';
      report(
        model.locations.valueRange(p.raw, 'highAvailability'),
        `${partitionSubject(p)} is highly available but has directly assigned devices (${ids}), and a virtual machine with an assigned device cannot be added to a high availability cluster, live-migrated or saved and restored${gpuNote}: set highAvailability: false or remove the devices.`,
      );
    }
  },
};
