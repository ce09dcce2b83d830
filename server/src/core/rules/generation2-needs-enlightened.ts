import { isReleaseId } from '../model/releases';
import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

export const generation2NeedsEnlightened: Rule = {
  id: 'generation2-needs-enlightened',
  severity: 'error',
  summary: 'A generation 2 child (written or by default) needs an enlightened guest, since it has no emulated devices.',
  check({ model, report }) {
    const written = model.raw.hypervisor?.release;
    const releaseInvalid = written !== undefined && !isReleaseId(written);
    for (const p of model.partitions) {
      if (p.isRoot || p.enlightened || p.generation !== 2) continue;
      // A generation other than 1 or 2 is the schema's finding; it is not "generation 2 by default".
      if (p.raw.generation !== undefined && p.raw.generation !== 2) continue;
      // Without a generation, the default comes from the release: a release that is not one is the schema's.
      if (p.raw.generation === undefined && releaseInvalid) continue;
      const guest = p.raw.guest;
      const how = p.raw.generation === 2 ? 'is generation 2' : `is generation 2 (the default on ${model.release.title})`;
      report(
        model.locations.valueRange(guest, 'enlightened'),
        `${partitionSubject(p)} ${how} but its guest is not enlightened; a generation 2 partition boots UEFI with synthetic devices only, so install integration services (guest.enlightened: true) or set generation: 1.`,
      );
    }
  },
};
