/** What the MMIO rules share: which sides of a child's mmioSpace they may judge, and the Set-VM advice. */
import { MiB, parseSize } from '../util/sizes';
import type { Partition, Raw } from '../model/types';
import { MMIO_LOW_LIMIT } from '../model/mmio';
import { formatExact } from './memory-sizes';

export type MmioSideName = 'high' | 'low';

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether the rules may judge a side of a child's MMIO space: not when `mmioSpace` or that side is
 * written but not valid (the schema reports it; what the user meant is unknown).
 */
export function sideJudgeable(p: Partition, side: MmioSideName): boolean {
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

/** The Set-VM parameter of a side. */
const SET_VM_PARAMETER: Record<MmioSideName, string> = { high: '-HighMemoryMappedIoSpace', low: '-LowMemoryMappedIoSpace' };

/** "set mmioSpace.high to 1.5 GiB (Set-VM -HighMemoryMappedIoSpace 1536MB)": PowerShell's MB is MiB. */
export function mmioAdvice(side: MmioSideName, bytes: number, atLeast: boolean): string {
  return `set mmioSpace.${side} to ${atLeast ? 'at least ' : ''}${formatExact(bytes)} (Set-VM ${SET_VM_PARAMETER[side]} ${Math.ceil(bytes / MiB)}MB)`;
}
