import type { LayoutModel } from '../model/types';
import { RELEASES } from '../model/releases';
import { formatNumber, nameOf, numaChildren, numaNode } from './memory-sizes';
import type { Rule } from './rule';

/** Whether the release is Windows Server 2025 or later and the host has NUMA spanning off. */
export function numaSpanningRequired(m: LayoutModel): boolean {
  return !m.host.numaSpanning && RELEASES.indexOf(m.release.id) >= RELEASES.indexOf('ws2025');
}

/**
 * From Windows Server 2025 a VM with more VPs than one NUMA node has LPs does not start while NUMA
 * spanning is off (docs/rules/numa-spanning-required.md). Children of the root only; anchored on the
 * `virtualProcessors` value. Memory that passes a node stays numa-fit's warning.
 */
export const numaSpanningRequiredRule: Rule = {
  id: 'numa-spanning-required',
  severity: 'error',
  summary: 'On Windows Server 2025 with NUMA spanning off, a child has more virtual processors than one NUMA node has logical processors, so it cannot start.',
  check({ model, report }) {
    if (!numaSpanningRequired(model)) return;
    const node = numaNode(model);
    if (!node) return;
    for (const p of numaChildren(model)) {
      const vps = p.virtualProcessors;
      if (vps === undefined || !node.vpsExceed(vps)) continue;
      report(
        model.locations.valueRange(p.raw, 'virtualProcessors'),
        `Partition ${nameOf(p)} has ${vps} virtual processors, more than the ${formatNumber(node.lps)} logical processors of one NUMA node, and on ${model.release.title} such a virtual machine does not start while host.numaSpanning is false: set numaSpanning: true or lower virtualProcessors to at most ${Math.floor(node.lps)}.`,
      );
    }
  },
};
