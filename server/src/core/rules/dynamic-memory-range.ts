import type { Rule } from './rule';
import { dynamicRaw, formatExact, nameOf } from './memory-sizes';

/**
 * docs/rules/dynamic-memory-range.md: dynamic memory needs `minimum <= startup <= maximum`. A minimum above startup is anchored
 * on the `minimum` value, a maximum below startup on the `maximum` value; both can fire. Without a
 * readable startup there is nothing to compare (the schema reports the missing or bad value).
 */
export const dynamicMemoryRange: Rule = {
  id: 'dynamic-memory-range',
  severity: 'error',
  summary: 'Dynamic memory does not satisfy minimum <= startup <= maximum.',
  check(ctx) {
    const loc = ctx.model.locations;
    for (const p of ctx.model.partitions) {
      const raw = dynamicRaw(p);
      if (!raw || p.memory?.kind !== 'dynamic') continue;
      const { startup, minimum, maximum } = p.memory;
      if (startup === undefined) continue;
      const s = formatExact(startup);
      if (minimum !== undefined && minimum > startup) {
        ctx.report(
          loc.valueRange(raw, 'minimum'),
          `Dynamic memory of ${nameOf(p)}: minimum ${formatExact(minimum)} is above startup ${s}: lower minimum to at most ${s} or raise startup.`,
        );
      }
      if (maximum !== undefined && maximum < startup) {
        ctx.report(
          loc.valueRange(raw, 'maximum'),
          `Dynamic memory of ${nameOf(p)}: maximum ${formatExact(maximum)} is below startup ${s}: raise maximum to at least ${s} or lower startup.`,
        );
      }
    }
  },
};
