import type { SourceLocations } from '../parse/locations';
import type { TextRange } from '../types';
import type { Features, Limits, Release } from './releases';

export type DeviceClass = 'network' | 'storage' | 'gpu' | 'usb' | 'serial' | 'audio' | 'platform' | 'other';
export type Raw = Record<string, unknown>;

/** A string entry of a list (`devices`, `synthetic`, `drivers`) and where it sits. */
export interface Ref {
  readonly value: string;
  readonly index: number;
  readonly range: TextRange;
}

export interface Device {
  index: number;
  id: string;
  class: string;
  address?: string;
  /** Windows PCI location path, e.g. "PCIROOT(0)#PCI(0300)#PCI(0000)" */
  locationPath?: string;
  driver?: string;
  assignable: boolean;
  iommuGroup?: number;
  /** bytes of high MMIO space (above 4 GiB) needed when assigned (0 when not given) */
  mmio: number;
  /** bytes of low MMIO space (below 4 GiB) needed when assigned (0 when not given) */
  mmioLow: number;
  /** partitions a partitionable GPU offers (`gpuPartitions`, valid on a gpu only; undefined when not written or not valid) */
  gpuPartitions?: number;
  raw: Raw;
}

/** A string value of a scalar key (`gpuPartition`) and where it sits. */
export interface ValueRef {
  readonly value: string;
  readonly range: TextRange;
}

export type SwitchType = 'external' | 'internal' | 'private';

/** A virtual switch of the root (`host.switches`). */
export interface VirtualSwitch {
  /** position in `host.switches` */
  index: number;
  name: string;
  /** the type as written; undefined when missing or not a valid type (a schema error) */
  type?: SwitchType;
  /** the `devices` entries as written */
  devices: Ref[];
  /** host devices the entries name, each once, document order (for an external switch: its uplinks) */
  uplinks: Device[];
  sriov: boolean;
  /** children whose `networkAdapters` name this switch (the first switch of that name), each once, document order */
  users: Partition[];
  raw: Raw;
}

/** A partitionable GPU (a device with `gpuPartitions`) and the children that take a partition of it. */
export interface GpuPartitioning {
  device: Device;
  /** partitions it offers */
  offered: number;
  /** children whose `gpuPartition` names it, document order (more than `offered` is a gpu-partition error) */
  users: Partition[];
}

/** One side (high or low) of a child's MMIO space. */
export interface MmioSide {
  /** the sum of its assigned devices' mmio (high) or mmioLow (low) */
  needed: number;
  /** mmioSpace.high/low as written, else the default (512 MiB / 128 MiB) */
  has: number;
  /** whether mmioSpace states this side (a valid size) */
  explicit: boolean;
  /** Microsoft's sizing: needed + 512 MiB (high) or + 128 MiB (low) */
  recommended: number;
}

/** MMIO of a child with assigned devices (docs/rules/mmio-space.md). */
export interface MmioNeeds {
  /** the devices the child owns (assigned to it), in its list's order */
  devices: Device[];
  high: MmioSide;
  low: MmioSide;
}

export type SyntheticBackingVia =
  /** network: the child's adapters on host switches (external: their uplinks; internal/private: no device) */
  | 'switches'
  /** devices of the class its parent owns */
  | 'devices'
  /** storage: virtual disks on an SMB 3.0 share, reached through a network device the root owns */
  | 'smb'
  /** a nested parent that uses the synthetic class itself */
  | 'parent-synthetic'
  /** nothing can serve it (synthetic-needs-root-device) */
  | 'none';

/** How the parent serves one synthetic class a child uses (docs/rules/synthetic-needs-root-device.md). */
export interface SyntheticBacking {
  class: 'network' | 'storage';
  via: SyntheticBackingVia;
  /** the devices that back it (the parent's devices; switch uplinks) */
  devices: Device[];
  /** network through adapters: the switches they are on (those that exist), each once */
  switches: VirtualSwitch[];
}

export type Memory =
  | { kind: 'static'; bytes: number }
  | { kind: 'dynamic'; startup: number | undefined; minimum: number | undefined; maximum: number | undefined; buffer: number | undefined };

