import type { Device, LayoutModel, Partition } from '../core/model/types';
import { MMIO_HIGH_BUFFER, MMIO_LOW_BUFFER, MMIO_LOW_LIMIT } from '../core/model/mmio';
import { formatBytes, formatCount, MiB, parseSize } from '../core/util/sizes';
import { escape } from './facts';

/**
 * Hover facts for MMIO sizes: a device's `mmio` and a child's `mmioSpace.high`/`low` are address
 * space for memory-mapped I/O, not memory, so they get no "share of the host's memory".
 * Microsoft sizes MMIO as the assigned devices' sum plus 512 MiB (high) / 128 MiB (low) of buffer
 * (docs/rules/mmio-space.md).
 */

const MMIO_BUFFER = { high: MMIO_HIGH_BUFFER, low: MMIO_LOW_BUFFER } as const;

export type MmioSide = 'high' | 'low';

const bold = (s: string): string => `**${escape(s)}**`;
const code = (s: string): string => `\`${s}\``;
const NOT_MEMORY = "It is address space, not memory: it takes nothing from the host's memory.";
const CMDLET: Record<MmioSide, string> = { high: 'Set-VM -HighMemoryMappedIoSpace', low: 'Set-VM -LowMemoryMappedIoSpace' };

/** What a device needs on one side. */
function need(d: Device, side: MmioSide): number {
  return side === 'high' ? d.mmio : d.mmioLow;
}

/**
 * The MMIO a child's assigned devices need on one side (the model's), and what Microsoft recommends
 * it sets, in whole MiB as `Set-VM` takes it.
 */
export function mmioNeeds(p: Partition, side: MmioSide): { devices: Device[]; sum: number; recommended: number } {
  const m = p.mmio;
  const sum = m ? m[side].needed : 0;
  return { devices: m?.devices ?? [], sum, recommended: Math.ceil((sum + MMIO_BUFFER[side]) / MiB) * MiB };
}

/** `**176MiB** = 184,549,376 bytes` */
function head(value: string, bytes: number): string {
  return `${bold(value)} = ${formatCount(bytes)} bytes`;
}

/** Hover on a device's `mmio` (high) or `mmioLow` (low). */
export function deviceMmioFacts(model: LayoutModel, device: Device | undefined, side: MmioSide, value: string): string | undefined {
  const size = parseSize(value);
  if (!size) return undefined;
  const who = device ? bold(device.id) : 'the device';
  const where = side === 'high' ? 'above 4 GiB' : 'below 4 GiB (for its 32-bit BARs)';
  const parts = [`${head(value, size.bytes)} of ${side} MMIO space: the memory-mapped I/O address space ${where} that ${who} needs in the child it is assigned to. ${NOT_MEMORY}`];
  const o = device && model.host.deviceById.get(device.id) === device ? model.ownership.get(device.id) : undefined;
  if (o?.how === 'assigned' && o.owner) parts.push(childLine(o.owner, side));
  else if (o) parts.push(`Not assigned to a child: the root keeps it, and MMIO space is set per child (${code(CMDLET[side])}).`);
  return parts.join('\n\n');
}

/** Hover on a child's `mmioSpace.high` or `mmioSpace.low`. */
export function mmioSpaceFacts(p: Partition | undefined, side: MmioSide, value: string): string | undefined {
  const size = parseSize(value);
  if (!size) return undefined;
  const who = p?.name ? bold(p.name) : 'this child';
  const where = side === 'high' ? 'above 4 GiB' : 'below 4 GiB';
  const parts = [`${head(value, size.bytes)} of ${side} MMIO space: the memory-mapped I/O address space ${where} that ${who} gives its assigned devices (${code(CMDLET[side])}). ${NOT_MEMORY}`];
  if (side === 'low') parts.push(size.bytes >= MMIO_LOW_LIMIT ? `Low MMIO space must be below 4 GiB: ${escape(value)} is not (${code('mmio-space')}).` : 'Low MMIO space must stay below 4 GiB.');
  if (p && !p.isRoot) parts.push(childLine(p, side));
  return parts.join('\n\n');
}

/** What a child's devices need on one side, what it has, what Microsoft recommends. */
function childLine(p: Partition, side: MmioSide): string {
  const { devices, sum, recommended } = mmioNeeds(p, side);
  const name = bold(p.name);
  const has = side === 'high' ? p.mmioHigh : p.mmioLow;
  const set = `${formatBytes(has)} of ${side} MMIO space${p.mmio?.[side].explicit ?? written(p, side) ? '' : ' (the default)'}`;
  if (devices.length === 0) return `${name} has ${set} and no assigned devices.`;
  const list = devices.filter((d) => need(d, side) > 0).map((d) => `${escape(d.id)} ${formatBytes(need(d, side))}`);
  const needs = sum > 0 ? `${formatBytes(sum)} (${list.join(', ')})` : 'none';
  return `${name} has ${set}; its assigned devices need ${needs}. Microsoft recommends their sum + ${formatBytes(MMIO_BUFFER[side])}: ${formatBytes(recommended)}.`;
}

function written(p: Partition, side: MmioSide): boolean {
  const m = p.raw.mmioSpace;
  return typeof m === 'object' && m !== null && (m as Record<string, unknown>)[side] !== undefined;
}
