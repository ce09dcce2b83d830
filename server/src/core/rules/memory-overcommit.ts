import type { Rule } from './rule';
import { formatExact, hostMemoryKnown, memoryUnreadable, nameOf, rootChildren } from './memory-sizes';

/**
 * docs/rules/memory-overcommit.md (info): were every dynamic-memory child of the root at its `maximum`, the hypervisor
 * reserve + the root + the root's children would exceed host memory. Dynamic memory can then only
 * grow while others leave memory free. Anchored on the `partitions` key.
 *
 * Choices: it fires only when the committed amounts (static sizes and startups) fit the host;
 * otherwise memory-fits-host already reports the layout (one problem, one diagnostic). An implicit
 * root shrinks as children grow, so it is counted at the least it keeps: `rootMemoryMinimum` (by
 * default Hyper-V's root reserve).
 */
export const memoryOvercommit: Rule = {
  id: 'memory-overcommit',
  severity: 'info',
  summary: "Were every dynamic-memory child at its maximum, the reserve, the root and the root's children would need more memory than the host has.",
  check(ctx) {
    const m = ctx.model;
    const root = m.root;
    if (!root || !hostMemoryKnown(m)) return;
    const host = m.host.memory;
    const children = rootChildren(m);
    // A memory the model cannot read would be counted as implicit (the root) or 0 (a child): the schema's finding.
    if (memoryUnreadable(root) || children.some(memoryUnreadable)) return;
    const committed = m.reserve + root.memoryBytes + children.reduce((s, c) => s + c.memoryBytes, 0);
    if (committed > host) return;
    if (root.memoryImplicit && m.ignoredLimits.has('rootMemoryMinimum')) return;
    const rootShare = root.memoryImplicit ? m.limits.rootMemoryMinimum : root.memoryBytes;
    const dynamic = children.filter((c) => c.memory?.kind === 'dynamic' && c.memoryMaxBytes > c.memoryBytes);
    const peak = m.reserve + rootShare + children.reduce((s, c) => s + Math.max(c.memoryBytes, c.memoryMaxBytes), 0);
    if (peak <= host || dynamic.length === 0) return;
    const listed = dynamic.slice(0, 4).map((c) => `${nameOf(c)} up to ${formatExact(c.memoryMaxBytes)}`);
    if (dynamic.length > 4) listed.push(`${dynamic.length - 4} more`);
    const rootPart = root.memoryImplicit ? `the root (implicit, counted at ${formatExact(rootShare)})` : 'the root';
    ctx.report(
      m.locations.keyRange(m.raw.root, 'partitions'),
      `Were every dynamic-memory child at its maximum (${listed.join(', ')}), the hypervisor reserve, ${rootPart} and the root's children would need ${formatExact(peak)} of the host's ${formatExact(host)} (${formatExact(peak - host)} over): children can then only grow while others leave memory free; lower the maximums or add host memory if they must all peak together.`,
    );
  },
};
