import type { Rule } from './rule';
import { formatExact, nameOf } from './memory-sizes';
import { mmioAdvice, mmioSideState } from './mmio-advice';

/**
 * docs/rules/mmio-buffer.md: Microsoft sizes a VM's MMIO space as its assigned devices' sum plus the
 * defaults (512 MiB high, 128 MiB low) as a buffer for its other devices. Each side on its own, only
 * where mmio-space does not fire on it; the low side only when the devices need low MMIO at all.
 * Anchored on that side's value, else the `mmioSpace` key, else the `devices` key.
 */
export const mmioBuffer: Rule = {
  id: 'mmio-buffer',
  severity: 'warning',
  summary: "A child's devices fit its MMIO space but without Microsoft's buffer: mmioSpace.high below their mmio + 512 MiB, or mmioSpace.low below their mmioLow + 128 MiB.",
  check({ model, report }) {
    const loc = model.locations;
    for (const p of model.partitions) {
      const mmio = p.mmio;
      if (p.isRoot || !mmio) continue;
      for (const side of ['high', 'low'] as const) {
        if (mmioSideState(p, side) !== 'no-buffer') continue;
        const s = mmio[side];
        const space = p.raw.mmioSpace;
        const range = s.explicit ? loc.valueRange(space, side) : space !== undefined ? loc.keyRange(p.raw, 'mmioSpace') : loc.keyRange(p.raw, 'devices');
        const buffer = s.recommended - s.needed;
        report(
          range,
          `Devices assigned to ${nameOf(p)} need ${formatExact(s.needed)} of ${side} MMIO space and ${s.explicit ? 'its' : 'the default'} mmioSpace.${side} of ${formatExact(s.has)} leaves less than Microsoft's ${formatExact(buffer)} buffer for the VM's other devices: ${mmioAdvice(side, s.recommended, false)}.`,
        );
      }
    }
  },
};
