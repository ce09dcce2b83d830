import type { Limits } from '../model/releases';
import type { LayoutModel, Partition } from '../model/types';
import { limitOrigin } from './host-limit';

/** What a per-host limit rule needs: the root, the limit, who sets it and the override's fix. */
export interface PerHostLimit {
  root: Partition;
  limit: number;
  /** "Windows Server 2025" or "hypervisor.limits.<key>" */
  origin: string;
  /** ", or raise hypervisor.limits.<key>" when the override sets it, else "" */
  raise: string;
}

/**
 * A per-host limit (`hostVirtualProcessors`, `runningPartitions`) that applies: undefined without a
 * root, a `partitions` list, or a limit (the release publishes none, or the override written is not
 * valid: then the schema reports it and the limit meant is unknown).
 */
export function perHostLimit(model: LayoutModel, key: 'hostVirtualProcessors' | 'runningPartitions'): PerHostLimit | undefined {
  const limit: Limits[typeof key] = model.limits[key];
  const root = model.root;
  if (!root || limit === undefined || !model.raw.partitions || model.ignoredLimits.has(key)) return undefined;
  const origin = limitOrigin(model, key);
  return { root, limit, origin, raise: origin === model.release.title ? '' : `, or raise hypervisor.limits.${key}` };
}
