import type { Device, LayoutModel, MmioSide, Partition, SwitchType } from '../../core/model/types';
import type { Finding } from '../../core/types';

/**
 * The deployment plan: what the script must make true on the host, read from the layout model.
 * Everything the script writer needs is here, so the writer never looks at the layout itself.
 */

/** How the script finds a device: its location path (what the assignment cmdlets take), or its PCI address. */
export type DeviceLocator =
  | { kind: 'locationPath'; locationPath: string }
  /** Windows' DEVPKEY_Device_LocationInfo text for the address: "PCI bus 101, device 0, function 0" (segment 0 only). */
  | { kind: 'locationInfo'; locationInfo: string; address: string };

export interface PlannedDevice {
  id: string;
  class: string;
  locator: DeviceLocator;
}

/** A virtual switch of the root: external ones bound to their uplinks (several: a Switch Embedded Team). */
export interface PlannedSwitch {
  name: string;
  type: SwitchType;
  /** external only: the uplinks, in the switch's order */
  uplinks: PlannedDevice[];
  /** external only: SR-IOV for the children's adapters */
  sriov: boolean;
}

/** A partitionable GPU (GPU-P) and the partitions it offers. */
export interface PlannedGpu {
  id: string;
  locator: DeviceLocator;
  partitions: number;
}

/** A synthetic network adapter of a VM, on a switch of the root. */
export interface PlannedAdapter {
  switchName: string;
  /** the switch has SR-IOV: the adapter asks for a virtual function */
  sriov: boolean;
}

export type PlannedMemory =
  | { kind: 'static'; bytes: number }
  | { kind: 'dynamic'; startup: number; minimum: number; maximum: number; buffer?: number };

export interface PlannedVm {
  name: string;
  generation: number;
  processors: number;
  /** LPs the layout pins it to (PowerShell cannot: a comment) */
  affinity: number[];
  memory: PlannedMemory;
  /** virtualizationStack: nested virtualization */
  nestedParent: boolean;
  /** synthetic classes (comments: adapters and disks are not part of the layout) */
  synthetic: string[];
  os?: string;
  /** `networkAdapters`: one synthetic adapter per entry, in the layout's order */
  adapters: PlannedAdapter[];
  /** `gpuPartition`: a partition of this partitionable GPU */
  gpuPartition?: PlannedGpu;
  /** directly assigned devices, in the order the VM lists them */
  assigned: PlannedDevice[];
  /** with assigned devices: MMIO space in bytes per side, the layout's or (`recommended`) Microsoft's recommendation */
  mmio?: { low: MmioBytes; high: MmioBytes };
  /** nested children, created inside this VM through PowerShell Direct */
  children: PlannedVm[];
}

export interface MmioBytes {
  bytes: number;
  /** the layout does not state this side: the devices' MMIO plus Microsoft's buffer */
  recommended: boolean;
}

export interface ExportPlan {
  layoutName: string;
  /** `generation2`: the release has generation 2 VMs, so New-VM takes -Generation (Windows Server 2012 R2 on) */
  release: { id: string; title: string; generation2: boolean };
  host: { logicalProcessors: number; memory: number; numaSpanning: boolean; hypervisorReserve: number };
  root: { name: string; virtualProcessors?: number; memory?: number; affinity: number[] };
  switches: PlannedSwitch[];
  /** partitionable GPUs, in the host's device order */
  gpus: PlannedGpu[];
  vms: PlannedVm[];
}

export type PlanResult = { plan: ExportPlan; problems: [] } | { plan?: undefined; problems: Finding[] };

/** Releases with the Hyper-V PowerShell module (Windows Server 2012 and later). */
const SCRIPTABLE_RELEASES: ReadonlySet<string> = new Set(['ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025']);

/** Releases with Switch Embedded Teaming (New-VMSwitch -EnableEmbeddedTeaming): Windows Server 2016 and later. */
const TEAMING_RELEASES: ReadonlySet<string> = new Set(['ws2016', 'ws2019', 'ws2022', 'ws2025']);

