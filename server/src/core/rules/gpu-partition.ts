import type { GpuPartitioning } from '../model/types';
import { didYouMean } from '../util/suggest';
import { partitionLabel, partitionSubject } from './partition-label';
import type { Rule } from './rule';

/**
 * GPU partitioning (docs/rules/gpu-partition.md): a child's gpuPartition names a partitionable GPU;
 * a GPU is used whole (assigned) or partitioned, never both; no more users than partitions; the host
 * needs an IOMMU.
 */
export const gpuPartition: Rule = {
  id: 'gpu-partition',
  severity: 'error',
  summary: 'A `gpuPartition` names no partitionable GPU, a partitioned GPU is also assigned to a child, more children use a GPU than it has partitions, or GPU partitioning is used without `host.iommu: true`.',
  check({ model, report }) {
    const loc = model.locations;
    const byId = new Map<string, GpuPartitioning>(model.gpus.map((g) => [g.device.id, g]));
    const partitionable = model.gpus.map((g) => g.device.id);

    for (const p of model.partitions) {
      const ref = p.gpuPartition;
      if (p.isRoot || !ref || byId.has(ref.value)) continue;
      const d = model.host.deviceById.get(ref.value);
      let why: string;
      if (!d) why = `host.devices defines no device "${ref.value}"${didYouMean(ref.value, partitionable) || ''}`;
      else if (d.class !== 'gpu') why = `"${ref.value}" is a ${d.class} device, not a GPU`;
      else if (d.raw.gpuPartitions !== undefined) continue; // a gpuPartitions value that is not valid is the schema's finding
      else why = `GPU "${ref.value}" is not partitionable (it has no gpuPartitions)`;
      report(ref.range, `${partitionSubject(p)} takes a partition of "${ref.value}", but ${why}: name a GPU with gpuPartitions, or set gpuPartitions on the GPU to partition it.`);
    }

    for (const g of model.gpus) {
      const id = g.device.id;
      for (const l of model.ownership.get(id)?.childListings ?? []) {
        report(l.ref.range, `GPU "${id}" is partitioned (gpuPartitions: ${g.offered}) and also assigned whole to ${partitionLabel(l.partition)}: a GPU is either assigned (Discrete Device Assignment) or partitioned, never both; remove it from devices and give the child gpuPartition: ${id}, or remove gpuPartitions.`);
      }
      const past = g.users[g.offered];
      if (past?.gpuPartition) {
        report(past.gpuPartition.range, `GPU "${id}" offers ${g.offered} partition${g.offered === 1 ? '' : 's'} but ${g.users.length} children take one (${g.users.map(partitionLabel).join(', ')}); ${partitionLabel(past)} is past the count: raise gpuPartitions if the GPU supports it, or move the child to another partitionable GPU.`);
      }
      if (!model.host.iommu) {
        report(loc.valueRange(g.device.raw, 'gpuPartitions'), `GPU "${id}" is partitioned but the host has no IOMMU (host.iommu is not true): GPU partitioning gives each VM its partition through SR-IOV, which needs the IOMMU; set host.iommu: true if the hardware has it enabled.`);
      }
    }
  },
};
