import type { Device, LayoutModel, Partition } from '../core/model/types';
import { formatBytes, formatCount, parseSize, AMBIGUOUS_UNITS } from '../core/util/sizes';
import { formatRanges } from '../core/util/ranges';
import { closest } from '../core/util/suggest';
import { gpuPartitionFacts } from './switch-facts';

/** Markdown facts from the layout model, shown by hover (and completion documentation). */

/** `25%`, `6.25%`, `0.39%`: a share with two significant decimals below 10 %. */
function percent(part: number, whole: number): string | undefined {
  if (!(whole > 0)) return undefined;
  const v = (part / whole) * 100;
  const text = v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${text.replace(/\.?0+$/, '')}%`;
}

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const bold = (s: string): string => `**${escape(s)}**`;
/** Escapes markdown in text that comes from the file. */
export function escape(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}
const list = (names: string[]): string => names.map(escape).join(', ');

function ownerName(p: Partition | undefined): string {
  return p ? bold(p.name) : 'nobody';
}

/** Who owns a device and why, where its driver runs, what it serves. */
export function deviceFacts(model: LayoutModel, id: string, device?: Device): string {
  const first = model.host.deviceById.get(id);
  if (!first) {
    const guess = closest(id, model.host.deviceById.keys());
    return `${bold(id)}: no device of the host has this id${guess ? `; did you mean ${code(guess)}?` : '.'} Devices are declared under ${code('host.devices')}.`;
  }
  const d = device ?? first;
  const parts: string[] = [];
  parts.push(`${bold(d.id)} — ${escape(d.class)} device${d.address ? ` at PCI ${code(d.address)}` : ''}`);
  if (d !== first) {
    parts.push(`Another device above already has this id: partitions' ${code('devices')} entries refer to that first one (${code('unique-device')}).`);
    return parts.join('\n\n');
  }
  const o = model.ownership.get(id);
  const owner = o?.owner;
  if (!o || !owner) parts.push('Owner: nobody: the layout has no root partition and no child lists it.');
  else if (o.how === 'assigned') parts.push(`Owner: ${ownerName(owner)}, assigned to it: it lists the device in its ${code('devices')}, so the device leaves the root.`);
  else if (o.how === 'root-listed') parts.push(`Owner: ${ownerName(owner)}, the root: listed in its ${code('devices')} (the root owns every device no child lists anyway).`);
  else parts.push(`Owner: ${ownerName(owner)}, the root, by default: no child lists it.`);
  if (o && o.childListings.length > 1) {
    const others = o.childListings.slice(1).map((l) => l.partition.name);
    parts.push(`Also listed by ${list(others)}: a device has one owner, the first child that lists it (${code('device-single-owner')}).`);
  }
  if (model.hypervisorModel === 'monolithic') parts.push(`Driver: ${d.driver ? `${code(d.driver)} runs` : 'its driver runs'} inside the hypervisor (monolithic model).`);
  else if (owner) parts.push(`Driver: ${d.driver ? `${code(d.driver)} runs` : 'no driver named; whichever driver it has runs'} in ${ownerName(owner)}, its owner (the hypervisor runs no drivers).`);
  for (const b of o?.backs ?? []) parts.push(`Serves synthetic ${code(b.class)} for ${list(b.partitions.map((p) => p.name))} through the VSP in ${ownerName(owner)}.`);
  if (o?.uplinkOf) parts.push(`Uplink of the external switch ${bold(o.uplinkOf.name)}: it stays with the root and serves only that switch.`);
  const gpu = model.gpus.find((g) => g.device === d);
  if (gpu) parts.push(gpuPartitionFacts(gpu));
  const traits: string[] = [d.assignable ? 'assignable to a child (Discrete Device Assignment)' : `not assignable (no ${code('assignable: true')})`];
  if (d.iommuGroup !== undefined) {
    const group = model.host.devices.filter((x) => x.iommuGroup === d.iommuGroup && x !== d).map((x) => x.id);
    traits.push(`IOMMU group ${d.iommuGroup}${group.length > 0 ? ` with ${list(group)}` : ''}`);
  }
  if (d.mmio > 0) traits.push(`needs ${formatBytes(d.mmio)} of MMIO space when assigned`);
  if (d.mmioLow > 0) traits.push(`needs ${formatBytes(d.mmioLow)} of low MMIO space (below 4 GiB) when assigned`);
  parts.push(`${traits.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()));
  return parts.join('\n\n');
}

function share(part: number, whole: number, of: string): string {
  const p = percent(part, whole);
  return p ? ` = ${p} of ${of}` : '';
}

/** A partition's role, processors, memory and devices, with its share of the host. */
export function partitionFacts(model: LayoutModel, p: Partition | undefined, name: string): string {
  if (!p) {
    const guess = closest(name, model.partitionByName.keys());
    return `${bold(name)}: no partition has this name${guess ? `; did you mean ${code(guess)}?` : '.'}`;
  }
  const host = model.host;
  const hostLps = `the host's ${host.logicalProcessors} logical processors`;
  const hostMem = `the host's ${formatBytes(host.memory)}`;
  if (model.extraRoots.includes(p)) return `${bold(p.name)} — another partition with ${code('role: root')}: only the first root counts; this one is left out of every computation (${code('single-root')}).`;
  const nested = !p.isRoot && p.parent !== undefined && !p.parent.isRoot;
  const parts: string[] = [];
  if (p.isRoot) parts.push(`${bold(p.name)} — the root partition: it runs the virtualization stack${model.hypervisorModel === 'monolithic' ? '' : ' and the drivers of the devices it owns'}`);
  else parts.push(`${bold(p.name)} — child partition of ${p.parent ? bold(p.parent.name) : p.parentName ? `${escape(p.parentName)} (no such partition)` : 'no parent'}, generation ${p.generation}${p.virtualizationStack ? ', runs its own virtualization stack (nested virtualization)' : ''}`);

  const facts: string[] = [];
  let vps = `${p.vps} virtual processor${p.vps === 1 ? '' : 's'}${share(p.vps, host.logicalProcessors, hostLps)}`;
  if (p.isRoot && p.virtualProcessors === undefined) vps += ` (default: every host logical processor, up to the release's ${model.limits.rootVirtualProcessors})`;
  if (nested && p.parent) vps += ` (nested: they run on ${escape(p.parent.name)}'s ${p.parent.vps})`;
  if (p.affinity.length > 0) vps += `, pinned to LPs ${formatRanges(p.affinity)}`;
  facts.push(`Processors: ${vps}`);

  const memOf = nested && p.parent ? { whole: p.parent.memoryBytes, of: `${escape(p.parent.name)}'s ${formatBytes(p.parent.memoryBytes)} (nested: taken from its parent, not the host)` } : { whole: host.memory, of: hostMem };
  const m = p.memory;
  if (p.isRoot && p.memoryImplicit) facts.push(`Memory: ${formatBytes(p.memoryBytes)}${share(p.memoryBytes, host.memory, hostMem)} (implicit: what the hypervisor's reserve and the root's children leave)`);
  else if (m?.kind === 'static') facts.push(`Memory: ${formatBytes(m.bytes)} static${share(m.bytes, memOf.whole, memOf.of)}`);
  else if (m?.kind === 'dynamic') {
    const range = [m.minimum !== undefined ? `minimum ${formatBytes(m.minimum)}` : '', m.maximum !== undefined ? `maximum ${formatBytes(m.maximum)}${m.maximum && percent(m.maximum, memOf.whole) ? ` (${percent(m.maximum, memOf.whole)})` : ''}` : ''].filter(Boolean).join(', ');
    facts.push(`Memory: dynamic, starts with ${formatBytes(m.startup ?? 0)}${share(m.startup ?? 0, memOf.whole, memOf.of)}${range ? `; ${range}` : ''}`);
  } else facts.push('Memory: not set');

  const owned: string[] = [];
  for (const o of model.ownership.values()) if (o.owner === p) owned.push(escape(o.device.id) + (p.isRoot && o.how === 'root-default' ? ' (by default)' : ''));
  const elsewhere = p.devices.filter((r) => model.ownership.get(r.value)?.owner !== p).map((r) => {
    const o = model.ownership.get(r.value);
    return o ? `${escape(r.value)} (owned by ${escape(o.owner?.name ?? 'nobody')})` : `${escape(r.value)} (no such device)`;
  });
  facts.push(`Devices: ${owned.length > 0 ? owned.join(', ') : 'none'}${elsewhere.length > 0 ? `; also lists ${elsewhere.join(', ')}` : ''}`);
  if (p.synthetic.length > 0) facts.push(`Synthetic: ${list(p.synthetic.map((s) => s.value))}, served by ${p.parent ? escape(p.parent.name) : 'its parent'}`);
  if (p.networkAdapters.length > 0) {
    const on = p.networkAdapters.map((r) => {
      const sw = model.host.switchByName.get(r.value);
      return `${escape(r.value)} (${sw ? `${sw.type ?? 'switch'}` : 'no such switch'})`;
    });
    facts.push(`Network adapters: on ${on.join(', ')}`);
  }
  if (p.gpuPartition) {
    const g = model.gpus.find((x) => x.device.id === p.gpuPartition?.value);
    facts.push(`GPU partition: one of ${escape(p.gpuPartition.value)}${g ? ` (${g.users.length} of ${g.offered} partitions used)` : ' (not a partitionable GPU)'}`);
  }
  if (p.mmio && (p.mmio.high.needed > 0 || p.mmio.low.needed > 0)) facts.push(`MMIO space: high ${formatBytes(p.mmio.high.has)} for ${formatBytes(p.mmio.high.needed)} needed, low ${formatBytes(p.mmio.low.has)} for ${formatBytes(p.mmio.low.needed)} needed`);
  if (p.children.length > 0) facts.push(`Children: ${list(p.children.map((c) => c.name))}`);
  if (!p.isRoot && (p.os || !p.enlightened)) facts.push(`Guest: ${p.os ? escape(p.os) : 'unnamed OS'}${p.enlightened ? '' : ', not enlightened (emulated devices only)'}`);
  parts.push(facts.map((f) => `- ${f}`).join('\n'));
  return parts.join('\n\n');
}

