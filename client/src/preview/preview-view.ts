/**
 * The preview's view of an allocation model: only what the webview shows. Bars are summarized
 * (preview-bars.ts); the partition, device and NUMA tables carry one page of the rows the filter
 * matches, so the message stays small at any size (docs/decisions.md, "Preview at scale").
 */
import type { AllocationModel, DeviceRow, PartitionRow } from '../../../server/src/protocol';
import { memoryView, partitionIndex, processorsView, type PartitionIndex } from './preview-bars';
import type { DeviceRowView, NumaChip, NumaRowView, PartitionRowView, PreviewView, TablePage, TableId, ViewQuery } from './preview-messages';
import { deviceUseView, hostLimitStats } from './preview-device-use';
import { exactBytes, formatBytes, listNames, plural } from './text';

/** Rows per table page. */
export const PAGE_SIZE = 50;
/** NUMA node chips drawn; more nodes are counted. */
const NODE_CHIPS = 16;
/** Pinned partitions named on a node chip. */
const PINNED_NAMED = 4;

export const EMPTY_QUERY: ViewQuery = { filter: '', offsets: {} };

export function buildView(model: AllocationModel, query: ViewQuery = EMPTY_QUERY, pageSize = PAGE_SIZE): PreviewView {
  const index = partitionIndex(model);
  const filter = query.filter.trim().toLowerCase();
  const page = <Source, Row>(id: TableId, all: readonly Source[], text: (s: Source) => string, row: (s: Source) => Row): TablePage<Row> =>
    pageOf(all, filter === '' ? undefined : (s) => text(s).toLowerCase().includes(filter), query.offsets[id] ?? 0, pageSize, row);

  const view: PreviewView = {
    header: { title: model.layout, release: model.release.title || model.release.id, releaseId: model.release.id, hypervisor: `${model.hypervisorModel} hypervisor` },
    processors: processorsView(model, index),
    memory: memoryView(model, index),
    partitions: page('partitions', model.partitions, partitionText, (p) => partitionRow(model, p, index)),
    devices: page('devices', model.devices, deviceText, (d) => deviceRow(d, index)),
  };
  view.header.limits = hostLimitStats(model);
  Object.assign(view, deviceUseView(model, index, page));
  if (model.numa.nodes > 1) view.numa = numaView(model, index, (all, row) => page('numa', all, (p) => p.name, row));
  return view;
}

function pageOf<Source, Row>(all: readonly Source[], match: ((s: Source) => boolean) | undefined, offset: number, pageSize: number, row: (s: Source) => Row): TablePage<Row> {
  const matched = match ? all.filter(match) : all;
  const size = Math.max(1, pageSize);
  const last = matched.length === 0 ? 0 : Math.floor((matched.length - 1) / size) * size;
  const start = Math.min(Math.max(0, Math.floor(offset / size) * size), last);
  return { total: all.length, matched: matched.length, offset: start, pageSize: size, rows: matched.slice(start, start + size).map(row) };
}

// -------------------------------------------------------------------------------- partitions

function partitionText(p: PartitionRow): string {
  return [p.name, p.os ?? '', p.parent ?? '', ...p.devices].join('\n');
}

function partitionRow(model: AllocationModel, p: PartitionRow, index: PartitionIndex): PartitionRowView {
  const m = p.memory;
  const memory =
    m.kind === 'dynamic'
      ? `${formatBytes(m.bytes)} startup (${formatBytes(m.minimum ?? m.bytes)} – ${formatBytes(m.maximum ?? m.bytes)})`
      : `${formatBytes(m.bytes)}${m.implicit ? ' (what is left)' : ''}`;
  const rootName = model.partitions.find((x) => x.role === 'root')?.name;
  const role = p.role === 'root' ? 'root' : p.parent ? (p.parent === rootName ? 'child' : `nested in ${p.parent}`) : 'child (no parent)';
  const row: PartitionRowView = {
    name: p.name,
    colour: index.colour(p.name),
    role,
    vps: p.virtualProcessors,
    memory,
    memoryTitle: exactBytes(m.bytes),
    devices: p.devices.join(', ') || '—',
    synthetic: p.synthetic.join(', ') || '—',
    position: p.position,
  };
  if (p.os !== undefined) row.os = p.os;
  // The root is no guest: no generation or enlightenment for it.
  if (p.role !== 'root') row.guest = `gen ${p.generation}${p.enlightened ? ' · enlightened' : ' · not enlightened'}${p.virtualizationStack ? ' · virtualization stack' : ''}`;
  else if (p.virtualizationStack) row.guest = 'virtualization stack';
  return row;
}

