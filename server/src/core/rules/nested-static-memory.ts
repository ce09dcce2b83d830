import { sizeLiteral } from './memory-sizes';
import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

export const nestedStaticMemory: Rule = {
  id: 'nested-static-memory',
  severity: 'error',
  summary: 'A partition with virtualizationStack: true (nested virtualization) must use static memory, not dynamic memory.',
  check({ model, report }) {
    for (const p of model.partitions) {
      if (!p.virtualizationStack || p.memory?.kind !== 'dynamic') continue;
      const size = p.memory.maximum ?? p.memory.startup;
      const example = size !== undefined ? ` (e.g. memory: ${sizeLiteral(size)})` : '';
      report(
        model.locations.keyRange(p.raw, 'memory'),
        `${partitionSubject(p)} runs a nested virtualization stack (virtualizationStack: true) but uses dynamic memory; give it a static memory size${example}, because Hyper-V cannot grow or shrink the memory of a partition that runs its own virtualization stack.`,
      );
    }
  },
};
