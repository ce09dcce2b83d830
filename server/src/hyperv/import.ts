import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { sizeLiteral } from '../core/rules/memory-sizes';
import { MiB } from '../core/util/sizes';
import { gpuDevice, inventoryNames, releaseOfOs, sameLocation } from './inventory/host-facts';
import { hostDevices, type HostDevice } from './inventory/host-devices';
import type { Inventory, Vm } from './inventory/types';

/**
 * `partition-lint import`: a host's inventory → a layout (`*.partition.yaml`) that passes the schema,
 * with comments saying where names were changed, what each device is, and what the inventory cannot
 * tell (docs/decisions.md, "Import").
 */

type Path = ReadonlyArray<string | number>;
interface Note {
  path: Path;
  text: string;
  /** a comment line before the node instead of after its value */
  before?: boolean;
}

/** The layout's defaults for a child's MMIO space (docs/format.md, `mmioSpace`). */
export const DEFAULT_MMIO = { low: 128 * MiB, high: 512 * MiB };

const NOT_IN_INVENTORY = [
  'the hypervisor reserve',
  'host paging and processor vendor',
  'IOMMU groups and drivers',
  "the root's VPs and memory (minroot, the root reserve: the root gets the defaults)",
  "guests' OS and integration services",
  'processor affinity (CPU groups)',
  'virtual disks (synthetic storage)',
];

export function importInventory(inv: Inventory, source: string): string {
  const notes: Note[] = [];
  const note = (path: Path, text: string, before = false): void => void notes.push({ path, text, before });
  const names = inventoryNames(inv);
  const devices = hostDevices(inv);

  const release = releaseOfOs(inv.os);
  const hypervisor: Record<string, unknown> = { model: 'microkernelized' };
  if (release) {
    hypervisor.release = release.release;
    note(
      ['hypervisor', 'release'],
      release.nearest ? `OS build ${release.version} is not one partition-lint knows: the nearest earlier release` : `OS build ${release.version}`,
    );
  } else {
    note(['hypervisor', 'model'], 'the inventory has no OS version: release left to its default (ws2025)');
  }

  const host: Record<string, unknown> = { logicalProcessors: inv.vmHost.logicalProcessorCount };
  if (inv.numaNodes.length > 0) host.numaNodes = inv.numaNodes.length;
  if (inv.vmHost.numaSpanningEnabled !== undefined) host.numaSpanning = inv.vmHost.numaSpanningEnabled;
  host.memory = sizeLiteral(inv.vmHost.memoryCapacity);
  if (inv.vmHost.iovSupport !== undefined) {
    host.iommu = inv.vmHost.iovSupport;
    if (!inv.vmHost.iovSupport && inv.vmHost.iovSupportReasons.length > 0) note(['host', 'iommu'], `IovSupport false: ${inv.vmHost.iovSupportReasons.join(' ')}`);
  }
  host.devices = devices.map((d, i) => deviceEntry(d, i, note));

  const switches = switchEntries(inv, names.switches, devices, note);
  if (switches.length > 0) host.switches = switches;

  const partitions: Array<Record<string, unknown>> = [{ name: 'root', role: 'root' }];
  const gpuUse = new Map<string, number>();
  inv.vms.forEach((vm, i) => partitions.push(childEntry(vm, i + 1, names, inv, devices, gpuUse, note)));

  const layout = { layout: 'v1', name: inv.computerName ?? 'imported-host', hypervisor, host, partitions };
  const doc = new Document(layout);
  const when = inv.collectedAt ? `, collected ${inv.collectedAt}` : '';
  doc.commentBefore = [
    ` Imported by partition-lint from ${source}${inv.computerName ? ` (host ${inv.computerName}${when})` : when}.`,
    ` Not in the inventory, so not written here: ${NOT_IN_INVENTORY.join('; ')}.`,
  ].join('\n');
  for (const n of notes) attach(doc, n);
  flowStringLists(doc.contents);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function deviceEntry(d: HostDevice, i: number, note: (path: Path, text: string, before?: boolean) => void): Record<string, unknown> {
  const e: Record<string, unknown> = { id: d.id, class: d.class };
  if (d.address) e.address = d.address;
  if (d.locationPath) e.locationPath = d.locationPath;
  if (d.assignable) e.assignable = true;
  if (d.mmio !== undefined) e.mmio = sizeLiteral(d.mmio);
  if (d.gpuPartitions !== undefined) e.gpuPartitions = d.gpuPartitions;
  const at = ['host', 'devices', i, 'id'];
  if (d.pci) note(at, `${d.pci.friendlyName ?? d.pci.instanceId} (${d.pci.pnpClass ?? 'no PnP class'})`);
  else note(at, `dismounted from the host (${d.dismounted?.instanceId ?? 'no instance id'}): its class, address and MMIO are not in the inventory`);
  return e;
}

function switchEntries(inv: Inventory, names: readonly string[], devices: readonly HostDevice[], note: (path: Path, text: string, before?: boolean) => void): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  inv.switches.forEach((s, i) => {
    const at = out.length;
    if (s.switchType === undefined) {
      note(['host', 'switches'], `switch ${JSON.stringify(s.name)} is left out: the inventory does not say its type`, true);
      return;
    }
    const e: Record<string, unknown> = { name: names[i], type: s.switchType.toLowerCase() };
    if (names[i] !== s.name) note(['host', 'switches', at, 'name'], `on the host: ${JSON.stringify(s.name)}`);
    if (s.switchType === 'External') {
      const uplinks: string[] = [];
      for (const description of s.netAdapterInterfaceDescriptions) {
        const nic = devices.find((d) => d.class === 'network' && d.pci?.friendlyName === description);
        if (nic) uplinks.push(nic.id);
        else note(['host', 'switches', at, 'type'], `uplink ${JSON.stringify(description)} is not among the inventory's network devices`);
      }
      e.devices = uplinks;
      if (s.iovEnabled) e.sriov = true;
    }
    out.push(e);
  });
  return out;
}

