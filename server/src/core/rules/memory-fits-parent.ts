import type { Rule } from './rule';
import { formatExact, nameOf } from './memory-sizes';

/**
 * docs/rules/memory-fits-parent.md (the model: docs/allocation-json.md): nested children take their memory from their parent (a child with
 * `virtualizationStack: true`), not from the host. Their static sizes or dynamic startups, added in
 * document order, must fit in the parent's memory; one diagnostic per parent, on the `memory` key of
 * the child that first passes it. A parent with dynamic (or unreadable) memory is skipped: dynamic
 * memory is already an error there (`nested-static-memory`), so there is no fixed size to compare with.
 */
export const memoryFitsParent: Rule = {
  id: 'memory-fits-parent',
  severity: 'error',
  summary: "A nested parent's children need more static or startup memory than the parent partition has.",
  check(ctx) {
    const m = ctx.model;
    for (const parent of m.partitions) {
      if (parent.isRoot || !parent.virtualizationStack || parent.memory?.kind !== 'static' || parent.children.length === 0) continue;
      const capacity = parent.memory.bytes;
      let total = 0;
      for (const child of parent.children) {
        total += child.memoryBytes;
        if (total <= capacity) continue;
        const own = child.memory?.kind === 'dynamic' ? `startup ${formatExact(child.memoryBytes)}` : formatExact(child.memoryBytes);
        ctx.report(
          m.locations.keyRange(child.raw, 'memory'),
          `Nested partition ${nameOf(child)} (${own}) brings the memory of ${nameOf(parent)}'s children to ${formatExact(total)} of its ${formatExact(capacity)} (${formatExact(total - capacity)} short): lower the nested children's memory or give ${nameOf(parent)} more.`,
        );
        break;
      }
    }
  },
};
