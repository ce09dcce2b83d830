import { parseSize } from '../util/sizes';
import type { Rule } from './rule';
import { CHILD_MEMORY_MINIMUM, dynamicRaw, formatExact, nameOf } from './memory-sizes';

/**
 * docs/rules/memory-limit.md: a child's static memory or dynamic maximum may not exceed the release's per-partition limit
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
    // What a message says about each generation's limit: computed once per check, not per partition.
    const genInfo = new Map<boolean, { limit: number | undefined; source: string; hasGeneration: boolean; cap: string; otherGen: string }>();
    const infoFor = (gen2: boolean) => {
      let info = genInfo.get(gen2);
      if (!info) {
        const limit = gen2 ? m.limits.memoryPerPartitionGen2 : m.limits.memoryPerPartitionGen1;
        const limitKey = gen2 ? 'memoryPerPartitionGen2' : 'memoryPerPartitionGen1';
        const overridden = parseSize(m.raw.limits?.[limitKey]) !== undefined;
        // An override written but not valid is the schema's finding: the limit meant is unknown.
        const ignored = m.ignoredLimits.has(limitKey);
        info = {
          limit,
          source: overridden ? `hypervisor.limits.${limitKey}` : `the limit of ${m.release.title}`,
          hasGeneration: (!gen2 || m.features.generation2) && !ignored,
          cap: limit === undefined ? '' : formatExact(limit),
          otherGen: gen2 ? '' : m.features.generation2 && (m.limits.memoryPerPartitionGen2 ?? 0) > (limit ?? 0) ? ', or use generation 2' : '',
        };
        genInfo.set(gen2, info);
      }
      return info;
    };
    for (const p of m.partitions) {
      if (p.isRoot || !p.memory) continue;
      const { limit, source, hasGeneration, cap, otherGen } = infoFor(p.generation === 2);
      // A generation that is neither 1 nor 2 is the schema's finding: which limit applies is unknown.
      const generationKnown = p.raw.generation === undefined || p.raw.generation === 1 || p.raw.generation === 2;
      const over = (bytes: number): boolean => generationKnown && hasGeneration && limit !== undefined && bytes > limit;

      if (p.memory.kind === 'static') {
        const b = p.memory.bytes;
        if (over(b)) {
          ctx.report(loc.valueRange(p.raw, 'memory'), `Partition ${nameOf(p)} has ${formatExact(b)} of static memory, more than the ${cap} a generation ${p.generation} partition may have (${source}): lower it to at most ${cap}${otherGen}.`);
        } else if (b < CHILD_MEMORY_MINIMUM) {
          ctx.report(loc.valueRange(p.raw, 'memory'), `Partition ${nameOf(p)} has ${formatExact(b)} of static memory, less than the ${min} every child needs: give it at least ${min}.`);
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
