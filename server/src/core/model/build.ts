import type { SourceLocations } from '../parse/locations';
import type { TextRange } from '../types';
import { parseSize } from '../util/sizes';
import { MMIO_HIGH_DEFAULT, MMIO_LOW_DEFAULT } from './mmio';
import { DEFAULT_RELEASE, hostLimits, isReleaseId, RELEASE_TABLE, type Limits, type Paging } from './releases';
import { computeBacking } from './backing';
import { buildSwitches, computeGpus, computeMmio } from './device-use';
import { SYNTHETIC_CLASSES, type Device, type LayoutModel, type Memory, type Ownership, type Partition, type Raw, type Ref, type ValueRef } from './types';

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const posInt = (v: unknown): number | undefined => {
  const n = int(v);
  return n !== undefined && n >= 1 ? n : undefined;
};
const bool = (v: unknown, dflt: boolean): boolean => (typeof v === 'boolean' ? v : dflt);
const bytes = (v: unknown): number | undefined => parseSize(v)?.bytes;

/** Builds the typed layout model and the ownership (docs/allocation-json.md) from validated (or partly valid) data. */
export function buildModel(data: unknown, locations: SourceLocations): LayoutModel {
  const root: Raw = isObj(data) ? data : {};
  const hv = isObj(root.hypervisor) ? root.hypervisor : undefined;
  const host = isObj(root.host) ? root.host : undefined;
  const limitsRaw = hv && isObj(hv.limits) ? hv.limits : undefined;
  const reserveRaw = hv && isObj(hv.reserve) ? hv.reserve : undefined;
  const release = RELEASE_TABLE[isReleaseId(hv?.release) ? hv.release : DEFAULT_RELEASE];

  const refs = (arr: unknown): Ref[] => {
    if (!Array.isArray(arr)) return [];
    const out: Ref[] = [];
    arr.forEach((v, index) => {
      if (typeof v === 'string') out.push(new ListRef(v, index, arr, locations));
    });
    return out;
  };

  const devicesRaw = host && Array.isArray(host.devices) ? host.devices : undefined;
  const switchesRaw = host && Array.isArray(host.switches) ? host.switches : undefined;
  const devices: Device[] = [];
  const deviceById = new Map<string, Device>();
  (devicesRaw ?? []).forEach((d, index) => {
    if (!isObj(d)) return;
    const dev = buildDevice(d, index, locations);
    if (!dev) return;
    devices.push(dev);
    if (!deviceById.has(dev.id)) deviceById.set(dev.id, dev);
  });

  const lps = posInt(host?.logicalProcessors) ?? 0;
  const hostMemory = bytes(host?.memory) ?? 0;
  const reserve = bytes(reserveRaw?.memory) ?? 0;
  const paging: Paging = host?.paging === '5-level' ? '5-level' : '4-level';
  const processorVendor = host?.processorVendor === 'intel' || host?.processorVendor === 'amd' ? host.processorVendor : undefined;
  const defaultLimits = hostLimits(release, { memory: hostMemory, paging });
  const { limits, ignored: ignoredLimits } = applyOverrides(defaultLimits, limitsRaw);

  const partitionsRaw = Array.isArray(root.partitions) ? root.partitions : undefined;
  const allPartitions: Partition[] = [];
  (partitionsRaw ?? []).forEach((p, index) => {
    if (!isObj(p)) return;
    allPartitions.push(buildPartition(p, index, release.features.generation2, refs, locations));
  });

  const roots = allPartitions.filter((p) => p.role === 'root');
  const rootPartition = roots[0];
  if (rootPartition) rootPartition.isRoot = true;
  const extraRoots = roots.slice(1);
  const partitions = allPartitions.filter((p) => !extraRoots.includes(p));
  const partitionByName = new Map<string, Partition>();
  for (const p of partitions) if (p.name && !partitionByName.has(p.name)) partitionByName.set(p.name, p);

  for (const p of partitions) {
    if (p.isRoot || p.parentName === undefined) continue;
    const parent = partitionByName.get(p.parentName);
    if (parent && parent !== p) {
      p.parent = parent;
      parent.children.push(p);
    }
  }

  if (rootPartition) {
    rootPartition.vps = rootPartition.virtualProcessors ?? Math.min(lps, limits.rootVirtualProcessors);
    if (rootPartition.memory === undefined) {
      const children = rootPartition.children.reduce((sum, c) => sum + c.memoryBytes, 0);
      rootPartition.memoryImplicit = true;
      rootPartition.memoryBytes = Math.max(0, hostMemory - reserve - children);
      rootPartition.memoryMaxBytes = rootPartition.memoryBytes;
    }
  }

  const model: LayoutModel = {
    data,
    locations,
    name: str(root.name) ?? '',
    release,
    limits,
    defaultLimits,
    ignoredLimits,
    features: release.features,
    hypervisorModel: str(hv?.model) ?? 'microkernelized',
    drivers: refs(hv?.drivers),
    reserve,
    host: {
      logicalProcessors: lps,
      numaNodes: posInt(host?.numaNodes) ?? 1,
      numaSpanning: bool(host?.numaSpanning, true),
      memory: hostMemory,
      iommu: bool(host?.iommu, false),
      paging,
      processorVendor,
      devices,
      deviceById,
      switches: [],
      switchByName: new Map(),
    },
    gpus: [],
    allPartitions,
    partitions,
    root: rootPartition,
    extraRoots,
    partitionByName,
    ownership: new Map(),
    raw: { root, hypervisor: hv, host, partitions: partitionsRaw, devices: devicesRaw, switches: switchesRaw, limits: limitsRaw, reserve: reserveRaw },
  };
  model.ownership = computeOwnership(model);
  const { switches, switchByName } = buildSwitches(switchesRaw, model, refs);
  model.host.switches = switches;
  model.host.switchByName = switchByName;
  model.gpus = computeGpus(model);
  computeMmio(model);
  computeBacking(model);
  return model;
}

