import type { Rule } from './rule';
import { formatExact, hostMemoryKnown, memoryUnreadable, nameOf } from './memory-sizes';

/**
 * docs/rules/root-memory-low.md: the root runs the virtualization stack, the VSPs and every driver of the host; below
 * `rootMemoryMinimum` (2 GiB unless hypervisor.limits says otherwise) it starves. An explicit memory is
 * anchored on the root's `memory` key, an implicit one (what the reserve and the children leave) on the
 * root's `name` value. Skipped when the root's memory, or (for an implicit root) host.memory, cannot be
 * read: the schema reports that.
 */
export const rootMemoryLow: Rule = {
  id: 'root-memory-low',
  severity: 'warning',
  summary: 'The root partition has less memory (explicit, or what is left for it) than rootMemoryMinimum (2 GiB).',
  check(ctx) {
    const m = ctx.model;
    const root = m.root;
    // A rootMemoryMinimum written but not valid is the schema's finding: the minimum meant is unknown.
    if (!root || memoryUnreadable(root) || m.ignoredLimits.has('rootMemoryMinimum')) return;
    const minimum = m.limits.rootMemoryMinimum;
    if (root.memoryBytes >= minimum) return;
    const min = formatExact(minimum);
    if (!root.memoryImplicit) {
      ctx.report(
        m.locations.keyRange(root.raw, 'memory'),
        `Root partition ${nameOf(root)} has ${formatExact(root.memoryBytes)} of memory, below the ${min} it needs for the virtualization stack and the host's drivers: give it at least ${min}.`,
      );
      return;
    }
    if (!hostMemoryKnown(m)) return;
    const children = root.children.reduce((sum, c) => sum + c.memoryBytes, 0);
    ctx.report(
      m.locations.valueRange(root.raw, 'name'),
      `Root partition ${nameOf(root)} is left ${formatExact(root.memoryBytes)} of memory (host ${formatExact(m.host.memory)} − reserve ${formatExact(m.reserve)} − children ${formatExact(children)}), below the ${min} it needs for the virtualization stack and the host's drivers: lower the children's memory or the reserve, or add host memory.`,
    );
  },
};
