/**
 * The preview's sections for virtual switches, GPU partitions and MMIO space, and the per-host
 * limits of the header, built in the extension host from the allocation model. A section is left
 * out when the layout has none of its kind; long lists are paged like the other tables.
 */
import type { AllocationModel, GpuPartitionRow, HostLimitRow, MmioRow, MmioSideRow, SwitchRow } from '../../../server/src/protocol';
import type { PartitionIndex } from './preview-bars';
import type { GpuRowView, MmioRowView, MmioSideView, PreviewView, StatView, SwitchRowView, TableId, TablePage } from './preview-messages';
import { exactBytes, formatBytes, formatCount, listNames, percent, plural } from './text';

/** One page of a table for the current filter (preview-view.ts's pager). */
export type Pager = <Source, Row>(id: TableId, all: readonly Source[], text: (s: Source) => string, row: (s: Source) => Row) => TablePage<Row>;

type DeviceUseView = Pick<PreviewView, 'switches' | 'gpus' | 'mmio'>;

/** The switch, GPU partition and MMIO sections the layout has. */
export function deviceUseView(model: AllocationModel, index: PartitionIndex, page: Pager): DeviceUseView {
  const view: DeviceUseView = {};
  if (model.switches.length > 0) view.switches = { summary: switchSummary(model.switches), table: page('switches', model.switches, switchText, switchRow) };
  if (model.gpuPartitions.length > 0) {
    const address = new Map(model.devices.map((d) => [d.id, d.address]));
    view.gpus = { summary: gpuSummary(model.gpuPartitions), table: page('gpus', model.gpuPartitions, gpuText, (g) => gpuRow(g, address.get(g.gpu))) };
  }
  if (model.mmio.length > 0) view.mmio = { summary: mmioSummary(model.mmio), table: page('mmio', model.mmio, mmioText, (m) => mmioRow(m, index)) };
  return view;
}

// ---------------------------------------------------------------------------------- switches

const TYPE_TITLES: Record<NonNullable<SwitchRow['type']>, string> = {
  external: 'external: connects the VMs on it to the physical network through its uplinks (and the root, unless management is off)',
  internal: 'internal: connects the VMs on it with each other and with the root; no physical network',
  private: 'private: connects the VMs on it with each other only; not the root, no physical network',
};

function switchSummary(all: readonly SwitchRow[]): string {
  const types = (['external', 'internal', 'private'] as const).map((t) => [t, all.filter((s) => s.type === t).length] as const).filter(([, n]) => n > 0);
  const sriov = all.filter((s) => s.sriov).length;
  return [plural(all.length, 'switch', 'switches'), types.map(([t, n]) => `${formatCount(n)} ${t}`).join(', '), sriov > 0 ? `${formatCount(sriov)} with SR-IOV` : ''].filter((x) => x !== '').join(' · ');
}

function switchText(s: SwitchRow): string {
  return [s.name, s.type ?? '', ...s.uplinks, ...s.partitions].join('\n');
}

function switchRow(s: SwitchRow): SwitchRowView {
  return {
    name: s.name,
    type: s.type ?? '—',
    typeTitle: s.type ? TYPE_TITLES[s.type] : 'no valid type: external, internal or private',
    uplinks: s.uplinks.join(', ') || '—',
    sriov: s.sriov,
    partitions: listNames(s.partitions) || '—',
    count: s.partitions.length,
    position: s.position,
  };
}

// ----------------------------------------------------------------------------- GPU partitions

function gpuSummary(all: readonly GpuPartitionRow[]): string {
  const offered = all.reduce((n, g) => n + g.offered, 0);
  const used = all.reduce((n, g) => n + g.used, 0);
  return `${plural(all.length, 'partitionable GPU')} · ${formatCount(used)} of ${plural(offered, 'partition')} used`;
}

function gpuText(g: GpuPartitionRow): string {
  return [g.gpu, ...g.partitions].join('\n');
}

