import { MiB, parseSize } from '../util/sizes';
import type { Device } from '../model/types';
import type { Rule } from './rule';
import { formatExact, nameOf } from './memory-sizes';

/** Microsoft's guidance for DDA: high MMIO space = the devices' needs plus 512 MiB of headroom. */
const MMIO_BUFFER = 512 * MiB;

/**
 * docs/rules/mmio-space.md: the `mmio` of the devices assigned to a child (missing = 0) must fit in its
 * `mmioSpace.high` (default 512 MiB). "Assigned" is the ownership (docs/allocation-json.md): a device listed by two
 * children counts for the first only (`device-single-owner` reports the second listing). The root is
 * never assigned anything. Anchored on the child's `devices` key. A `mmioSpace` or `high` of the wrong
 * type is the schema's to report: the rule does not fall back to the default then.
 */
export const mmioSpace: Rule = {
  id: 'mmio-space',
  severity: 'error',
  summary: "The MMIO space needed by the devices assigned to a child exceeds its mmioSpace.high (default 512 MiB).",
  check(ctx) {
    const m = ctx.model;
    for (const p of m.partitions) {
      if (p.isRoot || p.devices.length === 0) continue;
      const mmio = p.raw.mmioSpace;
      const isMap = typeof mmio === 'object' && mmio !== null && !Array.isArray(mmio);
      // A mmioSpace (or its high) that is not what the schema allows is the schema's finding alone.
      if (mmio !== undefined && !isMap) continue;
      const high = isMap ? (mmio as Record<string, unknown>).high : undefined;
      if (high !== undefined && parseSize(high) === undefined) continue;
      const devices: Device[] = [];
      for (const ref of p.devices) {
        const o = m.ownership.get(ref.value);
        if (o?.owner === p && !devices.includes(o.device)) devices.push(o.device);
      }
      const sum = devices.reduce((s, d) => s + d.mmio, 0);
      if (sum <= p.mmioHigh) continue;
      const want = sum + MMIO_BUFFER;
      const parts = devices.filter((d) => d.mmio > 0).map((d) => `${d.id} ${formatExact(d.mmio)}`).join(', ');
      ctx.report(
        m.locations.keyRange(p.raw, 'devices'),
        `Devices assigned to ${nameOf(p)} (${parts}) need ${formatExact(sum)} of high MMIO space, more than ${high === undefined ? 'the default mmioSpace.high of' : 'its mmioSpace.high of'} ${formatExact(p.mmioHigh)}: set mmioSpace.high to at least ${formatExact(want)} (Set-VM -HighMemoryMappedIoSpace ${Math.ceil(want / MiB)}MB).`,
      );
    }
  },
};
