import type { Device, Partition } from '../model/types';
import { MMIO_LOW_LIMIT } from '../model/mmio';
import type { Rule } from './rule';
import { formatExact, nameOf } from './memory-sizes';
import { lowTooLarge, mmioAdvice, mmioSideState, type MmioSideName } from './mmio-advice';

/**
 * docs/rules/mmio-space.md: the `mmio` of the devices assigned to a child (missing = 0) must fit in
 * its `mmioSpace.high` (default 512 MiB) and their `mmioLow` in its `mmioSpace.low` (default 128 MiB);
 * `mmioSpace.low` lies below 4 GiB. "Assigned" is ownership: a device listed by two children counts
 * for the first only (`device-single-owner` reports the second listing). One finding per problem,
 * anchored on the child's `devices` key, the 4 GiB one on the `low` value. A `mmioSpace` (or side) of
 * the wrong type is the schema's to report: the rule does not fall back to the default then.
 */
export const mmioSpace: Rule = {
  id: 'mmio-space',
  severity: 'error',
  summary: "The MMIO space the devices assigned to a child need exceeds its mmioSpace.high (default 512 MiB) or, for their mmioLow, its mmioSpace.low (default 128 MiB); or mmioSpace.low is 4 GiB or more.",
  check(ctx) {
    const m = ctx.model;
    for (const p of m.partitions) {
      if (p.isRoot) continue;
      const tooLarge = lowTooLarge(p);
      if (tooLarge) {
        ctx.report(
          m.locations.valueRange(p.raw.mmioSpace, 'low'),
          `Partition ${nameOf(p)} has mmioSpace.low of ${formatExact(p.mmioLow)}, not below 4 GiB: low MMIO space lies under the 4 GiB line (Set-VM -LowMemoryMappedIoSpace takes a 32-bit byte count); ${p.mmio && p.mmio.low.needed > 0 ? mmioAdvice('low', p.mmio.low.recommended, false) : 'set it below 4 GiB, e.g. the default 128 MiB'}, and put large MMIO needs in mmioSpace.high.`,
        );
      }
      const mmio = p.mmio;
      if (!mmio) continue;
      for (const side of ['high', 'low'] as const) {
        if (mmioSideState(p, side) !== 'short') continue;
        const s = mmio[side];
        ctx.report(m.locations.keyRange(p.raw, 'devices'), overflowMessage(p, side, mmio.devices, s.needed, s.has, s.explicit, s.recommended));
      }
    }
  },
};

function overflowMessage(p: Partition, side: MmioSideName, devices: Device[], needed: number, has: number, explicit: boolean, recommended: number): string {
  const size = (d: Device): number => (side === 'high' ? d.mmio : d.mmioLow);
  const parts = devices.filter((d) => size(d) > 0).map((d) => `${d.id} ${formatExact(size(d))}`).join(', ');
  const what = side === 'high' ? 'high MMIO space' : 'low MMIO space (below 4 GiB)';
  const advice = recommended < MMIO_LOW_LIMIT || side === 'high' ? mmioAdvice(side, recommended, true) : 'they cannot fit below 4 GiB: assign the devices to different children';
  return `Devices assigned to ${nameOf(p)} (${parts}) need ${formatExact(needed)} of ${what}, more than ${explicit ? 'its' : 'the default'} mmioSpace.${side} of ${formatExact(has)}: ${advice}.`;
}
