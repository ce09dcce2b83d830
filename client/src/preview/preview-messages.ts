/**
 * The one message contract between the extension host and the preview webview
 * (client/preview-src imports these types too, so a renamed field is a compile error on both sides).
 * The host turns the server's allocation model into a `PreviewView`: only what the webview shows,
 * with long groups summarized and tables paged. The webview only renders (docs/architecture.md).
 * Free of `vscode` and of Node so tests and the webview can use it.
 */
import type { SourcePosition } from '../../../server/src/protocol';
import type { GpuRowView, MmioRowView, SwitchRowView } from './preview-device-use-messages';
import type { Change } from './view-diff';

export type { SourcePosition };
export type { GpuRowView, MmioRowView, MmioSideView, SwitchRowView } from './preview-device-use-messages';
export type ProblemCounts = { error: number; warning: number; info: number };

/** The tables the webview pages through. */
export type TableId = 'partitions' | 'devices' | 'numa' | 'switches' | 'gpus' | 'mmio';
const TABLE_IDS: readonly TableId[] = ['partitions', 'devices', 'numa', 'switches', 'gpus', 'mmio'];

/** A bar segment: one owner, or a summary of many ("N more children"). */
export interface BarSegment {
  /** data-owner: a partition's name, `hypervisor`, `free` or `more` */
  owner: string;
  kind: 'hypervisor' | 'root' | 'child' | 'growth' | 'free' | 'more';
  /** VPs or bytes */
  amount: number;
  /** colour class (c-root, c-0 … c-7, c-hv, c-free, c-more) */
  colour: string;
  /** the label's name and amount; absent: no label */
  label?: { name: string; amount: string };
  /** hover text and accessible name */
  title: string;
  /** a partition's definition (clicking reveals it) */
  position?: SourcePosition;
}

export interface BarView {
  /** element id: processors-bar, root-vps-bar, memory-bar */
  id: string;
  ariaLabel: string;
  /** what 100% of the bar is */
  scale: number;
  /** the host's capacity (a marker where it is below the scale) */
  host: number;
  hostLabel: string;
  /** data-vps or data-bytes */
  unit: 'vps' | 'bytes';
  /** more is asked of the host than it has */
  overflow: boolean;
  segments: BarSegment[];
}

/** A nested partition under its parent's segment: its VPs run on its parent's VPs. */
export interface NestedSegment {
  name: string;
  parent: string;
  vps: number;
  /** VPs before it on the bar */
  start: number;
  colour: string;
  title: string;
  position?: SourcePosition;
}

export interface LegendItem {
  name: string;
  colour: string;
  detail: string;
  /** a partition (highlighted with it, its name reveals it) */
  partition?: string;
  position?: SourcePosition;
  variant?: 'nested' | 'unplaced' | 'more';
}

export interface StatView {
  id: string;
  label: string;
  value: string;
  detail: string;
  over: boolean;
  /** how full the meter is, 0..1 */
  fraction: number;
}

export interface ProcessorsView {
  summary: string;
  /** the root's VPs, apart from the guests': they time-share the LPs with guest VPs */
  root?: { name: string; vps: number; bar: BarView; text: string; position?: SourcePosition };
  /** the guest VPs of the root's children against the host's LPs */
  bar: BarView;
  nested: NestedSegment[];
  legend: LegendItem[];
  stats: StatView[];
}

export interface MemoryView {
  summary: string;
  bar: BarView;
  legend: LegendItem[];
  /** the partitions ask more than the host has */
  shortfall?: string;
  stats: StatView[];
}

export interface NumaChip {
  node: number;
  title: string;
  /** partitions pinned (processorAffinity) to LPs of this node */
  pinned: string[];
  /** pinned partitions not listed in `pinned` */
  more: number;
}

export interface NumaRowView {
  name: string;
  vps: number;
  memory: string;
  memoryTitle: string;
  /** the nodes its pinned LPs are on, e.g. "0, 1"; absent when it is not pinned */
  nodes?: string;
  verdict: string;
  state: 'ok' | 'muted' | 'bad';
  position?: SourcePosition;
}

export interface PartitionRowView {
  name: string;
  colour: string;
  role: string;
  vps: number;
  memory: string;
  memoryTitle: string;
  devices: string;
  synthetic: string;
  os?: string;
  /** generation, enlightenment… of a guest; absent for the root, which is no guest */
  guest?: string;
  position: SourcePosition;
}

export interface DeviceRowView {
  id: string;
  class: string;
  address: string;
  owner?: string;
  ownerPosition?: SourcePosition;
  how: string;
  howText: string;
  backs: string[];
  conflict?: string;
  driver?: string;
  driverRunsIn?: string;
  position: SourcePosition;
}