// ----------------------------------------------------------------------------------- devices

function deviceText(d: DeviceRow): string {
  return [d.id, d.class, d.address ?? '', d.owner ?? '', d.driver ?? ''].join('\n');
}

function deviceRow(d: DeviceRow, index: PartitionIndex): DeviceRowView {
  const row: DeviceRowView = {
    id: d.id,
    class: d.class,
    address: d.address ?? '—',
    how: d.how,
    howText: howText(d.how),
    backs: d.backs.map((b) => `backs synthetic ${b.class} for ${listNames(b.partitions)}`),
    position: d.position,
  };
  if (d.owner !== undefined) {
    row.owner = d.owner;
    const at = index.position(d.owner);
    if (at) row.ownerPosition = at;
  }
  if (d.listedBy.length > 1) row.conflict = `listed by ${listNames(d.listedBy)}: only ${d.listedBy[0]} gets it`;
  if (d.driver !== undefined) row.driver = d.driver;
  if (d.driverRunsIn !== undefined) row.driverRunsIn = d.driverRunsIn;
  return row;
}

function howText(how: DeviceRow['how']): string {
  switch (how) {
    case 'assigned':
      return 'assigned';
    case 'root-default':
      return 'root by default';
    case 'root-listed':
      return 'root (listed)';
  }
}

// -------------------------------------------------------------------------------------- NUMA

type NumaSource = AllocationModel['numa']['partitions'][number];

/**
 * NUMA nodes and which pinned partitions use them. An LP's node is its number divided by the LPs
 * per node: Hyper-V numbers the LPs of one node together (docs/decisions.md).
 */
function numaView(model: AllocationModel, index: PartitionIndex, page: (all: readonly NumaSource[], row: (p: NumaSource) => NumaRowView) => TablePage<NumaRowView>): NonNullable<PreviewView['numa']> {
  const numa = model.numa;
  const per = numa.perNode;
  const nodeOf = (lp: number): number => (per.logicalProcessors > 0 ? Math.min(numa.nodes - 1, Math.floor(lp / per.logicalProcessors)) : 0);
  const nodesOf = new Map<string, number[]>();
  for (const p of model.processors.partitions) {
    if (p.affinity.length === 0 || nodesOf.has(p.name)) continue;
    nodesOf.set(p.name, [...new Set(p.affinity.map(nodeOf))].sort((a, b) => a - b));
  }
  const pinnedOn: string[][] = Array.from({ length: Math.min(numa.nodes, NODE_CHIPS) }, () => []);
  for (const [name, nodes] of nodesOf) for (const n of nodes) if (n < pinnedOn.length) pinnedOn[n].push(name);
  const chips: NumaChip[] = pinnedOn.map((names, node) => ({
    node,
    title: `NUMA node ${node}: ${plural(per.logicalProcessors, 'logical processor')} (LPs ${node * per.logicalProcessors}-${(node + 1) * per.logicalProcessors - 1}), ${formatBytes(per.memory)}${names.length > 0 ? `; pinned: ${names.join(', ')}` : ''}`,
    pinned: names.slice(0, PINNED_NAMED),
    more: Math.max(0, names.length - PINNED_NAMED),
  }));
  return {
    summary: `${numa.nodes} nodes · ${plural(per.logicalProcessors, 'LP')} and ${formatBytes(per.memory)} each · spanning ${numa.spanning ? 'allowed' : 'not allowed'}`,
    chips,
    moreNodes: Math.max(0, numa.nodes - NODE_CHIPS),
    table: page(numa.partitions, (p) => {
      const fits = p.fitsOneNode;
      const row: NumaRowView = {
        name: p.name,
        vps: p.virtualProcessors,
        memory: formatBytes(p.memory),
        memoryTitle: exactBytes(p.memory),
        verdict: fits ? 'fits one node' : numa.spanning ? 'spans nodes' : 'does not fit one node (spanning not allowed)',
        state: fits ? 'ok' : numa.spanning ? 'muted' : 'bad',
      };
      const nodes = nodesOf.get(p.name);
      if (nodes) row.nodes = nodes.join(', ');
      const at = index.position(p.name);
      if (at) row.position = at;
      return row;
    }),
  };
}
