import type { Rule } from './rule';
import { MEMORY_GRANULE, sizeFields, sizeLiteral } from './memory-sizes';

/**
 * A partition's memory sizes (static, or dynamic startup/minimum/maximum) are multiples of 2 MiB
 * (docs/rules/memory-alignment.md). Host memory and the hypervisor reserve may be any whole number of
 * bytes; device mmio, mmioSpace and limits are not memory sizes. Anchored on the value.
 */
export const memoryAlignment: Rule = {
  id: 'memory-alignment',
  severity: 'error',
  summary: "A partition's memory size (static, startup, minimum or maximum) is not a multiple of 2 MiB.",
  check(ctx) {
    const loc = ctx.model.locations;
    for (const f of sizeFields(ctx.model)) {
      if (!f.memory || f.bytes % MEMORY_GRANULE === 0) continue;
      const down = Math.floor(f.bytes / MEMORY_GRANULE) * MEMORY_GRANULE;
      const up = down + MEMORY_GRANULE;
      const fix = down > 0 ? `${sizeLiteral(down)} or ${sizeLiteral(up)}` : sizeLiteral(up);
      ctx.report(loc.valueRange(f.owner, f.key), `Memory size "${f.text}" (${f.label}) is not a multiple of 2 MiB, the granularity of a partition's memory: write ${fix}.`);
    }
  },
};
