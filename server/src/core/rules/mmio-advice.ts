/** What the MMIO rules share: which sides of a child's mmioSpace they may judge, and the Set-VM advice. */
import { MiB, parseSize } from '../util/sizes';
import type { MmioSideRow } from '../model/allocation-types';
import type { Partition, Raw } from '../model/types';
import { MMIO_LOW_LIMIT } from '../model/mmio';
import { formatExact } from './memory-sizes';

export type MmioSideName = 'high' | 'low';

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether the rules may judge a side of a child's MMIO space: not when `mmioSpace` or that side is
 * written but not valid (the schema reports it; what the user meant is unknown).
 */
function sideJudgeable(p: Partition, side: MmioSideName): boolean {
  const space = p.raw.mmioSpace;
  if (space === undefined) return true;
  if (!isObj(space)) return false;
  return space[side] === undefined || parseSize(space[side]) !== undefined;
}

/** `mmioSpace.low` of 4 GiB or more: Set-VM -LowMemoryMappedIoSpace takes a 32-bit byte count. */
export function lowTooLarge(p: Partition): boolean {
  const space = p.raw.mmioSpace;
  if (!isObj(space)) return false;
  const low = parseSize(space.low);
  return low !== undefined && low.bytes >= MMIO_LOW_LIMIT;
}

/**
 * How the MMIO rules judge one side of a child's MMIO space: `short` (mmio-space: its devices need
 * more than it has), `no-buffer` (mmio-buffer: less than Microsoft's sizing; low only when its
 * devices need low MMIO), `not-below-4GiB` (mmio-space: a low side of 4 GiB or more), `invalid` (the
 * side written is not a size: the schema's finding, not judged), else `ok`. Undefined for a partition
 * without assigned devices.
 */
export type MmioSideState = MmioSideRow['state'];

export function mmioSideState(p: Partition, side: MmioSideName): MmioSideState | undefined {
  const s = p.mmio?.[side];
  if (!s) return undefined;
  if (!sideJudgeable(p, side)) return 'invalid';
  if (side === 'low' && lowTooLarge(p)) return 'not-below-4GiB';
  if (s.needed > s.has) return 'short';
  if (s.has < s.recommended && (side === 'high' || s.needed > 0)) return 'no-buffer';
  return 'ok';
}

/** The Set-VM parameter of a side. */
const SET_VM_PARAMETER: Record<MmioSideName, string> = { high: '-HighMemoryMappedIoSpace', low: '-LowMemoryMappedIoSpace' };

/** "set mmioSpace.high to 1.5 GiB (Set-VM -HighMemoryMappedIoSpace 1536MB)": PowerShell's MB is MiB. */
export function mmioAdvice(side: MmioSideName, bytes: number, atLeast: boolean): string {
  return `set mmioSpace.${side} to ${atLeast ? 'at least ' : ''}${formatExact(bytes)} (Set-VM ${SET_VM_PARAMETER[side]} ${Math.ceil(bytes / MiB)}MB)`;
}
