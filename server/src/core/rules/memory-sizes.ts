/** Helpers shared by the memory rules: every size string of a layout, exact byte formatting, anchors. */
import type { LayoutModel, Partition, Raw } from '../model/types';
import type { TextRange } from '../types';
import { formatBytes, MiB, parseSize, UNITS } from '../util/sizes';

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A partition's memory sizes are multiples of this (docs/rules/memory-alignment.md). */
export const MEMORY_GRANULE = 2 * MiB;
/** The least memory a child may have on every release. */
export const CHILD_MEMORY_MINIMUM = 32 * MiB;

/** One size string of the layout: where it sits and what it says. */
export interface SizeField {
  /** how a message names it: `host.memory`, `partition "web01" memory.startup`, `device "gpu0" mmio` */
  label: string;
  /** the mapping holding it and its key (for `locations.valueRange(owner, key)`) */
  owner: Raw;
  key: string;
  /** the text as written */
  text: string;
  bytes: number;
  unit: string;
  /** a partition's memory size (static, startup, minimum, maximum): 2 MiB granularity applies */
  memory: boolean;
}

/**
 * Every valid size string of the layout: host memory, the reserve, size limits, each device's mmio,
 * each partition's memory (static or dynamic fields) and mmioSpace. Every `partitions` entry that is a
 * mapping counts, extra roots included: these are checks on the values as written, not on the model.
 */
export function sizeFields(model: LayoutModel): SizeField[] {
  const out: SizeField[] = [];
  const add = (label: string, owner: unknown, key: string, memory: boolean): void => {
    if (!isObj(owner)) return;
    const text = owner[key];
    const parsed = parseSize(text);
    if (parsed === undefined || typeof text !== 'string') return;
    out.push({ label, owner, key, text, bytes: parsed.bytes, unit: parsed.unit, memory });
  };
  const { host, reserve, limits } = model.raw;
  add('host.memory', host, 'memory', false);
  add('hypervisor.reserve.memory', reserve, 'memory', false);
  for (const k of ['memoryPerPartitionGen1', 'memoryPerPartitionGen2', 'hostMemory', 'rootMemoryMinimum']) {
    add(`hypervisor.limits.${k}`, limits, k, false);
  }
  (model.raw.devices ?? []).forEach((d, i) => {
    if (!isObj(d)) return;
    const label = `device ${typeof d.id === 'string' ? `"${d.id}"` : `#${i + 1}`}`;
    add(`${label} mmio`, d, 'mmio', false);
    add(`${label} mmioLow`, d, 'mmioLow', false);
  });
  (model.raw.partitions ?? []).forEach((p, i) => {
    if (!isObj(p)) return;
    const who = `partition ${partitionLabel(p, i)}`;
    add(`${who} memory`, p, 'memory', true);
    if (isObj(p.memory)) for (const k of ['startup', 'minimum', 'maximum']) add(`${who} memory.${k}`, p.memory, k, true);
    if (isObj(p.mmioSpace)) for (const k of ['low', 'high']) add(`${who} mmioSpace.${k}`, p.mmioSpace, k, false);
  });
  return out;
}

function partitionLabel(p: Raw, index: number): string {
  return typeof p.name === 'string' && p.name !== '' ? `"${p.name}"` : `#${index + 1}`;
}

/** `"web01"`, or `#3` for a partition without a name. */
export function nameOf(p: Partition): string {
  return partitionLabel(p.raw, p.index);
}

const FORMAT_UNITS = ['TiB', 'GiB', 'MiB', 'KiB', 'B'] as const;

/**
 * Bytes in the largest binary unit that states them exactly with at most two decimals:
 * `1.5 GiB`, `1488 MiB`, `131073 MiB` (where formatBytes would round 128 GiB + 1 MiB to `128 GiB`).
 */
export function formatExact(bytes: number): string {
  const rough = formatBytes(bytes);
  const back = parseSize(rough.replace(' ', ''));
  if (back !== undefined && back.bytes === bytes) return rough;
  const neg = bytes < 0 ? '-' : '';
  const b = Math.abs(bytes);
  for (const u of FORMAT_UNITS) {
    const v = b / UNITS[u];
    // v is a dyadic fraction: at most two decimals means a multiple of 1/4 (.25, .5, .75)
    if (v >= 1 && Number.isInteger(v * 4)) return `${neg}${v} ${u}`;
  }
  return `${neg}${b} B`;
}

/**
 * Bytes exactly when formatExact can say them in a unit (`32 GiB`), else in the largest binary unit
 * to two decimals (`21.33 GiB` for 64 GiB / 3), never as a long count of bytes.
 */
