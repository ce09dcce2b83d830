import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

/**
 * Dynamic memory needs its driver in the guest, part of the integration services
 * (docs/rules/dynamic-memory-needs-enlightened.md): without it Hyper-V cannot adjust the memory of a
 * child with `guest.enlightened: false`. Anchored on the `memory` key.
 */
export const dynamicMemoryNeedsEnlightened: Rule = {
  id: 'dynamic-memory-needs-enlightened',
  severity: 'warning',
  summary: 'A child uses dynamic memory but its guest is not enlightened (no integration services), so Hyper-V cannot adjust its memory.',
  check({ model, report }) {
    for (const p of model.partitions) {
      if (p.isRoot || p.enlightened || p.memory?.kind !== 'dynamic') continue;
      report(
        model.locations.keyRange(p.raw, 'memory'),
        `${partitionSubject(p)} uses dynamic memory but its guest is not enlightened (guest.enlightened: false), and dynamic memory needs its driver from the integration services in the guest: install them and set guest.enlightened: true, or give it static memory.`,
      );
    }
  },
};
