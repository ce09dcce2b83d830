import type { Rule } from './rule';
import { formatExact, nameOf, numaChildren, numaNode } from './memory-sizes';

/**
 * docs/rules/numa-dynamic-memory.md (info): a dynamic-memory child gets a single virtual NUMA node, so a child with more VPs or
 * more memory (measured by its dynamic `maximum`) than one host NUMA node cannot be NUMA-aware. Only
 * on hosts with more than one NUMA node. Anchored on the child's `memory` key.
 */
export const numaDynamicMemory: Rule = {
  id: 'numa-dynamic-memory',
  severity: 'info',
  summary: 'A dynamic-memory child has more virtual processors or memory than one NUMA node, so its single virtual NUMA node spans host nodes.',
  check(ctx) {
    const m = ctx.model;
    const node = numaNode(m);
    if (!node) return;
    for (const p of numaChildren(m)) {
      if (p.memory?.kind !== 'dynamic' || p.memory.maximum === undefined) continue;
      const what: string[] = [];
      if (p.virtualProcessors !== undefined && node.vpsExceed(p.virtualProcessors)) what.push(`${p.virtualProcessors} VPs`);
      if (node.memoryExceeds(p.memory.maximum)) what.push(`a maximum of ${formatExact(p.memory.maximum)}`);
      if (what.length === 0) continue;
      ctx.report(
        m.locations.keyRange(p.raw, 'memory'),
        `Partition ${nameOf(p)} uses dynamic memory with ${what.join(' and ')}, more than one host NUMA node holds (${node.describe}): dynamic memory gives it a single virtual NUMA node that spans host nodes, so use static memory if its workload is NUMA-aware, or size it to fit one node.`,
      );
    }
  },
};
