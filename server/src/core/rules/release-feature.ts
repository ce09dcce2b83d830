import { RELEASES, RELEASE_TABLE, type Features } from '../model/releases';
import type { Rule } from './rule';
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
  summary: 'The layout uses generation 2, dynamic memory, direct assignment or nested virtualization (on AMD: before Windows Server 2022) on a release that lacks it.',
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
      } else if (!features.nestedAmd && model.host.processorVendor === 'amd' && !p.isRoot && p.raw.virtualizationStack === true) {
        report(
          loc.valueRange(p.raw, 'virtualizationStack'),
          `${partitionSubject(p)} runs a nested virtualization stack on an AMD host (processorVendor: amd) but ${on} has nested virtualization on Intel processors only (AMD came with ${firstWith('nestedAmd')}); set virtualizationStack: false or pick a later release.`,
        );
      }
    }
  },
};