export interface Partition {
  /** position in the `partitions` list */
  index: number;
  name: string;
  /** the role as written; anything but root counts as a child */
  role: string;
  isRoot: boolean;
  parentName?: string;
  /** the partition `parent` names (undefined for the root, an unknown name, or a link ignored) */
  parent?: Partition;
  children: Partition[];
  /** 1 | 2, the default applied */
  generation: number;
  enlightened: boolean;
  os?: string;
  /** virtualProcessors as written (undefined when missing or invalid) */
  virtualProcessors?: number;
  /** virtualProcessors with the root's default applied */
  vps: number;
  /** LPs of processorAffinity, expanded (valid entries only) */
  affinity: number[];
  memory?: Memory;
  /** memory counted against the host or the parent: static size or dynamic startup; the root's effective memory */
  memoryBytes: number;
  /** largest memory: static size or dynamic maximum */
  memoryMaxBytes: number;
  /** true for the root when it states no memory (it gets what is left) */
  memoryImplicit: boolean;
  devices: Ref[];
  synthetic: Ref[];
  /** `networkAdapters` entries: switch names */
  networkAdapters: Ref[];
  /** `gpuPartition`: the partitionable GPU's id */
  gpuPartition?: ValueRef;
  virtualizationStack: boolean;
  /** mmioSpace.low as written, else 128 MiB */
  mmioLow: number;
  /** mmioSpace.high as written, else 512 MiB */
  mmioHigh: number;
  /** children with assigned devices: their MMIO needs */
  mmio?: MmioNeeds;
  /**
   * synthetic classes the partition uses (its `synthetic` entries of network/storage, and network when it
   * has `networkAdapters`), each once, and how its parent serves them; empty for the root
   */
  backing: SyntheticBacking[];
  raw: Raw;
}

export type OwnershipHow = 'assigned' | 'root-listed' | 'root-default';

export interface Ownership {
  device: Device;
  /** the owning partition (undefined only when the layout has no root and no child lists the device) */
  owner?: Partition;
  how: OwnershipHow;
  /** the listing that made the owner (for assigned devices) */
  listing?: { partition: Partition; ref: Ref };
  /** every listing by a child, in document order */
  childListings: Array<{ partition: Partition; ref: Ref }>;
  /** synthetic classes this device backs, with the partitions that use them */
  backs: Array<{ class: string; partitions: Partition[] }>;
  /** the external switch this device is an uplink of (the first that lists it) */
  uplinkOf?: VirtualSwitch;
}

export interface LayoutModel {
  /** the plain data the schema validated */
  data: unknown;
  locations: SourceLocations;
  name: string;
  release: Release;
  /** effective limits: the release's, with hypervisor.limits overrides */
  limits: Limits;
  /**
   * limits whose hypervisor.limits override is written but not valid (the schema reports it): what the
   * user meant is unknown, so rules that compare against them stay quiet rather than use the release's
   */
  ignoredLimits: ReadonlySet<keyof Limits>;
  features: Features;
  hypervisorModel: string;
  drivers: Ref[];
  reserve: number;
  host: {
    logicalProcessors: number;
    numaNodes: number;
    numaSpanning: boolean;
    memory: number;
    iommu: boolean;
    devices: Device[];
    /** first device of each id */
    deviceById: Map<string, Device>;
    /** `host.switches` entries that are mappings with a name, document order */
    switches: VirtualSwitch[];
    /** first switch of each name */
    switchByName: Map<string, VirtualSwitch>;
  };
  /** partitionable GPUs (gpu devices with gpuPartitions), document order */
  gpus: GpuPartitioning[];
  /** every entry of `partitions` that is a mapping, in document order, extra roots included */
  allPartitions: Partition[];
  /** the root and every child: extra roots are left out */
  partitions: Partition[];
  root?: Partition;
  /** partitions with role root after the first */
  extraRoots: Partition[];
  /** first partition of each name (among `partitions`) */
  partitionByName: Map<string, Partition>;
  ownership: Map<string, Ownership>;
  /** the raw objects of the layout's sections, for anchors */
  raw: { root: Raw; hypervisor?: Raw; host?: Raw; partitions?: unknown[]; devices?: unknown[]; switches?: unknown[]; limits?: Raw; reserve?: Raw };
}
