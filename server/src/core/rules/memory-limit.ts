import { parseSize } from '../util/sizes';
import type { Rule } from './rule';
import { CHILD_MEMORY_MINIMUM, dynamicRaw, formatExact, nameOf } from './memory-sizes';

/**
 * SPEC §5: a child's static memory or dynamic maximum may not exceed the release's per-partition limit
 * for its generation (hypervisor.limits may override it), and its static memory or dynamic minimum may
 * not be under 32 MiB. A generation the release lacks is `release-feature`'s to report, so it is
 * skipped here. The root is not a child: its memory is what the host has.
 */
export const memoryLimit: Rule = {
  id: 'memory-limit',
  severity: 'error',
  summary: "A child's static memory or dynamic maximum exceeds the release's limit for its generation, or its static memory or dynamic minimum is under 32 MiB.",
  check(ctx) {
    const m = ctx.model;
    const loc = m.locations;
    const min = formatExact(CHILD_MEMORY_MINIMUM);
    for (const p of m.partitions) {
      if (p.isRoot || !p.memory) continue;
      const gen2 = p.generation === 2;
      const limit = gen2 ? m.limits.memoryPerPartitionGen2 : m.limits.memoryPerPartitionGen1;
      const limitKey = gen2 ? 'memoryPerPartitionGen2' : 'memoryPerPartitionGen1';
      const overridden = parseSize(m.raw.limits?.[limitKey]) !== undefined;
      const source = overridden ? `hypervisor.limits.${limitKey}` : `the limit of ${m.release.title}`;
      const hasGeneration = !gen2 || m.features.generation2;
      const over = (bytes: number): boolean => hasGeneration && limit !== undefined && bytes > limit;
      const cap = limit === undefined ? '' : formatExact(limit);
      const otherGen = gen2 ? '' : m.features.generation2 && (m.limits.memoryPerPartitionGen2 ?? 0) > (limit ?? 0) ? ', or use generation 2' : '';

      if (p.memory.kind === 'static') {
        const b = p.memory.bytes;
        const range = loc.valueRange(p.raw, 'memory');
        if (over(b)) {
          ctx.report(range, `Partition ${nameOf(p)} has ${formatExact(b)} of static memory, more than the ${cap} a generation ${p.generation} partition may have (${source}): lower it to at most ${cap}${otherGen}.`);
        } else if (b < CHILD_MEMORY_MINIMUM) {
          ctx.report(range, `Partition ${nameOf(p)} has ${formatExact(b)} of static memory, less than the ${min} every child needs: give it at least ${min}.`);
        }
        continue;
      }
      const raw = dynamicRaw(p);
      if (!raw) continue;
      const { maximum, minimum } = p.memory;
      if (maximum !== undefined && over(maximum)) {
        ctx.report(
          loc.valueRange(raw, 'maximum'),
          `Dynamic memory maximum of ${nameOf(p)} is ${formatExact(maximum)}, more than the ${cap} a generation ${p.generation} partition may have (${source}): lower maximum to at most ${cap}${otherGen}.`,
        );
      }
      if (minimum !== undefined && minimum < CHILD_MEMORY_MINIMUM) {
        ctx.report(loc.valueRange(raw, 'minimum'), `Dynamic memory minimum of ${nameOf(p)} is ${formatExact(minimum)}, less than the ${min} every child needs: raise minimum to at least ${min}.`);
      }
    }
  },
};
