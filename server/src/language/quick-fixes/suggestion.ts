import type { LayoutModel, Partition } from '../../core/model/types';
import { closest } from '../../core/util/suggest';

/** The one pattern of every "did you mean" the core writes (schema, parent-exists, device-exists...). */
const DID_YOU_MEAN = /did you mean "([^"]+)"/;

/** The name a diagnostic's message suggests, if it suggests one. */
export function suggestionIn(message: string): string | undefined {
  return DID_YOU_MEAN.exec(message)?.[1];
}

/** The partition a child's unknown `parent` most likely meant: a partition that can host first. */
export function suggestParent(model: LayoutModel, child: Partition, written: string): string | undefined {
  const others = model.partitions.filter((p) => p !== child && p.name !== '');
  const hosts = others.filter((p) => p.isRoot || p.virtualizationStack).map((p) => p.name);
  return closest(written, hosts) ?? closest(written, others.map((p) => p.name));
}

/** The host device an unknown `devices` entry most likely meant: one the partition does not list yet. */
export function suggestDevice(model: LayoutModel, partition: Partition, written: string): string | undefined {
  const listed = new Set(partition.devices.map((r) => r.value));
  return closest(written, [...model.host.deviceById.keys()].filter((id) => !listed.has(id)));
}
