import type { Rule } from './rule';
import { MEMORY_GRANULE, sizeFields, sizeLiteral } from './memory-sizes';

/**
 * docs/format.md, docs/rules/memory-alignment.md: on every release memory sizes are multiples of 2 MiB (Hyper-V allocates guest memory in
 * 2 MiB large pages, and Hyper-V Manager and Set-VM round to it). Memory sizes are host.memory,
 * hypervisor.reserve.memory and each partition's static memory or dynamic startup/minimum/maximum;
 * device mmio, mmioSpace and limits are not memory sizes. Anchored on the value.
 */
export const memoryAlignment: Rule = {
  id: 'memory-alignment',
  severity: 'error',
  summary: 'A memory size (host, reserve, or a partition static, startup, minimum or maximum memory) is not a multiple of 2 MiB.',
  check(ctx) {
    const loc = ctx.model.locations;
    for (const f of sizeFields(ctx.model)) {
      if (!f.memory || f.bytes % MEMORY_GRANULE === 0) continue;
      const down = Math.floor(f.bytes / MEMORY_GRANULE) * MEMORY_GRANULE;
      const up = down + MEMORY_GRANULE;
      const fix = down > 0 ? `${sizeLiteral(down)} or ${sizeLiteral(up)}` : sizeLiteral(up);
      ctx.report(loc.valueRange(f.owner, f.key), `Memory size "${f.text}" (${f.label}) is not a multiple of 2 MiB (Hyper-V backs memory with 2 MiB large pages): write ${fix}.`);
    }
  },
};
