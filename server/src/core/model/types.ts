import type { SourceLocations } from '../parse/locations';
import type { TextRange } from '../types';
import type { Features, Limits, Paging, Release } from './releases';

export type DeviceClass = 'network' | 'storage' | 'gpu' | 'usb' | 'serial' | 'audio' | 'platform' | 'other';
export type Raw = Record<string, unknown>;

/** The synthetic (VMBus) classes a VSP in the parent backs with a device: nothing else is one. */
export const SYNTHETIC_CLASSES = ['network', 'storage'] as const;

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
  driver?: string;
  assignable: boolean;
  iommuGroup?: number;
  /** bytes of MMIO space needed when assigned (0 when not given) */
  mmio: number;
  raw: Raw;
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
  virtualizationStack: boolean;
  /** a clustered (failover) role; default false */
  highAvailability: boolean;
  mmioLow: number;
  mmioHigh: number;
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
}

export interface LayoutModel {
  /** the plain data the schema validated */
  data: unknown;
  locations: SourceLocations;
  name: string;
  release: Release;
  /** effective limits: the release's, with hypervisor.limits overrides */
  limits: Limits;
  /** the limits before hypervisor.limits: the release's for this host (its paging, its memory's root reserve) */
  defaultLimits: Limits;
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
    /** host.paging, default 4-level */
    paging: Paging;
    /** host.processorVendor when stated */
    processorVendor?: 'intel' | 'amd';
    devices: Device[];
    /** first device of each id */
    deviceById: Map<string, Device>;
  };
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
  raw: { root: Raw; hypervisor?: Raw; host?: Raw; partitions?: unknown[]; devices?: unknown[]; limits?: Raw; reserve?: Raw };
}
