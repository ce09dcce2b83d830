import { AMBIGUOUS_UNITS, formatCount } from '../util/sizes';
import type { Rule } from './rule';
import { formatExact, sizeFields } from './memory-sizes';

/**
 * docs/format.md, docs/rules/size-unit-ambiguous.md: sizes use binary units; KB/MB/GB/TB are accepted and read as KiB/MiB/GiB/TiB (as
 * Hyper-V Manager and PowerShell do), but a reader may take them as decimal. Every size string is
 * checked: host memory, the reserve, size limits, partition memory (static and dynamic fields),
 * device mmio and mmioSpace. Anchored on the value.
 */
export const sizeUnitAmbiguous: Rule = {
  id: 'size-unit-ambiguous',
  severity: 'warning',
  summary: 'A size uses KB, MB, GB or TB, which this format reads as the binary KiB, MiB, GiB or TiB.',
  check(ctx) {
    const loc = ctx.model.locations;
    for (const f of sizeFields(ctx.model)) {
      if (!AMBIGUOUS_UNITS.has(f.unit)) continue;
      const binary = f.unit.replace('B', 'iB');
      const fixed = f.text.replace(/([KMGT])B$/, '$1iB');
      ctx.report(
        loc.valueRange(f.owner, f.key),
        `Size "${f.text}" (${f.label}) uses ${f.unit}, which is read as the binary ${binary} (${formatExact(f.bytes)} = ${formatCount(f.bytes)} bytes), not decimal: write "${fixed}".`,
      );
    }
  },
};
