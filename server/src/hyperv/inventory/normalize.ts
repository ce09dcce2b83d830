import { enumName, enumValues, type HypervEnum } from './enums';
import type { AssignableDevice, Inventory, NumaNode, PciDevice, PartitionableGpu, Switch, SwitchType, Vm, VmMemory } from './types';

/**
 * A shaped, schema-valid inventory (see shape.ts) → the typed Inventory: enums as names, dates as ISO
 * text, NUMA memory from MB to bytes. Throws InventoryValueError for a value the schema allows but that
 * means nothing (an enum value the module does not have, a date that is not one).
 */

type Obj = Record<string, unknown>;

export class InventoryValueError extends Error {
  override readonly name = 'InventoryValueError';
}

const MB = 1024 * 1024;

const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');
const numbers = (v: unknown): number[] => list(v).filter((x): x is number => typeof x === 'number');

/** An enum value as its name; undefined when absent; a value the module lacks is an error when `strict`. */
function enumValue(type: HypervEnum, v: unknown, where: string, strict: boolean): string | undefined {
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  const name = enumName(type, v);
  if (name !== undefined) return name;
  if (strict) throw new InventoryValueError(`${where} is ${JSON.stringify(v)}, which is not a ${type} value (${enumValues(type)})`);
  return String(v);
}

/** `/Date(1733030371000)/` (Windows PowerShell 5.1) or ISO 8601 text (PowerShell 7) → ISO text. */
function inventoryDate(v: unknown, where: string): string | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(v.trim());
  const date = ms ? new Date(Number(ms[1])) : new Date(v.trim());
  if (Number.isNaN(date.getTime())) throw new InventoryValueError(`${where} is ${JSON.stringify(v)}, which is neither an ISO 8601 date nor /Date(milliseconds)/`);
  return date.toISOString();
}

function assignable(v: unknown): AssignableDevice {
  const o = obj(v) ?? {};
  return { instanceId: str(o.InstanceID), locationPath: str(o.LocationPath) };
}

function numaNode(v: unknown): NumaNode {
  const o = obj(v) ?? {};
  const mb = (x: unknown): number | undefined => (num(x) === undefined ? undefined : (x as number) * MB);
  return { nodeId: num(o.NodeId), processorCount: list(o.ProcessorsAvailability).length, memoryTotal: mb(o.MemoryTotal), memoryAvailable: mb(o.MemoryAvailable) };
}

function pciDevice(v: unknown): PciDevice {
  const o = obj(v) ?? {};
  return {
    instanceId: str(o.InstanceId) ?? '',
    friendlyName: str(o.FriendlyName),
    pnpClass: str(o.Class),
    status: str(o.Status),
    locationPaths: strings(o.LocationPaths),
    locationInfo: str(o.LocationInfo),
    mmioBytes: num(o.MmioBytes),
  };
}

function vmSwitch(v: unknown, i: number): Switch {
  const o = obj(v) ?? {};
  return {
    name: str(o.Name) ?? '',
    switchType: enumValue('VMSwitchType', o.SwitchType, `switches[${i}].SwitchType`, true) as SwitchType | undefined,
    netAdapterInterfaceDescriptions: strings(o.NetAdapterInterfaceDescriptions),
    iovEnabled: bool(o.IovEnabled),
    embeddedTeamingEnabled: bool(o.EmbeddedTeamingEnabled),
    allowManagementOS: bool(o.AllowManagementOS),
  };
}

function gpu(v: unknown): PartitionableGpu {
  const o = obj(v) ?? {};
  return { name: str(o.Name) ?? '', partitionCount: num(o.PartitionCount), validPartitionCounts: numbers(o.ValidPartitionCounts) };
}

function vmMemory(vm: Obj): VmMemory {
  // Get-VMMemory when the collector got it, else the same figures from Get-VM
  const m = obj(vm.memory);
  if (m) {
    return {
      dynamicMemoryEnabled: bool(m.DynamicMemoryEnabled) ?? bool(vm.DynamicMemoryEnabled) ?? false,
      startup: num(m.Startup) ?? num(vm.MemoryStartup),
      minimum: num(m.Minimum) ?? num(vm.MemoryMinimum),
      maximum: num(m.Maximum) ?? num(vm.MemoryMaximum),
      buffer: num(m.Buffer),
    };
  }
  return { dynamicMemoryEnabled: bool(vm.DynamicMemoryEnabled) ?? false, startup: num(vm.MemoryStartup), minimum: num(vm.MemoryMinimum), maximum: num(vm.MemoryMaximum) };
}

function vm(v: unknown, i: number): Vm {
  const o = obj(v) ?? {};
  const p = obj(o.processor);
  return {
    name: str(o.Name) ?? '',
    vmId: str(o.VMId),
    generation: num(o.Generation),
    state: enumValue('VMState', o.State, `vms[${i}].State`, false),
    processorCount: num(p?.Count) ?? num(o.ProcessorCount),
    exposeVirtualizationExtensions: bool(p?.ExposeVirtualizationExtensions),
    memory: vmMemory(o),
    lowMemoryMappedIoSpace: num(o.LowMemoryMappedIoSpace),
    highMemoryMappedIoSpace: num(o.HighMemoryMappedIoSpace),
    guestControlledCacheTypes: bool(o.GuestControlledCacheTypes),
    automaticStopAction: enumValue('StopAction', o.AutomaticStopAction, `vms[${i}].AutomaticStopAction`, false),
    isClustered: bool(o.IsClustered),
    version: str(o.Version),
    networkAdapters: list(o.networkAdapters).map((a, j) => {
      const n = obj(a) ?? {};
      return {
        name: str(n.Name),
        switchName: str(n.SwitchName),
        macAddressSpoofing: enumValue('OnOffState', n.MacAddressSpoofing, `vms[${i}].networkAdapters[${j}].MacAddressSpoofing`, false),
        isLegacy: bool(n.IsLegacy),
      };
    }),
    assignableDevices: list(o.assignableDevices).map(assignable),
    gpuPartitionAdapters: list(o.gpuPartitionAdapters).map((a) => ({ name: str(obj(a)?.Name) })),
  };
}

export function normalizeInventory(data: Obj): Inventory {
  const host = obj(data.vmHost) ?? {};
  const os = obj(data.os);
  const build = os?.BuildNumber;
  return {
    collectedAt: inventoryDate(data.collectedAt, 'collectedAt'),
    computerName: str(data.computerName),
    os: os ? { version: str(os.Version), buildNumber: typeof build === 'string' && /^\d+$/.test(build.trim()) ? Number(build) : num(build) } : undefined,
    vmHost: {
      logicalProcessorCount: num(host.LogicalProcessorCount) ?? 0,
      memoryCapacity: num(host.MemoryCapacity) ?? 0,
      numaSpanningEnabled: bool(host.NumaSpanningEnabled),
      iovSupport: bool(host.IovSupport),
      iovSupportReasons: strings(host.IovSupportReasons),
    },
    numaNodes: list(data.numaNodes).map(numaNode),
    pciDevices: list(data.pciDevices).map(pciDevice),
    assignableDevices: list(data.assignableDevices).map(assignable),
    switches: list(data.switches).map(vmSwitch),
    gpus: list(data.gpus).map(gpu),
    vms: list(data.vms).map(vm),
  };
}
