import { sizeLiteral } from './memory-sizes';
import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

/**
 * A nested parent (virtualizationStack: true) with dynamic memory: while Hyper-V runs inside it its
 * memory stays at `startup` (docs/rules/nested-static-memory.md), so the minimum and maximum do
 * nothing. A warning that suggests static memory of the startup size; anchored on the `memory` key.
 */
export const nestedStaticMemory: Rule = {
  id: 'nested-static-memory',
  severity: 'warning',
  summary: 'A partition with virtualizationStack: true (nested virtualization) uses dynamic memory, which stays at its startup size while Hyper-V runs inside it.',
  check({ model, report }) {
    for (const p of model.partitions) {
      if (!p.virtualizationStack || p.memory?.kind !== 'dynamic') continue;
      const startup = p.memory.startup;
      const fix = startup !== undefined ? `give it static memory of its startup size (memory: ${sizeLiteral(startup)})` : 'give it a static memory size';
      report(
        model.locations.keyRange(p.raw, 'memory'),
        `${partitionSubject(p)} runs a nested virtualization stack (virtualizationStack: true) with dynamic memory, but while Hyper-V runs inside it its memory stays at startup and minimum and maximum do nothing: ${fix}.`,
      );
    }
  },
};