function gpuRow(g: GpuPartitionRow, address: string | undefined): GpuRowView {
  const free = g.offered - g.used;
  const row: GpuRowView = {
    gpu: g.gpu,
    used: g.used,
    offered: g.offered,
    usedText: `${formatCount(g.used)} of ${plural(g.offered, 'partition')} used`,
    verdict: free < 0 ? `${plural(-free, 'more user')} than partitions` : free === 0 ? 'all used' : `${plural(free, 'partition')} free`,
    state: free < 0 ? 'bad' : free === 0 ? 'ok' : 'muted',
    partitions: listNames(g.partitions) || '—',
    position: g.position,
  };
  if (address !== undefined) row.address = address;
  return row;
}

// --------------------------------------------------------------------------------------- MMIO

function mmioSummary(all: readonly MmioRow[]): string {
  const short = all.filter((m) => m.high.state === 'short' || m.low.state === 'short').length;
  return `${plural(all.length, 'child', 'children')} with assigned devices${short > 0 ? ` · ${formatCount(short)} short of MMIO space` : ''}`;
}

function mmioText(m: MmioRow): string {
  return [m.partition, ...m.devices].join('\n');
}

function mmioRow(m: MmioRow, index: PartitionIndex): MmioRowView {
  const row: MmioRowView = { partition: m.partition, colour: index.colour(m.partition), devices: listNames(m.devices) || '—', high: mmioSide(m.high, 'high'), low: mmioSide(m.low, 'low') };
  const at = index.position(m.partition);
  if (at) row.position = at;
  return row;
}

/** What a side's judgement (the model's, as mmio-space and mmio-buffer judge it) reads as. */
function mmioVerdict(s: MmioSideRow, key: string): string {
  switch (s.state) {
    case 'short':
      return `short by ${formatBytes(s.needed - s.set)} (mmio-space)`;
    case 'no-buffer':
      return `${formatBytes(s.recommended - s.set)} below the recommendation (mmio-buffer)`;
    case 'not-below-4GiB':
      return 'not below 4 GiB, where low MMIO space lies (mmio-space)';
    case 'invalid':
      return `${key} is not a size`;
    case 'ok':
      if (s.set === s.recommended) return 'as recommended';
      return s.set > s.recommended ? `${formatBytes(s.set - s.recommended)} above the recommendation` : 'its devices need no low MMIO space';
  }
}

function mmioSide(s: MmioSideRow, side: 'high' | 'low'): MmioSideView {
  const key = side === 'high' ? 'mmioSpace.high' : 'mmioSpace.low';
  const state = s.state;
  const verdict = mmioVerdict(s, key);
  return {
    set: formatBytes(s.set),
    setTitle: `${key}: ${exactBytes(s.set)}${s.default ? ' (Hyper-V’s default: the layout does not set it)' : ''}`,
    default: s.default,
    sizing: `${formatBytes(s.needed)} needed + ${formatBytes(s.recommended - s.needed)} buffer = ${formatBytes(s.recommended)} recommended`,
    state,
    verdict,
  };
}

// -------------------------------------------------------------------------------- host limits

/** The per-host limits host-vp-limit and running-partition-limit check, as header stats. */
export function hostLimitStats(model: AllocationModel): StatView[] {
  const { virtualProcessors, runningPartitions } = model.hostLimits;
  return [
    limitStat('host-vps', 'Guest VPs per host', virtualProcessors, 'hostVirtualProcessors', model.release.title),
    limitStat('running-partitions', 'Running partitions per host', runningPartitions, 'runningPartitions', model.release.title),
  ];
}

function limitStat(id: string, label: string, x: HostLimitRow, key: string, release: string): StatView {
  if (x.limit === undefined) return { id, label, value: formatCount(x.used), detail: 'no per-host limit applies', over: false, fraction: 0 };
  const over = x.used > x.limit;
  const whose = x.overridden ? `hypervisor.limits.${key}` : `the ${release || 'release'} limit`;
  return {
    id,
    label,
    value: `${formatCount(x.used)} / ${formatCount(x.limit)}`,
    detail: over ? `${formatCount(x.used - x.limit)} over ${whose}` : `${percent(x.used, x.limit)} of ${whose}`,
    over,
    fraction: x.limit > 0 ? x.used / x.limit : 1,
  };
}
