import type { Rule } from './rule';
import { formatExact, formatNumber, maxMemoryRange, nameOf, numaChildren, numaNode } from './memory-sizes';
import { numaSpanningRequired } from './numa-spanning-required';

/**
 * docs/rules/numa-fit.md: with `host.numaSpanning: false` a child must fit in one NUMA node (docs/allocation-json.md: LPs and memory split
 * evenly; dynamic memory measured by its `maximum`). The VP count and the memory are checked apart and
 * each value that does not fit is reported (`virtualProcessors`, the static `memory` value or the dynamic
 * `maximum` value). Never the root: it always spans nodes. Only on hosts with more than one NUMA node.
 * On ws2025 a child with more VPs than a node does not start at all: numa-spanning-required reports the VPs.
 */
export const numaFit: Rule = {
  id: 'numa-fit',
  severity: 'warning',
  summary: 'NUMA spanning is off and a child has more virtual processors or memory than one NUMA node.',
  check(ctx) {
    const m = ctx.model;
    if (m.host.numaSpanning) return;
    const node = numaNode(m);
    if (!node) return;
    const loc = m.locations;
    for (const p of numaChildren(m)) {
      const vps = p.virtualProcessors;
      if (vps !== undefined && node.vpsExceed(vps) && !numaSpanningRequired(m)) {
        const most = Math.floor(node.lps);
        ctx.report(
          loc.valueRange(p.raw, 'virtualProcessors'),
          `Partition ${nameOf(p)} has ${vps} VPs, more than the ${formatNumber(node.lps)} LPs of one NUMA node, and host.numaSpanning is false: lower virtualProcessors to at most ${most} or set numaSpanning: true.`,
        );
      }
      if (!p.memory) continue;
      const bytes = p.memory.kind === 'static' ? p.memory.bytes : p.memory.maximum;
      if (bytes === undefined || !node.memoryExceeds(bytes)) continue;
      const what = p.memory.kind === 'static' ? `${formatExact(bytes)} of static memory` : `a dynamic memory maximum of ${formatExact(bytes)}`;
      ctx.report(
        maxMemoryRange(m, p),
        `Partition ${nameOf(p)} has ${what}, more than the ${node.memoryText} of one NUMA node, and host.numaSpanning is false: lower it to at most ${formatExact(node.memoryFit)} or set numaSpanning: true.`,
      );
    }
  },
};
