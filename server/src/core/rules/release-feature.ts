import { RELEASES, RELEASE_TABLE, type Features } from '../model/releases';
import type { LayoutModel } from '../model/types';
import type { Rule, RuleContext } from './rule';
import { partitionSubject } from './partition-label';

/** The first release that has a feature, as people name it. */
function firstWith(feature: keyof Features): string {
  const id = RELEASES.find((r) => RELEASE_TABLE[r].features[feature]);
  if (!id) return 'a later release';
  // Dynamic memory arrived with Service Pack 1 of Windows Server 2008 R2.
  return `${RELEASE_TABLE[id].title}${feature === 'dynamicMemory' && id === 'ws2008r2' ? ' SP1' : ''}`;
}

export const releaseFeature: Rule = {
  id: 'release-feature',
  severity: 'error',
  summary: "The layout uses generation 2, dynamic memory, direct assignment, nested virtualization, SR-IOV or GPU partitioning on a release that lacks it.",
  check({ model, report }) {
    const { features, release } = model;
    const loc = model.locations;
    const on = release.title;
    for (const p of model.partitions) {
      if (!features.generation2 && p.raw.generation === 2) {
        report(
          loc.valueRange(p.raw, 'generation'),
          `${partitionSubject(p)} is generation 2 but ${on} has no generation 2 partitions (they came with ${firstWith('generation2')}); set generation: 1 or pick a later release.`,
        );
      }
      if (!features.dynamicMemory && p.memory?.kind === 'dynamic') {
        report(
          loc.keyRange(p.raw, 'memory'),
          `${partitionSubject(p)} uses dynamic memory but ${on} has none (it came with ${firstWith('dynamicMemory')}); give it a static memory size or pick a later release.`,
        );
      }
      if (!features.directAssignment && !p.isRoot && Array.isArray(p.raw.devices) && p.raw.devices.length > 0) {
        report(
          loc.keyRange(p.raw, 'devices'),
          `${partitionSubject(p)} has directly assigned devices but ${on} has no direct device assignment (Discrete Device Assignment came with ${firstWith('directAssignment')}); remove devices and use synthetic devices, or pick a later release.`,
        );
      }
      if (!features.nested && !p.isRoot && p.raw.virtualizationStack === true) {
        report(
          loc.valueRange(p.raw, 'virtualizationStack'),
          `${partitionSubject(p)} runs a nested virtualization stack but ${on} has no nested virtualization (it came with ${firstWith('nested')}); set virtualizationStack: false or pick a later release.`,
        );
      }
    }
    reportDeviceFeatures(model, report);
  },
};

/** SR-IOV on a switch and GPU partitioning (a GPU's gpuPartitions, a child's gpuPartition). */
function reportDeviceFeatures(model: LayoutModel, report: RuleContext['report']): void {
  const { features, release } = model;
  const loc = model.locations;
  if (!features.sriov) {
    for (const sw of model.host.switches) {
      if (!sw.sriov) continue;
      report(loc.valueRange(sw.raw, 'sriov'), `Switch "${sw.name}" has sriov: true but ${release.title} has no SR-IOV (it came with ${firstWith('sriov')}); remove sriov or pick a later release.`);
    }
  }
  if (features.gpuPartitioning) return;
  for (const d of model.host.devices) {
    if (d.raw.gpuPartitions === undefined) continue;
    report(loc.valueRange(d.raw, 'gpuPartitions'), `Device "${d.id}" is partitioned (gpuPartitions) but ${release.title} has no GPU partitioning (it came with ${firstWith('gpuPartitioning')}); assign the GPU whole to one child, or pick a later release.`);
  }
  for (const p of model.partitions) {
    if (p.isRoot || !p.gpuPartition) continue;
    report(p.gpuPartition.range, `${partitionSubject(p)} takes a GPU partition (gpuPartition) but ${release.title} has no GPU partitioning (it came with ${firstWith('gpuPartitioning')}); remove gpuPartition, or pick a later release.`);
  }
}
