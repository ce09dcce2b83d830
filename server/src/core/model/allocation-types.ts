/**
 * The allocation model (docs/allocation-json.md) as JSON: printed by `partition-lint allocation --format json` and
 * rendered by the preview panel. Bytes are numbers of bytes; lines and columns are 1-based.
 * Documented in docs/allocation-json.md.
 */

export type OwnershipHowJson = 'assigned' | 'root-listed' | 'root-default';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ProcessorShare {
  name: string;
  role: 'root' | 'child';
  parent?: string;
  /** a child of a nested parent: its VPs run on its parent's VPs, not counted against the host */
  nested: boolean;
  virtualProcessors: number;
  affinity: number[];
  /** virtualProcessors / host logical processors */
  share: number;
}

export interface MemorySegment {
  owner: string;
  kind: 'hypervisor' | 'root' | 'child' | 'free';
  /** counted bytes: static size, dynamic startup, the root's (implicit) memory, or what is free */
  bytes: number;
  dynamic?: boolean;
  /** dynamic memory: the range it may move in */
  minimum?: number;
  maximum?: number;
  /** the root states no memory and gets what is left */
  implicit?: boolean;
}

export interface DeviceRow {
  id: string;
  class: string;
  address?: string;
  /** Windows PCI location path */
  locationPath?: string;
  driver?: string;
  /** owning partition's name (absent only when there is no root and no child lists it) */
  owner?: string;
  how: OwnershipHowJson;
  /** where the driver runs: the owner, or "hypervisor" for a device a monolithic hypervisor keeps (not assigned) */
  driverRunsIn?: string;
  /** children that list the device, in document order (more than one is a conflict) */
  listedBy: string[];
  /** synthetic classes this device backs for children, through the VSP of its owner (the root, or a nested parent) */
  backs: Array<{ class: string; partitions: string[] }>;
  /** the external switch this device is an uplink of */
  uplinkOf?: string;
  position: SourcePosition;
}

/** A virtual switch of the root (`host.switches`). */
export interface SwitchRow {
  name: string;
  /** the type as written; absent when missing or not a switch type (a schema error) */
  type?: 'external' | 'internal' | 'private';
  /** host devices its `devices` name (external: its uplinks), document order */
  uplinks: string[];
  sriov: boolean;
  /** children whose networkAdapters use it, document order */
  partitions: string[];
  position: SourcePosition;
}

/** A partitionable GPU (a gpu device with gpuPartitions). */
export interface GpuPartitionRow {
  gpu: string;
  /** partitions it offers (gpuPartitions) */
  offered: number;
  /** children that take one (more than offered is a gpu-partition error) */
  used: number;
  /** those children, document order */
  partitions: string[];
  position: SourcePosition;
}

/** One side of a child's MMIO space, bytes. */
export interface MmioSideRow {
  /** the sum of its assigned devices' mmio (high) or mmioLow (low) */
  needed: number;
  /** mmioSpace.high/low, or the default (512 MiB / 128 MiB) */
  set: number;
  /** true when `set` is Hyper-V's default (mmioSpace does not state it) */
  default: boolean;
  /** Microsoft's sizing: needed + 512 MiB (high) or + 128 MiB (low) */
  recommended: number;
  /** as mmio-space and mmio-buffer judge it (rules/mmio-advice.ts mmioSideState, docs/allocation-json.md) */
  state: 'ok' | 'short' | 'no-buffer' | 'not-below-4GiB' | 'invalid';
}

/** MMIO of a child with assigned devices. */
export interface MmioRow {
  partition: string;
  /** the devices assigned to it */
  devices: string[];
  high: MmioSideRow;
  low: MmioSideRow;
}

/** One per-host limit: what the root's children use against the release's (or the override's) limit. */
export interface HostLimitRow {
  /** VPs of the root's children together, or the number of the root's children */
  used: number;
  /** the limit; left out when none applies (the release publishes none, there is no root or `partitions` list, or the override written is not valid) */
  limit?: number;
  /** true when `hypervisor.limits` sets the limit */
  overridden?: true;
}

export interface PartitionRow {
  name: string;
  role: 'root' | 'child';
  parent?: string;
  generation: number;
  enlightened: boolean;
  os?: string;
  virtualProcessors: number;
  memory: { kind: 'static' | 'dynamic'; bytes: number; minimum?: number; maximum?: number; implicit?: boolean };
  devices: string[];
  synthetic: string[];
  /** switch names of its synthetic network adapters, one per adapter */
  networkAdapters: string[];
  /** the partitionable GPU it takes a partition of */
  gpuPartition?: string;
  virtualizationStack: boolean;
  position: SourcePosition;
}

export interface AllocationModel {
  format: 'partition-layout.allocation/v1';
  layout: string;
  release: { id: string; title: string };
  hypervisorModel: string;
  processors: {
    hostLogicalProcessors: number;
    partitions: ProcessorShare[];
    /** VPs of the root's children */
    childVirtualProcessors: number;
    /** childVirtualProcessors / host LPs */
    overcommitRatio: number;
    /** the vpOvercommitRatio threshold */
    overcommitLimit: number;
  };
  memory: {
    host: number;
    /** hypervisor reserve, root, each child of the root, free: in that order */
    segments: MemorySegment[];
    /** reserve + root + the root's children (static or startup) */
    committed: number;
    /** committed beyond host memory (0 when it fits) */
    shortfall: number;
    /** committed with every dynamic child at its maximum */
    committedAtMaximum: number;
    /** committedAtMaximum / host */
    overcommitRatio: number;
    /** the memory the root keeps for itself (`rootMemoryMinimum`); what the root is given beyond it is free for new children */
    rootMinimum: number;
  };
  /** the per-host limits host-vp-limit and running-partition-limit check */
  hostLimits: {
    virtualProcessors: HostLimitRow;
    runningPartitions: HostLimitRow;
  };
  numa: {
    nodes: number;
    spanning: boolean;
    perNode: { logicalProcessors: number; memory: number };
    /** children of the root: do their VPs and memory (dynamic: maximum) fit one node? */
    partitions: Array<{ name: string; virtualProcessors: number; memory: number; fitsOneNode: boolean }>;
  };
  devices: DeviceRow[];
  /** the root's virtual switches, document order */
  switches: SwitchRow[];
  /** partitionable GPUs, document order */
  gpuPartitions: GpuPartitionRow[];
  /** children with assigned devices, document order */
  mmio: MmioRow[];
  partitions: PartitionRow[];
  problems: { error: number; warning: number; info: number };
}