/** A list entry whose range is looked up only when a rule or feature asks for it (most never do). */
class ListRef implements Ref {
  private cached: TextRange | undefined;
  constructor(
    readonly value: string,
    readonly index: number,
    private readonly list: unknown[],
    private readonly locations: SourceLocations,
  ) {}

  get range(): TextRange {
    return (this.cached ??= this.locations.itemRange(this.list, this.index));
  }
}

/** A scalar value whose range is looked up only when asked for. */
class ValueAt implements ValueRef {
  private cached: TextRange | undefined;
  constructor(
    readonly value: string,
    private readonly owner: Raw,
    private readonly key: string,
    private readonly locations: SourceLocations,
  ) {}

  get range(): TextRange {
    return (this.cached ??= this.locations.valueRange(this.owner, this.key));
  }
}

/** The release's limits with the valid overrides of hypervisor.limits; `ignored`: overrides written but not valid. */
function applyOverrides(base: Limits, raw: Raw | undefined): { limits: Limits; ignored: Set<keyof Limits> } {
  const ignored = new Set<keyof Limits>();
  if (!raw) return { limits: base, ignored };
  const out: Limits = { ...base };
  const countKeys = ['vpsPerPartitionGen1', 'vpsPerPartitionGen2', 'hostLogicalProcessors', 'rootVirtualProcessors', 'hostVirtualProcessors', 'runningPartitions'] as const;
  const sizeKeys = ['memoryPerPartitionGen1', 'memoryPerPartitionGen2', 'hostMemory', 'rootMemoryMinimum'] as const;
  const set = <K extends keyof Limits>(k: K, v: Limits[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
    else if (raw[k] !== undefined) ignored.add(k);
  };
  for (const k of countKeys) set(k, posInt(raw[k]));
  for (const k of sizeKeys) set(k, bytes(raw[k]));
  const ratio = raw.vpOvercommitRatio;
  set('vpOvercommitRatio', typeof ratio === 'number' && ratio > 0 ? ratio : undefined);
  return { limits: out, ignored };
}

/**
 * What an entry's model is built from, and the part built from it alone. The language server re-parses
 * only the entry an edit touched (parse/reparse-entry.ts) and keeps the other entries' objects, whose
 * content and positions (shifted in place) stay valid: their parts are re-used instead of built again,
 * which keeps an edit's work, and what the collector has to move, small. A full parse makes new objects.
 */
interface Built<T> {
  index: number;
  locations: SourceLocations;
  hasGen2: boolean;
  value: T;
}
const builtDevices = new WeakMap<Raw, Built<Device | undefined>>();
const builtPartitions = new WeakMap<Raw, Built<PartitionBase>>();

function memo<T>(cache: WeakMap<Raw, Built<T>>, raw: Raw, index: number, locations: SourceLocations, hasGen2: boolean, build: () => T): T {
  const hit = cache.get(raw);
  if (hit && hit.index === index && hit.locations === locations && hit.hasGen2 === hasGen2) return hit.value;
  const value = build();
  cache.set(raw, { index, locations, hasGen2, value });
  return value;
}

function buildDevice(d: Raw, index: number, locations: SourceLocations): Device | undefined {
  return memo(builtDevices, d, index, locations, false, () => {
    const id = str(d.id);
    if (id === undefined) return undefined;
    return {
      index,
      id,
      class: str(d.class) ?? 'other',
      address: str(d.address),
      locationPath: str(d.locationPath),
      driver: str(d.driver),
      assignable: bool(d.assignable, false),
      iommuGroup: int(d.iommuGroup),
      mmio: bytes(d.mmio) ?? 0,
      mmioLow: bytes(d.mmioLow) ?? 0,
      gpuPartitions: d.class === 'gpu' ? posInt(d.gpuPartitions) : undefined,
      raw: d,
    };
  });
}

/** The fields of a partition that depend on its entry alone (nothing in them is changed after the build). */
type PartitionBase = Omit<Partition, 'isRoot' | 'parent' | 'children' | 'memoryImplicit' | 'mmio' | 'backing'>;

function buildPartition(p: Raw, index: number, hasGen2: boolean, refs: (arr: unknown) => Ref[], locations: SourceLocations): Partition {
  const base = memo(builtPartitions, p, index, locations, hasGen2, () => partitionBase(p, index, hasGen2, refs, locations));
  // One literal of every field (not a spread): each partition gets the same compact shape.
  return {
    index: base.index,
    name: base.name,
    role: base.role,
    isRoot: false,
    parentName: base.parentName,
    parent: undefined,
    children: [],
    generation: base.generation,
    enlightened: base.enlightened,
    os: base.os,
    virtualProcessors: base.virtualProcessors,
    vps: base.vps,
    affinity: base.affinity,
    memory: base.memory,
    memoryBytes: base.memoryBytes,
    memoryMaxBytes: base.memoryMaxBytes,
    memoryImplicit: false,
    devices: base.devices,
    synthetic: base.synthetic,
    networkAdapters: base.networkAdapters,
    gpuPartition: base.gpuPartition,
    virtualizationStack: base.virtualizationStack,
    highAvailability: base.highAvailability,
    mmioLow: base.mmioLow,
    mmioHigh: base.mmioHigh,
    mmio: undefined,
    backing: [],
    raw: base.raw,
  };
}

function partitionBase(p: Raw, index: number, hasGen2: boolean, refs: (arr: unknown) => Ref[], locations: SourceLocations): PartitionBase {
  const guest = isObj(p.guest) ? p.guest : undefined;
  const memory = readMemory(p.memory);
  const mmio = isObj(p.mmioSpace) ? p.mmioSpace : undefined;
  const vps = posInt(p.virtualProcessors);
  const role = str(p.role) ?? 'child';
  const memoryBytes = memory === undefined ? 0 : memory.kind === 'static' ? memory.bytes : memory.startup ?? 0;
  const memoryMaxBytes = memory === undefined ? 0 : memory.kind === 'static' ? memory.bytes : memory.maximum ?? memory.startup ?? 0;
  return {
    index,
    name: str(p.name) ?? '',
    role,
    parentName: str(p.parent),
    generation: p.generation === 1 || p.generation === 2 ? p.generation : hasGen2 ? 2 : 1,
    enlightened: bool(guest?.enlightened, true),
    os: str(guest?.os),
    virtualProcessors: vps,
    vps: vps ?? 0,
    affinity: expandLpSet(p.processorAffinity),
    memory,
    memoryBytes,
    memoryMaxBytes,
    devices: refs(p.devices),
    // An entry that is no synthetic class is the schema's finding (docs/rules/schema.md): it backs nothing.
    synthetic: refs(p.synthetic).filter((r) => (SYNTHETIC_CLASSES as readonly string[]).includes(r.value)),
    networkAdapters: refs(p.networkAdapters),
    gpuPartition: typeof p.gpuPartition === 'string' ? new ValueAt(p.gpuPartition, p, 'gpuPartition', locations) : undefined,
    virtualizationStack: bool(p.virtualizationStack, false),
    highAvailability: bool(p.highAvailability, false),
    mmioLow: bytes(mmio?.low) ?? MMIO_LOW_DEFAULT,
    mmioHigh: bytes(mmio?.high) ?? MMIO_HIGH_DEFAULT,
    raw: p,
  };
}

function readMemory(v: unknown): Memory | undefined {
  const b = bytes(v);
  if (b !== undefined) return { kind: 'static', bytes: b };
  if (!isObj(v)) return undefined;
  return { kind: 'dynamic', startup: bytes(v.startup), minimum: bytes(v.minimum), maximum: bytes(v.maximum), buffer: int(v.buffer) };
}

/** The LPs an LP set names (entries that are not valid are skipped; schema reports them). */
function expandLpSet(v: unknown): number[] {
  if (!Array.isArray(v)) return [];
  const out: number[] = [];
  for (const e of v) out.push(...lpEntry(e));
  return out;
}

/** The LPs one entry of an LP set names: `3` or `"4-7"` (capped to keep absurd ranges cheap). */
export function lpEntry(e: unknown): number[] {
  if (typeof e === 'number' && Number.isInteger(e) && e >= 0) return [e];
  if (typeof e !== 'string') return [];
  const m = /^([0-9]+)-([0-9]+)$/.exec(e);
  if (!m) return [];
  const a = Number(m[1]);
  const b = Math.min(Number(m[2]), a + 65536);
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

function computeOwnership(m: LayoutModel): Map<string, Ownership> {
  const out = new Map<string, Ownership>();
  for (const d of m.host.devices) {
    if (out.has(d.id)) continue;
    out.set(d.id, { device: d, owner: m.root, how: 'root-default', childListings: [], backs: [] });
  }
  for (const p of m.partitions) {
    for (const ref of p.devices) {
      const o = out.get(ref.value);
      if (!o) continue;
      if (p.isRoot) {
        if (o.how === 'root-default') o.how = 'root-listed';
        continue;
      }
      o.childListings.push({ partition: p, ref });
      if (o.how !== 'assigned') {
        o.owner = p;
        o.how = 'assigned';
        o.listing = { partition: p, ref };
      }
    }
  }
  return out;
}
