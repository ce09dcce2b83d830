import { sizeLiteral } from './memory-sizes';
import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

export const assignmentStaticMemory: Rule = {
  id: 'assignment-static-memory',
  severity: 'error',
  summary: 'A child with directly assigned devices must use static memory, not dynamic memory.',
  check({ model, report }) {
    for (const p of model.partitions) {
      if (p.isRoot || p.devices.length === 0 || p.memory?.kind !== 'dynamic') continue;
      const ids = p.devices.map((d) => d.value).join(', ');
      const size = p.memory.maximum ?? p.memory.startup;
      const example = size !== undefined ? ` (e.g. memory: ${sizeLiteral(size)})` : '';
      report(
        model.locations.keyRange(p.raw, 'memory'),
        `${partitionSubject(p)} has directly assigned devices (${ids}) but uses dynamic memory; give it a static memory size${example}, because a VM with an assigned device cannot use dynamic memory.`,
      );
    }
  },
};
