/** How the layout uses devices beyond ownership: virtual switches, GPU partitions, MMIO (docs/format.md). */
import { parseSize } from '../util/sizes';
import { MMIO_HIGH_BUFFER, MMIO_LOW_BUFFER } from './mmio';
import type { Device, GpuPartitioning, LayoutModel, MmioSide, Partition, Raw, Ref, SwitchType, VirtualSwitch } from './types';

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const SWITCH_TYPES: readonly string[] = ['external', 'internal', 'private'] satisfies SwitchType[];

/**
 * The switches of `host.switches` (mappings with a string name), their uplinks and the children whose
 * adapters use them; sets `uplinkOf` on the ownership of each external switch's uplinks.
 */
export function buildSwitches(
  raw: unknown[] | undefined,
  model: LayoutModel,
  refs: (arr: unknown) => Ref[],
): { switches: VirtualSwitch[]; switchByName: Map<string, VirtualSwitch> } {
  const switches: VirtualSwitch[] = [];
  const switchByName = new Map<string, VirtualSwitch>();
  (raw ?? []).forEach((s, index) => {
    if (!isObj(s) || typeof s.name !== 'string') return;
    const devices = refs(s.devices);
    const uplinks: Device[] = [];
    for (const r of devices) {
      const d = model.host.deviceById.get(r.value);
      if (d && !uplinks.includes(d)) uplinks.push(d);
    }
    const type = typeof s.type === 'string' && SWITCH_TYPES.includes(s.type) ? (s.type as SwitchType) : undefined;
    const sw: VirtualSwitch = { index, name: s.name, type, devices, uplinks, sriov: s.sriov === true, users: [], raw: s };
    switches.push(sw);
    if (!switchByName.has(sw.name)) switchByName.set(sw.name, sw);
    if (type === 'external') {
      for (const d of uplinks) {
        const o = model.ownership.get(d.id);
        if (o && o.uplinkOf === undefined) o.uplinkOf = sw;
      }
    }
  });
  for (const p of model.partitions) {
    if (p.isRoot) continue;
    for (const a of p.networkAdapters) {
      const sw = switchByName.get(a.value);
      if (sw && !sw.users.includes(p)) sw.users.push(p);
    }
  }
  return { switches, switchByName };
}

/** Partitionable GPUs and the children that take one of their partitions. */
export function computeGpus(model: LayoutModel): GpuPartitioning[] {
  const out: GpuPartitioning[] = [];
  const byId = new Map<string, GpuPartitioning>();
  for (const d of model.host.devices) {
    if (d.gpuPartitions === undefined || model.host.deviceById.get(d.id) !== d) continue;
    const g: GpuPartitioning = { device: d, offered: d.gpuPartitions, users: [] };
    out.push(g);
    byId.set(d.id, g);
  }
  for (const p of model.partitions) {
    if (p.isRoot || !p.gpuPartition) continue;
    byId.get(p.gpuPartition.value)?.users.push(p);
  }
  return out;
}

/** The devices a partition owns (assigned to it), in its list's order, each once. */
function assignedDevices(model: LayoutModel, p: Partition): Device[] {
  const out: Device[] = [];
  for (const ref of p.devices) {
    const o = model.ownership.get(ref.value);
    if (o?.owner === p && o.how === 'assigned' && !out.includes(o.device)) out.push(o.device);
  }
  return out;
}

/** Sets `mmio` on every child with assigned devices: needed, has and recommended, high and low. */
export function computeMmio(model: LayoutModel): void {
  for (const p of model.partitions) {
    if (p.isRoot) continue;
    const devices = assignedDevices(model, p);
    if (devices.length === 0) continue;
    const space = isObj(p.raw.mmioSpace) ? p.raw.mmioSpace : undefined;
    const side = (key: 'high' | 'low', needed: number, has: number, buffer: number): MmioSide => ({
      needed,
      has,
      explicit: space !== undefined && parseSize(space[key]) !== undefined,
      recommended: needed + buffer,
    });
    p.mmio = {
      devices,
      high: side('high', devices.reduce((s, d) => s + d.mmio, 0), p.mmioHigh, MMIO_HIGH_BUFFER),
      low: side('low', devices.reduce((s, d) => s + d.mmioLow, 0), p.mmioLow, MMIO_LOW_BUFFER),
    };
  }
}
