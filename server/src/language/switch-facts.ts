import type { GpuPartitioning, LayoutModel, VirtualSwitch } from '../core/model/types';
import { closest } from '../core/util/suggest';
import { escape } from './facts';

/** Hover facts for virtual switches and partitionable GPUs (GPU-P). */

const bold = (s: string): string => `**${escape(s)}**`;
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const list = (names: string[]): string => names.map(escape).join(', ');

const TYPE_WORDS: Record<string, string> = {
  external: 'external switch: bound to physical network adapters (its uplinks), which serve this switch and nothing else',
  internal: 'internal switch: links the children on it with the root; no physical adapter',
  private: 'private switch: links the children on it with each other only; no physical adapter',
};

/** A switch's type, uplinks, SR-IOV and the children whose adapters are on it. */
export function switchFacts(model: LayoutModel, name: string, at?: VirtualSwitch): string {
  const first = model.host.switchByName.get(name);
  if (!first) {
    const guess = closest(name, model.host.switchByName.keys());
    return `${bold(name)}: no switch of the host has this name${guess ? `; did you mean ${code(guess)}?` : '.'} Switches are declared under ${code('host.switches')}.`;
  }
  const s = at ?? first;
  if (s !== first) return `${bold(name)} — another switch above already has this name: ${code('networkAdapters')} entries refer to that first one (${code('switch-config')}).`;
  const parts = [`${bold(s.name)} — ${s.type ? TYPE_WORDS[s.type] : 'virtual switch of the root (its type is not valid)'}.`];
  const facts: string[] = [];
  if (s.type === 'external' || s.devices.length > 0) facts.push(`Uplinks: ${s.uplinks.length > 0 ? `${list(s.uplinks.map((d) => d.id))}${s.uplinks.length > 1 ? ' (a Switch Embedded Team)' : ''}` : 'none'}`);
  if (s.sriov) facts.push(`SR-IOV: on (${model.host.iommu ? 'the host has an IOMMU' : `needs ${code('host.iommu: true')}`})`);
  facts.push(`Adapters on it: ${s.users.length > 0 ? list(s.users.map((p) => p.name)) : 'none: no child lists it in networkAdapters'}`);
  parts.push(facts.map((f) => `- ${f}`).join('\n'));
  return parts.join('\n\n');
}

/** A partitionable GPU's partitions: used / offered, and by whom. */
export function gpuPartitionFacts(g: GpuPartitioning): string {
  const used = g.users.length;
  const free = g.offered - used;
  const who = used > 0 ? `: ${list(g.users.map((p) => p.name))}` : '';
  const state = free > 0 ? `${free} free` : free === 0 ? 'none free' : `${-free} more than it has (${code('gpu-partition')})`;
  return `GPU partitions (GPU-P): ${used} of ${g.offered} used${who}; ${state}. The root keeps the GPU and its driver.`;
}

/** Hover on a child's `gpuPartition`: the GPU it takes a partition of. */
export function gpuPartitionRefFacts(model: LayoutModel, id: string): string {
  const g = model.gpus.find((x) => x.device.id === id);
  if (g) return `${bold(id)} — partitionable GPU${g.device.address ? ` at PCI ${code(g.device.address)}` : ''}\n\n${gpuPartitionFacts(g)}`;
  const device = model.host.deviceById.get(id);
  if (device) return `${bold(id)} — ${escape(device.class)} device without ${code('gpuPartitions')}: not a partitionable GPU (${code('gpu-partition')}).`;
  const guess = closest(id, model.gpus.map((x) => x.device.id));
  return `${bold(id)}: no device of the host has this id${guess ? `; did you mean ${code(guess)}?` : '.'}`;
}