/** One page of a table: the rows the webview shows, and how many there are. */
export interface TablePage<Row> {
  /** rows before filtering */
  total: number;
  /** rows the filter matches */
  matched: number;
  /** index (in the matched rows) of the first row shown */
  offset: number;
  pageSize: number;
  rows: Row[];
}

export interface PreviewView {
  /** `limits`: the per-host limits (VPs of the root's children, running partitions) */
  header: { title: string; release: string; releaseId: string; hypervisor: string; limits?: StatView[] };
  processors: ProcessorsView;
  memory: MemoryView;
  numa?: { summary: string; chips: NumaChip[]; moreNodes: number; table: TablePage<NumaRowView> };
  partitions: TablePage<PartitionRowView>;
  devices: TablePage<DeviceRowView>;
  /** each absent when the layout has none */
  switches?: { summary: string; table: TablePage<SwitchRowView> };
  gpus?: { summary: string; table: TablePage<GpuRowView> };
  mmio?: { summary: string; table: TablePage<MmioRowView> };
}

/** What the user asked the tables to show: one filter for every table, and a page per table. */
export interface ViewQuery {
  filter: string;
  offsets: Partial<Record<TableId, number>>;
}

/** host -> webview: what to show for the followed document, whole */
export interface ViewMessage {
  type: 'view';
  /** numbers the messages of a session: a patch names the one it changes */
  seq: number;
  uri: string;
  /** the file's base name, for the header */
  fileName: string;
  version: number;
  problems?: ProblemCounts;
  /** absent: nothing to show (not YAML, or the server failed before a first allocation) */
  view?: PreviewView;
  /** the view is the last one computed for this file, not the current text */
  stale: boolean;
  banner?: { kind: 'error' | 'warning'; text: string };
  /** the query the view answers (the webview's filter box shows it) */
  query: ViewQuery;
}

/**
 * host -> webview: what changed since the message numbered `base` (view-diff.ts). Everything but
 * the view is sent whole (it is small); `view` is the change to the base's view, absent when the
 * view did not change. A webview that does not hold `base` asks for the whole view (`resync`).
 */
export interface PatchMessage extends Omit<ViewMessage, 'type' | 'view'> {
  type: 'patch';
  base: number;
  view?: Change;
}

/** What the host posts when the view may have changed: the whole view or a patch. */
export type ViewUpdate = ViewMessage | PatchMessage;

/** host -> webview: the cursor is in this partition (or device) definition; neither clears it */
export interface HighlightMessage {
  type: 'highlight';
  partition?: string;
  device?: string;
}

export type ToWebview = ViewMessage | PatchMessage | HighlightMessage;

/** What the webview keeps with `setState`: the panel serializer reopens this after a reload. */
export interface WebviewState {
  uri?: string;
  scrollX?: number;
  scrollY?: number;
  query?: ViewQuery;
}

export type FromWebview =
  | { type: 'ready' }
  /** a patch did not fit what the webview holds: send the whole view */
  | { type: 'resync' }
  | { type: 'reveal'; position: SourcePosition }
  | { type: 'rendered'; partitions: string[] }
  | { type: 'query'; query: ViewQuery };

/** Checks a message from the webview; anything malformed yields undefined. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'resync':
      return { type: 'resync' };
    case 'reveal': {
      const p = m.position as Record<string, unknown> | null | undefined;
      if (typeof p !== 'object' || p === null) return undefined;
      const { line, column } = p;
      if (!isPositiveInt(line) || !isPositiveInt(column)) return undefined;
      return { type: 'reveal', position: { line, column } };
    }
    case 'rendered':
      if (!Array.isArray(m.partitions) || !m.partitions.every((x) => typeof x === 'string')) return undefined;
      return { type: 'rendered', partitions: [...(m.partitions as string[])] };
    case 'query': {
      const query = parseQuery(m.query);
      return query ? { type: 'query', query } : undefined;
    }
    default:
      return undefined;
  }
}

/** A query from the webview (or its saved state); anything malformed yields undefined. */
export function parseQuery(raw: unknown): ViewQuery | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const q = raw as Record<string, unknown>;
  if (typeof q.filter !== 'string' || q.filter.length > 200) return undefined;
  const offsets: Partial<Record<TableId, number>> = {};
  const rawOffsets = typeof q.offsets === 'object' && q.offsets !== null ? (q.offsets as Record<string, unknown>) : {};
  for (const id of TABLE_IDS) {
    const v = rawOffsets[id];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) offsets[id] = v;
  }
  return { filter: q.filter, offsets };
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1;
}
