import type { Rule } from './rule';
import { formatExact, memoryUnreadable, nameOf } from './memory-sizes';

/**
 * docs/rules/memory-fits-parent.md (the model: docs/allocation-json.md): nested children take their memory from their parent (a child with
 * `virtualizationStack: true`), not from the host. Their static sizes or dynamic startups, added in
 * document order, must fit in the parent's memory; one diagnostic per parent, on the `memory` key of
 * the child that first passes it. A parent with dynamic memory is measured by its `startup`: its memory
 * does not change while Hyper-V runs inside it (docs/rules/nested-static-memory.md). A parent whose
 * memory cannot be read is skipped (the schema reports it).
 */
export const memoryFitsParent: Rule = {
  id: 'memory-fits-parent',
  severity: 'error',
  summary: "A nested parent's children need more static or startup memory than the parent partition has.",
  check(ctx) {
    const m = ctx.model;
    for (const parent of m.partitions) {
      if (parent.isRoot || !parent.virtualizationStack || !parent.memory || memoryUnreadable(parent) || parent.children.length === 0) continue;
      const capacity = parent.memoryBytes;
      const has = parent.memory.kind === 'dynamic' ? `startup ${formatExact(capacity)}` : formatExact(capacity);
      let total = 0;
      for (const child of parent.children) {
        total += child.memoryBytes;
        if (total <= capacity) continue;
        const own = child.memory?.kind === 'dynamic' ? `startup ${formatExact(child.memoryBytes)}` : formatExact(child.memoryBytes);
        ctx.report(
          m.locations.keyRange(child.raw, 'memory'),
          `Nested partition ${nameOf(child)} (${own}) brings the memory of ${nameOf(parent)}'s children to ${formatExact(total)} of its ${has} (${formatExact(total - capacity)} short): lower the nested children's memory or give ${nameOf(parent)} more.`,
        );
        break;
      }
    }
  },
};