/** The plan for a layout without errors; `problems` (rule `export`) for what a script cannot express. */
export function planExport(model: LayoutModel): PlanResult {
  const problems: Finding[] = [];
  const problem = (range: Finding['range'], message: string): void => void problems.push({ rule: 'export', severity: 'error', message, range });
  const root = model.root;
  if (!root) return { problems: [{ rule: 'export', severity: 'error', message: 'The layout has no root partition, so there is no host to deploy to.', range: model.locations.documentRange }] };

  if (model.hypervisorModel !== 'microkernelized') {
    problem(model.locations.valueRange(model.raw.hypervisor, 'model'), 'The layout describes a monolithic hypervisor; Hyper-V is microkernelized, so there is no Hyper-V host to deploy it to.');
  }
  if (!SCRIPTABLE_RELEASES.has(model.release.id)) {
    const at = model.raw.hypervisor && 'release' in model.raw.hypervisor ? model.locations.valueRange(model.raw.hypervisor, 'release') : model.locations.documentRange;
    problem(at, `${model.release.title} has no Hyper-V PowerShell module (it came with Windows Server 2012), so a script cannot deploy this layout.`);
  }
  if (problems.length > 0) return { problems };

  const assignedTo = (p: Partition): Device[] =>
    [...model.ownership.values()].filter((o) => o.owner === p && o.how === 'assigned').map((o) => o.device);

  /** How the script finds `d`; `role` says why it must (`is assigned to "vm1"`). Neither locationPath nor a segment-0 address: an export problem. */
  const locate = (d: Device, role: string): DeviceLocator | undefined => {
    if (d.locationPath !== undefined) return { kind: 'locationPath', locationPath: d.locationPath };
    const range = model.locations.rangeOf(d.raw);
    if (!d.address) {
      problem(range, `Device "${d.id}" ${role} but has neither locationPath nor address: give its locationPath (Get-PnpDeviceProperty DEVPKEY_Device_LocationPaths) so the script can find it.`);
      return undefined;
    }
    const [segment, bus, devfn] = d.address.split(':');
    const [dev, fn] = devfn.split('.');
    if (parseInt(segment, 16) !== 0) {
      problem(range, `Device "${d.id}" is in PCI segment ${segment}, which Windows' location text does not show: give its locationPath so the script finds it.`);
      return undefined;
    }
    return { kind: 'locationInfo', locationInfo: `PCI bus ${parseInt(bus, 16)}, device ${parseInt(dev, 16)}, function ${parseInt(fn, 16)}`, address: d.address };
  };

  const gpus = new Map<Device, PlannedGpu>();
  for (const g of model.gpus) {
    const locator = locate(g.device, 'offers GPU partitions');
    if (locator) gpus.set(g.device, { id: g.device.id, locator, partitions: g.offered });
  }
  const switches: PlannedSwitch[] = [];
  for (const sw of model.host.switches) {
    if (!sw.type) continue;
    const uplinks: PlannedDevice[] = [];
    for (const d of sw.type === 'external' ? sw.uplinks : []) {
      const locator = locate(d, `is an uplink of the switch "${sw.name}"`);
      if (locator) uplinks.push({ id: d.id, class: d.class, locator });
    }
    if (sw.type === 'external' && sw.uplinks.length > 1 && !TEAMING_RELEASES.has(model.release.id)) {
      problem(
        model.locations.keyRange(sw.raw, 'devices'),
        `The switch "${sw.name}" has ${sw.uplinks.length} uplinks: a Switch Embedded Team, which came with Windows Server 2016. On ${model.release.title} team the adapters first (New-NetLbfoTeam) and give the switch one uplink.`,
      );
    }
    switches.push({ name: sw.name, type: sw.type, uplinks, sriov: sw.type === 'external' && sw.sriov });
  }

  const planVm = (p: Partition, nested: boolean): PlannedVm | undefined => {
    const m = p.memory;
    if (!m) return undefined;
    let memory: PlannedMemory;
    if (m.kind === 'static') memory = { kind: 'static', bytes: m.bytes };
    else {
      if (m.startup === undefined || m.minimum === undefined || m.maximum === undefined) return undefined;
      memory = { kind: 'dynamic', startup: m.startup, minimum: m.minimum, maximum: m.maximum, ...(m.buffer !== undefined ? { buffer: m.buffer } : {}) };
    }
    const devices = assignedTo(p);
    if (nested && devices.length > 0) {
      problem(model.locations.keyRange(p.raw, 'devices'), `"${p.name}" is a nested partition with assigned devices: the script can assign devices to children of the root only.`);
    }
    const assigned: PlannedDevice[] = [];
    for (const d of nested ? [] : devices) {
      const locator = locate(d, `is assigned to "${p.name}"`);
      if (locator) assigned.push({ id: d.id, class: d.class, locator });
    }
    const gpuDevice = p.gpuPartition ? model.host.deviceById.get(p.gpuPartition.value) : undefined;
    const gpuPartition = gpuDevice ? gpus.get(gpuDevice) : undefined;
    if (nested && p.gpuPartition) {
      problem(p.gpuPartition.range, `"${p.name}" is a nested partition with a GPU partition: the script can add GPU partitions to children of the root only.`);
    }
    const adapters = p.networkAdapters.flatMap((a): PlannedAdapter[] => {
      const sw = model.host.switchByName.get(a.value);
      return sw ? [{ switchName: sw.name, sriov: sw.type === 'external' && sw.sriov }] : [];
    });
    const side = (s: MmioSide): MmioBytes => (s.explicit ? { bytes: s.has, recommended: false } : { bytes: s.recommended, recommended: true });
    return {
      name: p.name,
      generation: p.generation,
      processors: p.vps,
      affinity: p.affinity,
      memory,
      nestedParent: p.virtualizationStack,
      synthetic: p.synthetic.map((s) => s.value),
      ...(p.os !== undefined ? { os: p.os } : {}),
      adapters: nested ? [] : adapters,
      ...(gpuPartition && !nested ? { gpuPartition } : {}),
      assigned,
      ...(p.mmio && devices.length > 0 && !nested ? { mmio: { low: side(p.mmio.low), high: side(p.mmio.high) } } : {}),
      children: p.children.map((c) => planVm(c, true)).filter((c): c is PlannedVm => c !== undefined),
    };
  };

  const vms = root.children.map((c) => planVm(c, false)).filter((c): c is PlannedVm => c !== undefined);
  if (problems.length > 0) return { problems };
  return {
    problems: [],
    plan: {
      layoutName: model.name,
      release: { id: model.release.id, title: model.release.title, generation2: model.features.generation2 },
      host: { logicalProcessors: model.host.logicalProcessors, memory: model.host.memory, numaSpanning: model.host.numaSpanning, hypervisorReserve: model.reserve },
      root: {
        name: root.name,
        ...(root.virtualProcessors !== undefined ? { virtualProcessors: root.virtualProcessors } : {}),
        ...(!root.memoryImplicit ? { memory: root.memoryBytes } : {}),
        affinity: root.affinity,
      },
      switches,
      gpus: [...gpus.values()],
      vms,
    },
  };
}
