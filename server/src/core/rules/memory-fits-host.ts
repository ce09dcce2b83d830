import type { Rule } from './rule';
import { formatExact, hostMemoryKnown, nameOf, rootChildren } from './memory-sizes';

/**
 * docs/rules/memory-fits-host.md (the model: docs/allocation-json.md): hypervisor reserve + root + each child of the root (static size, or dynamic `startup`),
 * added in document order, must fit in host.memory. One diagnostic, on the `memory` key of the child
 * whose memory first passes the host's; on the root's `memory` key when reserve + root alone do.
 * An implicit root gets what is left (0 when nothing is), so it never passes by itself; when the
 * reserve alone passes the host and the root's memory is implicit, the reserve's `memory` key is the
 * anchor (there is no root `memory` key to point at).
 */
export const memoryFitsHost: Rule = {
  id: 'memory-fits-host',
  severity: 'error',
  summary: "The hypervisor reserve, the root and the root's children (static memory or dynamic startup) need more memory than the host has.",
  check(ctx) {
    const m = ctx.model;
    const root = m.root;
    if (!root || !hostMemoryKnown(m)) return;
    const host = m.host.memory;
    const loc = m.locations;
    const short = (total: number): string => `${formatExact(total)} of ${formatExact(host)} (${formatExact(total - host)} short)`;

    let total = m.reserve + root.memoryBytes;
    if (total > host) {
      if (root.memoryImplicit) {
        ctx.report(
          loc.keyRange(m.raw.reserve, 'memory'),
          `The hypervisor reserve alone (${formatExact(m.reserve)} of the host's ${formatExact(host)}, ${formatExact(m.reserve - host)} short) leaves nothing for the root partition ${nameOf(root)}: lower hypervisor.reserve.memory or add host memory.`,
        );
      } else {
        ctx.report(
          loc.keyRange(root.raw, 'memory'),
          `The hypervisor reserve (${formatExact(m.reserve)}) and root partition ${nameOf(root)} (${formatExact(root.memoryBytes)}) need ${formatExact(total)} of the host's ${formatExact(host)} (${formatExact(total - host)} short): lower the root's memory or the reserve, or add host memory.`,
        );
      }
      return;
    }
    for (const child of rootChildren(m)) {
      total += child.memoryBytes;
      if (total <= host) continue;
      const dynamic = child.memory?.kind === 'dynamic';
      const own = dynamic ? ` (startup ${formatExact(child.memoryBytes)})` : '';
      const fix = dynamic ? 'lower its startup memory or memory elsewhere' : 'lower memory here or elsewhere';
      ctx.report(loc.keyRange(child.raw, 'memory'), `Partition ${nameOf(child)}${own} brings the host's committed memory to ${short(total)}: ${fix}, or add host memory.`);
      return;
    }
  },
};