function childEntry(
  vm: Vm,
  index: number,
  names: { vms: string[]; switches: string[] },
  inv: Inventory,
  devices: readonly HostDevice[],
  gpuUse: Map<string, number>,
  note: (path: Path, text: string, before?: boolean) => void,
): Record<string, unknown> {
  const at = (...p: Array<string | number>): Path => ['partitions', index, ...p];
  const name = names.vms[index - 1];
  const e: Record<string, unknown> = { name, role: 'child', parent: 'root' };
  if (name !== vm.name) note(at('name'), `on the host: ${JSON.stringify(vm.name)}`);
  if (vm.generation === 1 || vm.generation === 2) e.generation = vm.generation;
  if (vm.processorCount !== undefined) e.virtualProcessors = vm.processorCount;
  else note(at('name'), 'the inventory has no processor count for this VM', true);

  const m = vm.memory;
  if (m.dynamicMemoryEnabled && m.startup !== undefined && m.minimum !== undefined && m.maximum !== undefined) {
    const dyn: Record<string, unknown> = { startup: sizeLiteral(m.startup), minimum: sizeLiteral(m.minimum), maximum: sizeLiteral(m.maximum) };
    if (m.buffer !== undefined) dyn.buffer = m.buffer;
    e.memory = dyn;
  } else if (m.startup !== undefined) {
    e.memory = sizeLiteral(m.startup);
  } else {
    note(at('name'), 'the inventory has no memory figures for this VM', true);
  }

  const assigned: string[] = [];
  for (const a of vm.assignableDevices) {
    const dev = devices.find((d) => sameLocation(d.locationPath, a.locationPath));
    if (dev) assigned.push(dev.id);
  }
  if (assigned.length > 0) e.devices = assigned;

  const adapters: string[] = [];
  for (const a of vm.networkAdapters) {
    const sw = a.switchName === undefined ? -1 : inv.switches.findIndex((s) => s.name === a.switchName && s.switchType !== undefined);
    if (sw !== -1) adapters.push(names.switches[sw]);
  }
  if (adapters.length > 0) e.networkAdapters = adapters;
  const unplugged = vm.networkAdapters.filter((a) => a.switchName === undefined || !inv.switches.some((s) => s.name === a.switchName && s.switchType !== undefined));
  if (unplugged.length > 0) note(at('name'), `${unplugged.length} network adapter(s) on no switch of the inventory: left out`);

  if (vm.exposeVirtualizationExtensions) e.virtualizationStack = true;
  if (vm.isClustered) e.highAvailability = true;

  const low = vm.lowMemoryMappedIoSpace;
  const high = vm.highMemoryMappedIoSpace;
  if (low !== undefined && high !== undefined && (assigned.length > 0 || low !== DEFAULT_MMIO.low || high !== DEFAULT_MMIO.high)) {
    e.mmioSpace = { low: sizeLiteral(low), high: sizeLiteral(high) };
  }

  if (vm.gpuPartitionAdapters.length > 0) {
    const gpu = pickGpu(vm, inv, devices, gpuUse);
    if (gpu) {
      e.gpuPartition = gpu.device.id;
      if (!gpu.named) note(at('gpuPartition'), "the inventory does not say which GPU the partition is on: the first partitionable GPU with a free partition");
    } else {
      note(at('name'), 'has a GPU partition adapter, but the inventory has no partitionable GPU with a free partition', true);
    }
    if (vm.gpuPartitionAdapters.length > 1) note(at('gpuPartition'), `${vm.gpuPartitionAdapters.length} GPU partition adapters on the host: a layout gives a child one`);
  }
  return e;
}

/** The GPU a VM's partition adapter names, else the first partitionable GPU with a free partition. */
function pickGpu(vm: Vm, inv: Inventory, devices: readonly HostDevice[], use: Map<string, number>): { device: HostDevice; named: boolean } | undefined {
  const partitioned = devices.filter((d) => d.gpuPartitions !== undefined);
  for (const adapter of vm.gpuPartitionAdapters) {
    const gpu = inv.gpus.find((g) => adapter.name !== undefined && g.name.toUpperCase() === adapter.name.toUpperCase());
    const pci = gpu ? gpuDevice(gpu, inv.pciDevices) : undefined;
    const device = partitioned.find((d) => d.pci !== undefined && d.pci === pci);
    if (device) {
      use.set(device.id, (use.get(device.id) ?? 0) + 1);
      return { device, named: true };
    }
  }
  const free = partitioned.find((d) => (use.get(d.id) ?? 0) < (d.gpuPartitions ?? 0));
  if (!free) return undefined;
  use.set(free.id, (use.get(free.id) ?? 0) + 1);
  return { device: free, named: false };
}

function attach(doc: Document, n: Note): void {
  const node = doc.getIn(n.path, true) as Node | undefined;
  if (!node) return;
  if (n.before) {
    node.commentBefore = node.commentBefore ? `${node.commentBefore}\n ${n.text}` : ` ${n.text}`;
  } else {
    node.comment = node.comment ? `${node.comment}; ${n.text}` : ` ${n.text}`;
  }
}

/** Lists of names (`devices: [nic0, nic1]`) in flow style, the way the format's examples write them. */
function flowStringLists(node: unknown): void {
  if (isSeq(node)) {
    if (node.items.length > 0 && node.items.every((i) => isScalar(i))) node.flow = true;
    for (const i of node.items) flowStringLists(i);
  } else if (isMap(node)) {
    for (const p of node.items) flowStringLists(p.value);
  }
}
