import { GiB, MiB, TiB } from '../util/sizes';

/** Hyper-V releases whose limits and features a layout can select (docs/format.md). */
export const RELEASES = ['ws2008', 'ws2008r2', 'ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025'] as const;
export type ReleaseId = (typeof RELEASES)[number];
export const DEFAULT_RELEASE: ReleaseId = 'ws2025';

/** The values of `host.paging`: 5-level paging raises the host memory limit of ws2022 and later. */
export type Paging = '4-level' | '5-level';

export interface Limits {
  vpsPerPartitionGen1: number;
  /** undefined where the release has no generation 2 */
  vpsPerPartitionGen2: number | undefined;
  memoryPerPartitionGen1: number;
  memoryPerPartitionGen2: number | undefined;
  hostLogicalProcessors: number;
  rootVirtualProcessors: number;
  hostMemory: number;
  /** VPs of the root's children together; undefined where Microsoft publishes none (ws2008) */
  hostVirtualProcessors: number | undefined;
  /** children of the root; undefined where Microsoft publishes none (ws2008) */
  runningPartitions: number | undefined;
  /** the tool's threshold for vp-overcommit */
  vpOvercommitRatio: number;
  /** the threshold of root-memory-low, bytes: by default Hyper-V's own root reserve for the host's memory */
  rootMemoryMinimum: number;
}

/** The limits a release publishes (the two thresholds of the tool are added per host: see hostLimits). */
export type ReleaseLimits = Omit<Limits, 'vpOvercommitRatio' | 'rootMemoryMinimum'>;

export interface Features {
  generation2: boolean;
  dynamicMemory: boolean;
  directAssignment: boolean;
  /** nested virtualization on Intel processors */
  nested: boolean;
  /** nested virtualization on AMD processors (Windows Server 2022 and later) */
  nestedAmd: boolean;
  /** SR-IOV on an external switch (`sriov: true`): Windows Server 2012 and later */
  sriov: boolean;
  /** GPU partitioning (`gpuPartitions`, `gpuPartition`): Windows Server 2025 and later */
  gpuPartitioning: boolean;
}

export interface Release {
  id: ReleaseId;
  /** How people name it: "Windows Server 2016". */
  title: string;
  /** the limits with 4-level paging (every release before ws2022 knows no other) */
  limits: ReleaseLimits;
  /** the host memory limit with `host.paging: 5-level`, where it is higher */
  hostMemory5Level?: number;
  features: Features;
}

/** The tool's default VP:LP ratio for vp-overcommit. */
const VP_OVERCOMMIT_RATIO = 8;
/** Hyper-V's root reserve: 384 MiB, plus 30 MiB per GiB of host memory (docs/rules/root-memory-low.md). */
export const ROOT_RESERVE_BASE = 384 * MiB;
export const ROOT_RESERVE_PER_GIB = 30 * MiB;

/** Hyper-V's root reserve for a host with this much memory: 384 MiB + 30 MiB × (memory / 1 GiB), whole bytes. */
function rootReserve(hostMemory: number): number {
  return ROOT_RESERVE_BASE + Math.ceil((hostMemory * ROOT_RESERVE_PER_GIB) / GiB);
}

/**
 * The limits that apply to a host before `hypervisor.limits` overrides: the release's, its host
 * memory limit for the host's paging, and the tool's thresholds (the root reserve for its memory).
 */
export function hostLimits(release: Release, host: { memory: number; paging: Paging }): Limits {
  const hostMemory = host.paging === '5-level' && release.hostMemory5Level !== undefined ? release.hostMemory5Level : release.limits.hostMemory;
  return { ...release.limits, hostMemory, vpOvercommitRatio: VP_OVERCOMMIT_RATIO, rootMemoryMinimum: rootReserve(host.memory) };
}

const none: Features = { generation2: false, dynamicMemory: false, directAssignment: false, nested: false, nestedAmd: false, sriov: false, gpuPartitioning: false };
const ws2012Features: Features = { ...none, dynamicMemory: true, sriov: true };
const ws2016Features: Features = { ...ws2012Features, generation2: true, directAssignment: true, nested: true };
const ws2022Features: Features = { ...ws2016Features, nestedAmd: true };

const gen1Only = { vpsPerPartitionGen2: undefined, memoryPerPartitionGen2: undefined };
const perHost2012 = { hostVirtualProcessors: 2048, runningPartitions: 1024 };

export const RELEASE_TABLE: Record<ReleaseId, Release> = {
  ws2008: {
    id: 'ws2008',
    title: 'Windows Server 2008',
    limits: { vpsPerPartitionGen1: 4, ...gen1Only, memoryPerPartitionGen1: 64 * GiB, hostLogicalProcessors: 24, rootVirtualProcessors: 24, hostMemory: 1 * TiB, hostVirtualProcessors: undefined, runningPartitions: undefined },
    features: none,
  },
  ws2008r2: {
    id: 'ws2008r2',
    title: 'Windows Server 2008 R2',
    limits: { vpsPerPartitionGen1: 4, ...gen1Only, memoryPerPartitionGen1: 64 * GiB, hostLogicalProcessors: 64, rootVirtualProcessors: 64, hostMemory: 1 * TiB, hostVirtualProcessors: 512, runningPartitions: 384 },
    features: { ...none, dynamicMemory: true },
  },
  ws2012: {
    id: 'ws2012',
    title: 'Windows Server 2012',
    limits: { vpsPerPartitionGen1: 64, ...gen1Only, memoryPerPartitionGen1: 1 * TiB, hostLogicalProcessors: 320, rootVirtualProcessors: 64, hostMemory: 4 * TiB, ...perHost2012 },
    features: ws2012Features,
  },
  ws2012r2: {
    id: 'ws2012r2',
    title: 'Windows Server 2012 R2',
    limits: { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 64, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 1 * TiB, hostLogicalProcessors: 320, rootVirtualProcessors: 64, hostMemory: 4 * TiB, ...perHost2012 },
    features: { ...ws2012Features, generation2: true },
  },
  ws2016: {
    id: 'ws2016',
    title: 'Windows Server 2016',
    limits: { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 240, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 12 * TiB, hostLogicalProcessors: 512, rootVirtualProcessors: 320, hostMemory: 24 * TiB, ...perHost2012 },
    features: ws2016Features,
  },
  ws2019: {
    id: 'ws2019',
    title: 'Windows Server 2019',
    limits: { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 240, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 12 * TiB, hostLogicalProcessors: 512, rootVirtualProcessors: 320, hostMemory: 24 * TiB, ...perHost2012 },
    features: ws2016Features,
  },
  ws2022: {
    id: 'ws2022',
    title: 'Windows Server 2022',
    limits: { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 1024, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 240 * TiB, hostLogicalProcessors: 1024, rootVirtualProcessors: 1024, hostMemory: 256 * TiB, ...perHost2012 },
    hostMemory5Level: 4096 * TiB,
    features: ws2022Features,
  },
  ws2025: {
    id: 'ws2025',
    title: 'Windows Server 2025',
    limits: { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 2048, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 240 * TiB, hostLogicalProcessors: 2048, rootVirtualProcessors: 2048, hostMemory: 256 * TiB, ...perHost2012 },
    hostMemory5Level: 4096 * TiB,
    features: { ...ws2022Features, gpuPartitioning: true },
  },
};

export function isReleaseId(v: unknown): v is ReleaseId {
  return typeof v === 'string' && (RELEASES as readonly string[]).includes(v);
}
