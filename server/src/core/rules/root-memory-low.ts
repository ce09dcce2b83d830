import { ROOT_RESERVE_BASE, ROOT_RESERVE_PER_GIB } from '../model/releases';
import type { LayoutModel } from '../model/types';
import { GiB } from '../util/sizes';
import type { Rule } from './rule';
import { formatExact, formatNumber, hostMemoryKnown, memoryUnreadable, nameOf } from './memory-sizes';

/**
 * The root keeps a memory reserve for the host (docs/rules/root-memory-low.md): by default Hyper-V's
 * own, 384 MiB + 30 MiB per GiB of host memory, or `hypervisor.limits.rootMemoryMinimum`. An explicit
 * memory is anchored on the root's `memory` key, an implicit one (what the reserve and the children
 * leave) on the root's `name` value. Skipped when the root's memory, or (for an implicit root)
 * host.memory, cannot be read: the schema reports that.
 */
export const rootMemoryLow: Rule = {
  id: 'root-memory-low',
  severity: 'warning',
  summary: "The root partition has less memory (explicit, or what is left for it) than rootMemoryMinimum (default: Hyper-V's root reserve, 384 MiB + 30 MiB per GiB of host memory).",
  check(ctx) {
    const m = ctx.model;
    const root = m.root;
    // A rootMemoryMinimum written but not valid is the schema's finding: the minimum meant is unknown.
    if (!root || memoryUnreadable(root) || m.ignoredLimits.has('rootMemoryMinimum')) return;
    const minimum = m.limits.rootMemoryMinimum;
    if (root.memoryBytes >= minimum) return;
    const min = formatExact(minimum);
    const below = `below the ${thresholdText(m)}`;
    if (!root.memoryImplicit) {
      ctx.report(m.locations.keyRange(root.raw, 'memory'), `Root partition ${nameOf(root)} has ${formatExact(root.memoryBytes)} of memory, ${below}: give it at least ${min}.`);
      return;
    }
    if (!hostMemoryKnown(m)) return;
    const children = root.children.reduce((sum, c) => sum + c.memoryBytes, 0);
    ctx.report(
      m.locations.valueRange(root.raw, 'name'),
      `Root partition ${nameOf(root)} is left ${formatExact(root.memoryBytes)} of memory (host ${formatExact(m.host.memory)} − reserve ${formatExact(m.reserve)} − children ${formatExact(children)}), ${below}: lower the children's memory or the reserve, or add host memory.`,
    );
  },
};

/** "4224 MiB (384 MiB + 30 MiB × 128) Hyper-V reserves for the root of a 128 GiB host", or the override. */
function thresholdText(m: LayoutModel): string {
  const min = formatExact(m.limits.rootMemoryMinimum);
  if (m.limits.rootMemoryMinimum !== m.defaultLimits.rootMemoryMinimum) return `${min} of hypervisor.limits.rootMemoryMinimum`;
  const gib = formatNumber(m.host.memory / GiB);
  return `${min} (${formatExact(ROOT_RESERVE_BASE)} + ${formatExact(ROOT_RESERVE_PER_GIB)} × ${gib}) Hyper-V reserves for the root of a ${formatExact(m.host.memory)} host`;
}
