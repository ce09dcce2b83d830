import { GiB, TiB } from '../util/sizes';

/** Hyper-V releases whose limits and features a layout can select (docs/format.md). */
export const RELEASES = ['ws2008', 'ws2008r2', 'ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025'] as const;
export type ReleaseId = (typeof RELEASES)[number];
export const DEFAULT_RELEASE: ReleaseId = 'ws2025';

export interface Limits {
  vpsPerPartitionGen1: number;
  /** undefined where the release has no generation 2 */
  vpsPerPartitionGen2: number | undefined;
  memoryPerPartitionGen1: number;
  memoryPerPartitionGen2: number | undefined;
  hostLogicalProcessors: number;
  rootVirtualProcessors: number;
  hostMemory: number;
  /** the tool's threshold for vp-overcommit */
  vpOvercommitRatio: number;
  /** the tool's threshold for root-memory-low, bytes */
  rootMemoryMinimum: number;
}

export interface Features {
  generation2: boolean;
  dynamicMemory: boolean;
  directAssignment: boolean;
  nested: boolean;
}

export interface Release {
  id: ReleaseId;
  /** How people name it: "Windows Server 2016". */
  title: string;
  limits: Limits;
  features: Features;
}

const thresholds = { vpOvercommitRatio: 8, rootMemoryMinimum: 2 * GiB };

function release(id: ReleaseId, title: string, l: Omit<Limits, keyof typeof thresholds>, f: Features): Release {
  return { id, title, limits: { ...l, ...thresholds }, features: f };
}

const old = { generation2: false, dynamicMemory: false, directAssignment: false, nested: false };
const modern = { generation2: true, dynamicMemory: true, directAssignment: true, nested: true };

export const RELEASE_TABLE: Record<ReleaseId, Release> = {
  ws2008: release('ws2008', 'Windows Server 2008', { vpsPerPartitionGen1: 4, vpsPerPartitionGen2: undefined, memoryPerPartitionGen1: 64 * GiB, memoryPerPartitionGen2: undefined, hostLogicalProcessors: 24, rootVirtualProcessors: 24, hostMemory: 1 * TiB }, old),
  ws2008r2: release('ws2008r2', 'Windows Server 2008 R2', { vpsPerPartitionGen1: 4, vpsPerPartitionGen2: undefined, memoryPerPartitionGen1: 64 * GiB, memoryPerPartitionGen2: undefined, hostLogicalProcessors: 64, rootVirtualProcessors: 64, hostMemory: 1 * TiB }, { ...old, dynamicMemory: true }),
  ws2012: release('ws2012', 'Windows Server 2012', { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: undefined, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: undefined, hostLogicalProcessors: 320, rootVirtualProcessors: 320, hostMemory: 4 * TiB }, { ...old, dynamicMemory: true }),
  ws2012r2: release('ws2012r2', 'Windows Server 2012 R2', { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 64, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 1 * TiB, hostLogicalProcessors: 320, rootVirtualProcessors: 320, hostMemory: 4 * TiB }, { ...old, generation2: true, dynamicMemory: true }),
  ws2016: release('ws2016', 'Windows Server 2016', { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 240, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 12 * TiB, hostLogicalProcessors: 512, rootVirtualProcessors: 320, hostMemory: 24 * TiB }, modern),
  ws2019: release('ws2019', 'Windows Server 2019', { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 240, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 12 * TiB, hostLogicalProcessors: 512, rootVirtualProcessors: 320, hostMemory: 24 * TiB }, modern),
  ws2022: release('ws2022', 'Windows Server 2022', { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 1024, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 240 * TiB, hostLogicalProcessors: 1024, rootVirtualProcessors: 1024, hostMemory: 4096 * TiB }, modern),
  ws2025: release('ws2025', 'Windows Server 2025', { vpsPerPartitionGen1: 64, vpsPerPartitionGen2: 2048, memoryPerPartitionGen1: 1 * TiB, memoryPerPartitionGen2: 240 * TiB, hostLogicalProcessors: 2048, rootVirtualProcessors: 2048, hostMemory: 4096 * TiB }, modern),
};

export function isReleaseId(v: unknown): v is ReleaseId {
  return typeof v === 'string' && (RELEASES as readonly string[]).includes(v);
}
