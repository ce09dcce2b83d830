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
  driver?: string;
  /** owning partition's name (absent only when there is no root and no child lists it) */
  owner?: string;
  how: OwnershipHowJson;
  /** where the driver runs: the owner, or "hypervisor" for a device a monolithic hypervisor keeps (not assigned) */
  driverRunsIn?: string;
  /** children that list the device, in document order (more than one is a conflict) */
  listedBy: string[];
  /** synthetic classes this device serves for children, through the root's VSP */
  backs: Array<{ class: string; partitions: string[] }>;
  position: SourcePosition;
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
  numa: {
    nodes: number;
    spanning: boolean;
    perNode: { logicalProcessors: number; memory: number };
    /** children of the root: do their VPs and memory (dynamic: maximum) fit one node? */
    partitions: Array<{ name: string; virtualProcessors: number; memory: number; fitsOneNode: boolean }>;
  };
  devices: DeviceRow[];
  partitions: PartitionRow[];
  problems: { error: number; warning: number; info: number };
}