/** A size's exact bytes and its share of the host's memory. */
export function sizeFacts(model: LayoutModel | undefined, value: string, isHostMemory: boolean): string | undefined {
  const size = parseSize(value);
  if (!size) return undefined;
  const parts: string[] = [];
  let line = `${bold(value)} = ${formatCount(size.bytes)} bytes`;
  if (isHostMemory) line += ': the host\'s memory';
  else if (model && model.host.memory > 0) line += ` = ${percent(size.bytes, model.host.memory)} of the host's memory (${formatBytes(model.host.memory)})`;
  parts.push(line);
  if (AMBIGUOUS_UNITS.has(size.unit)) parts.push(`${code(size.unit)} means ${size.unit[0]}iB here (a binary multiple, 1024-based); write ${code(`${size.unit[0]}iB`)} to say so (${code('size-unit-ambiguous')}).`);
  return parts.join('\n\n');
}

/** Which partition serves a synthetic class for a child, through which device. */
export function syntheticFacts(model: LayoutModel, p: Partition, cls: string): string {
  const parent = p.parent;
  const head = `Synthetic ${code(cls)}: a virtual service client in ${bold(p.name)} talks over VMBus to a virtual service provider in `;
  if (!parent) return `${head}its parent, but ${p.parentName ? `${code(p.parentName)} names no partition` : 'it has no parent'}.`;
  const devices = [...model.ownership.values()].filter((o) => o.owner === parent && o.device.class === cls).map((o) => o.device.id);
  if (devices.length > 0) return `${head}${bold(parent.name)}, which drives ${list(devices)}.`;
  if (!parent.isRoot && parent.synthetic.some((s) => s.value === cls)) return `${head}${bold(parent.name)}, which relays it through its own synthetic ${code(cls)}.`;
  return `${head}${bold(parent.name)}, but ${escape(parent.name)} owns no ${escape(cls)} device to back it (${code('synthetic-needs-root-device')}).`;
}