function formatRounded(bytes: number): string {
  if (Number.isInteger(bytes)) {
    const exact = formatExact(bytes);
    if (!exact.endsWith(' B') || Math.abs(bytes) < 1024) return exact;
  }
  const b = Math.abs(bytes);
  const unit = FORMAT_UNITS.find((u) => b >= UNITS[u]) ?? 'B';
  return `${bytes < 0 ? '-' : ''}${Number((b / UNITS[unit]).toFixed(2))} ${unit}`;
}

/** A size as the layout would write it, exact: `1536MiB`, `2GiB`, `1.5GiB`. */
export function sizeLiteral(bytes: number): string {
  return formatExact(bytes).replace(' ', '');
}

/**
 * Whether a partition states a `memory` the model could not read (the schema reports it): not a size
 * or mapping, or dynamic memory without a readable `startup` (the amount it is counted at).
 */
export function memoryUnreadable(p: Partition): boolean {
  if (p.raw.memory === undefined) return false;
  return p.memory === undefined || (p.memory.kind === 'dynamic' && p.memory.startup === undefined);
}

/** Whether host.memory is a readable size (without it, memory arithmetic means nothing). */
export function hostMemoryKnown(model: LayoutModel): boolean {
  return parseSize(model.raw.host?.memory) !== undefined;
}

/** The children of the root in document order (the partitions that take memory from the host). */
export function rootChildren(model: LayoutModel): Partition[] {
  return model.root ? model.root.children : [];
}

/**
 * The value range of a partition's largest memory: the static size, or the dynamic `maximum`
 * (the `memory` key when the maximum is missing).
 */
export function maxMemoryRange(model: LayoutModel, p: Partition): TextRange {
  const loc = model.locations;
  if (p.memory?.kind === 'dynamic' && isObj(p.raw.memory)) {
    return p.raw.memory.maximum !== undefined ? loc.valueRange(p.raw.memory, 'maximum') : loc.keyRange(p.raw, 'memory');
  }
  return loc.valueRange(p.raw, 'memory');
}

/** The dynamic memory mapping of a partition, when it has one. */
export function dynamicRaw(p: Partition): Raw | undefined {
  return p.memory?.kind === 'dynamic' && isObj(p.raw.memory) ? p.raw.memory : undefined;
}

/** "7.5" for a fractional count, "16" for a whole one. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

/** One NUMA node of the host (docs/allocation-json.md): LPs and memory split evenly across `numaNodes`. */
export interface NumaNode {
  nodes: number;
  /** LPs per node (may be fractional when the split is uneven) */
  lps: number;
  /** bytes per node (may be fractional when the split is uneven) */
  memory: number;
  /** a node's memory for messages: exact (`32 GiB`), or to two decimals when the split is uneven (`21.33 GiB`) */
  memoryText: string;
  /** the largest memory size that fits one node and is a multiple of 2 MiB (what a fix may write) */
  memoryFit: number;
  /** "16 LPs, 64 GiB" */
  describe: string;
  /** whether a VP count exceeds one node (exact: vps × nodes > LPs) */
  vpsExceed(vps: number): boolean;
  /** whether a memory size exceeds one node (exact: bytes × nodes > host memory) */
  memoryExceeds(bytes: number): boolean;
}

/**
 * The host's NUMA node, or undefined when the host has a single node (then "more than one node" means
 * "more than the host", which vp-limit and the memory rules report) or its LPs or memory are unreadable.
 */
export function numaNode(m: LayoutModel): NumaNode | undefined {
  const nodes = m.host.numaNodes;
  if (nodes <= 1 || m.host.logicalProcessors <= 0 || !hostMemoryKnown(m)) return undefined;
  const lps = m.host.logicalProcessors / nodes;
  const memory = m.host.memory / nodes;
  const memoryText = formatRounded(memory);
  return {
    nodes,
    lps,
    memory,
    memoryText,
    memoryFit: Math.floor(memory / MEMORY_GRANULE) * MEMORY_GRANULE,
    describe: `${formatNumber(lps)} LPs, ${memoryText}`,
    vpsExceed: (vps) => vps * nodes > m.host.logicalProcessors,
    memoryExceeds: (bytes) => bytes * nodes > m.host.memory,
  };
}

/** The partitions NUMA rules look at: the children of the root (the root always spans nodes; nested children run inside their parent). */
export function numaChildren(m: LayoutModel): Partition[] {
  return rootChildren(m);
}
