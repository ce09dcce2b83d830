/**
 * The processor and memory sections of the preview, built in the extension host from the
 * allocation model. Groups too long to draw one by one are summarized: a bar keeps the root, the
 * largest children and one "N more children" segment (docs/decisions.md, "Preview at scale").
 */
import type { AllocationModel, PartitionRow, ProcessorShare } from '../../../server/src/protocol';
import type { BarSegment, LegendItem, MemoryView, NestedSegment, ProcessorsView, SourcePosition, StatView } from './preview-messages';
import { exactBytes, fixed, formatBytes, percent, plural, ranges } from './text';

/** Children drawn one by one on a bar; the rest become one "more" segment. */
const BAR_CHILDREN = 12;
/** Nested partitions drawn under their parents. */
const NESTED_DRAWN = 24;
/** Legend lines for partitions the bar cannot place. */
const UNPLACED_LISTED = 8;

/** What the bars need of each partition: its colour class and where it is defined. */
export interface PartitionIndex {
  colour(name: string): string;
  position(name: string): SourcePosition | undefined;
  row(name: string): PartitionRow | undefined;
}

const COLOURS = Array.from({ length: 8 }, (_, i) => `c-${i}`);
/** Built once per model: filtering and paging build the view again from the same model. */
const indexes = new WeakMap<AllocationModel, PartitionIndex>();

export function partitionIndex(model: AllocationModel): PartitionIndex {
  const known = indexes.get(model);
  if (known) return known;
  const byName = new Map<string, { row: PartitionRow; colour: string }>();
  let i = 0;
  for (const p of model.partitions) {
    if (!byName.has(p.name)) byName.set(p.name, { row: p, colour: p.role === 'root' ? 'c-root' : COLOURS[i++ % COLOURS.length] });
  }
  const index: PartitionIndex = {
    colour: (name) => byName.get(name)?.colour ?? 'c-0',
    position: (name) => byName.get(name)?.row.position,
    row: (name) => byName.get(name)?.row,
  };
  indexes.set(model, index);
  return index;
}

/** The `keep` largest items by `size` (the earlier first among equals), in their original order, and the rest. */
function largest<T>(items: readonly T[], keep: number, size: (item: T) => number): { kept: T[]; rest: T[] } {
  if (items.length <= keep) return { kept: [...items], rest: [] };
  // the indexes of the largest so far, largest first: one pass, no sort of every item
  const top: Array<{ index: number; size: number }> = [];
  items.forEach((item, index) => {
    const s = size(item);
    if (top.length === keep && s <= top[keep - 1].size) return;
    let at = top.length;
    while (at > 0 && top[at - 1].size < s) at--;
    top.splice(at, 0, { index, size: s });
    if (top.length > keep) top.pop();
  });
  const keepIndex = new Set(top.map((x) => x.index));
  return { kept: items.filter((_, i) => keepIndex.has(i)), rest: items.filter((_, i) => !keepIndex.has(i)) };
}

// ---------------------------------------------------------------------------------- processors

export function processorsView(model: AllocationModel, index: PartitionIndex): ProcessorsView {
  const proc = model.processors;
  const lps = proc.hostLogicalProcessors;
  const shares = proc.partitions;
  const root = shares.find((p) => p.role === 'root');
  const guests = shares.filter((p) => root !== undefined && p.role !== 'root' && !p.nested && p.parent === root.name);
  const nestedShares = shares.filter((p) => p.nested);
  const isGuest = new Set(guests);
  const unplaced = shares.filter((p) => p.role !== 'root' && !p.nested && !isGuest.has(p));
  const guestVps = guests.reduce((s, p) => s + p.virtualProcessors, 0);
  const scale = Math.max(lps, guestVps, 1);

  const { kept, rest } = largest(guests, BAR_CHILDREN, (p) => p.virtualProcessors);
  const segments: BarSegment[] = kept.map((p) => ({
    owner: p.name,
    kind: 'child',
    amount: p.virtualProcessors,
    colour: index.colour(p.name),
    label: { name: p.name, amount: plural(p.virtualProcessors, 'VP') },
    title: `${p.name}: ${plural(p.virtualProcessors, 'virtual processor')} (${percent(p.virtualProcessors, lps)} of ${plural(lps, 'host LP')})${affinityText(p)}`,
    position: index.position(p.name),
  }));
  const restVps = rest.reduce((s, p) => s + p.virtualProcessors, 0);
  if (rest.length > 0) {
    const what = `${plural(rest.length, 'more child', 'more children')} (${plural(restVps, 'VP')})`;
    segments.push({ owner: 'more', kind: 'more', amount: restVps, colour: 'c-more', label: { name: what, amount: '' }, title: `${what}: the smaller children of the root, together` });
  }
  const free = Math.max(0, lps - guestVps);
  if (free > 0) {
    segments.push({
      owner: 'free',
      kind: 'free',
      amount: free,
      colour: 'c-free',
      label: { name: 'no guest VP', amount: plural(free, 'LP') },
      title: `${plural(free, 'logical processor')} with no guest VP (${percent(free, lps)} of the host): free for new children`,
    });
  }

  // nested partitions under their parent's segment
  const start = new Map<string, number>();
  let offset = 0;
  for (const s of segments) {
    if (s.kind === 'child') start.set(s.owner, offset);
    offset += s.amount;
  }
  const nested: NestedSegment[] = [];
  for (const p of nestedShares) {
    const at = p.parent === undefined ? undefined : start.get(p.parent);
    if (at === undefined || nested.length >= NESTED_DRAWN) continue;
    start.set(p.parent!, at + p.virtualProcessors);
    nested.push({
      name: p.name,
      parent: p.parent!,
      vps: p.virtualProcessors,
      start: at,
      colour: index.colour(p.name),
      title: `${p.name}: ${plural(p.virtualProcessors, 'virtual processor')}, nested in ${p.parent}: they run on ${p.parent}’s VPs and are not counted against the host`,
      position: index.position(p.name),
    });
  }

  const legend: LegendItem[] = kept.map((p) => ({ name: p.name, colour: index.colour(p.name), detail: `${plural(p.virtualProcessors, 'VP')} · ${percent(p.virtualProcessors, lps)}${affinityText(p)}`, partition: p.name, position: index.position(p.name) }));
  if (rest.length > 0) legend.push({ name: plural(rest.length, 'more child', 'more children'), colour: 'c-more', detail: `${plural(restVps, 'VP')} · ${percent(restVps, lps)}`, variant: 'more' });
  for (const n of nested) legend.push({ name: n.name, colour: n.colour, detail: `${plural(n.vps, 'VP')} nested in ${n.parent}`, partition: n.name, position: n.position, variant: 'nested' });
  const nestedLeft = nestedShares.length - nested.length;
  if (nestedLeft > 0) legend.push({ name: plural(nestedLeft, 'more nested partition'), colour: 'c-more', detail: `${plural(nestedShares.filter((p) => !nested.some((n) => n.name === p.name)).reduce((s, p) => s + p.virtualProcessors, 0), 'VP')} on their parents’ VPs`, variant: 'nested' });
  if (free > 0) legend.push({ name: 'no guest VP', colour: 'c-free', detail: `${plural(free, 'LP')} · ${percent(free, lps)}` });
  for (const p of unplaced.slice(0, UNPLACED_LISTED)) legend.push({ name: p.name, colour: index.colour(p.name), detail: `${plural(p.virtualProcessors, 'VP')} not counted: no valid parent`, partition: p.name, position: index.position(p.name), variant: 'unplaced' });
  if (unplaced.length > UNPLACED_LISTED) legend.push({ name: plural(unplaced.length - UNPLACED_LISTED, 'more partition'), colour: 'c-more', detail: 'not counted: no valid parent', variant: 'unplaced' });

  const ratio = proc.overcommitRatio;
  const limit = proc.overcommitLimit;
  const stats: StatView[] = [
    {
      id: 'vp-ratio',
      label: 'Guest VP:LP ratio (children of the root)',
      value: `${fixed(ratio)} : 1`,
      detail: `${plural(proc.childVirtualProcessors, 'guest VP')} on ${plural(lps, 'LP')} · limit ${fixed(limit)} : 1`,
      over: limit > 0 && ratio > limit,
      fraction: limit > 0 ? ratio / limit : 0,
    },
  ];

  const view: ProcessorsView = {
    summary: `${plural(guestVps, 'guest VP')} on ${plural(lps, 'logical processor')}${guestVps > lps ? ': more VPs than LPs, so they share the LPs by time-slicing' : ''}`,
    bar: {
      id: 'processors-bar',
      ariaLabel: 'Guest VPs by partition against the host’s logical processors',
      scale,
      host: lps,
      hostLabel: plural(lps, 'LP'),
      unit: 'vps',
      overflow: guestVps > lps,
      segments,
    },
    nested,
    legend,
    stats,
  };
  if (root) view.root = rootView(root, lps, index);
  return view;
}

/** The root's VPs on their own bar: by default Hyper-V gives the root a VP on every LP, and guest VPs time-share with them. */
function rootView(root: ProcessorShare, lps: number, index: PartitionIndex): NonNullable<ProcessorsView['root']> {
  const vps = root.virtualProcessors;
  const segments: BarSegment[] = [
    {
      owner: root.name,
      kind: 'root',
      amount: Math.min(vps, Math.max(lps, 1)),
      colour: 'c-root',
      label: { name: root.name, amount: plural(vps, 'VP') },
      title: `${root.name}: ${plural(vps, 'virtual processor')} on ${plural(lps, 'host LP')}${affinityText(root)}`,
      position: index.position(root.name),
    },
  ];
  if (lps > vps) {
    segments.push({ owner: 'free', kind: 'free', amount: lps - vps, colour: 'c-free', label: { name: 'no root VP', amount: plural(lps - vps, 'LP') }, title: `${plural(lps - vps, 'logical processor')} without a root VP` });
  }
  const text =
    vps >= lps
      ? `${root.name} runs ${plural(vps, 'VP')}, one on each LP: guest VPs time-share the LPs with them, so they are not counted against the guests’`
      : `${root.name} runs ${plural(vps, 'VP')} on ${plural(lps, 'LP')} (a minimum root): guest VPs time-share the LPs with them`;
  return {
    name: root.name,
    vps,
    text,
    position: index.position(root.name),
    bar: { id: 'root-vps-bar', ariaLabel: 'The root’s VPs on the host’s logical processors', scale: Math.max(lps, 1), host: lps, hostLabel: plural(lps, 'LP'), unit: 'vps', overflow: false, segments },
  };
}

function affinityText(p: ProcessorShare): string {
  return p.affinity.length > 0 ? ` · affinity LPs ${ranges(p.affinity)}` : '';
}

// -------------------------------------------------------------------------------------- memory

export function memoryView(model: AllocationModel, index: PartitionIndex): MemoryView {
  const mem = model.memory;
  const host = mem.host;
  const modelSegments = mem.segments;
  const reserve = modelSegments.find((s) => s.kind === 'hypervisor')?.bytes ?? 0;
  const rootSegment = modelSegments.find((s) => s.kind === 'root');
  const children = modelSegments.filter((s) => s.kind === 'child');
  const segments: BarSegment[] = [];
  const legend: LegendItem[] = [];

  if (reserve > 0) {
    segments.push({ owner: 'hypervisor', kind: 'hypervisor', amount: reserve, colour: 'c-hv', label: { name: 'hypervisor', amount: formatBytes(reserve) }, title: `hypervisor reserve — ${exactBytes(reserve)}, ${percent(reserve, host)} of host memory` });
    legend.push({ name: 'hypervisor', colour: 'c-hv', detail: `reserve ${formatBytes(reserve)}` });
  }

  // The root's share: what it states, or (when it states none) its reserve; the rest is free for new children.
  let rootShare = 0;
  if (rootSegment) {
    const stated = rootSegment.bytes;
    rootShare = rootSegment.implicit ? Math.min(stated, mem.rootMinimum) : stated;
    const what = rootSegment.implicit
      ? `${rootSegment.owner}: ${formatBytes(rootShare)}, its reserve (rootMemoryMinimum); it states no memory and also uses what no child has`
      : `${rootSegment.owner}: ${formatBytes(rootShare)}`;
    segments.push({ owner: rootSegment.owner, kind: 'root', amount: rootShare, colour: 'c-root', label: { name: rootSegment.owner, amount: formatBytes(rootShare) }, title: `${what} — ${exactBytes(rootShare)}, ${percent(rootShare, host)} of host memory`, position: index.position(rootSegment.owner) });
    legend.push({ name: rootSegment.owner, colour: 'c-root', detail: `${formatBytes(rootShare)}${rootSegment.implicit ? ' reserve (states no memory)' : ''} · ${percent(rootShare, host)}`, partition: rootSegment.owner, position: index.position(rootSegment.owner) });
  }

  const { kept, rest } = largest(children, BAR_CHILDREN, (s) => s.maximum ?? s.bytes);
  for (const s of kept) {
    const what = s.dynamic
      ? `${s.owner}: dynamic memory, ${formatBytes(s.bytes)} at startup (range ${formatBytes(s.minimum ?? s.bytes)} – ${formatBytes(s.maximum ?? s.bytes)})`
      : `${s.owner}: ${formatBytes(s.bytes)}`;
    segments.push({ owner: s.owner, kind: 'child', amount: s.bytes, colour: index.colour(s.owner), label: { name: s.owner, amount: formatBytes(s.bytes) }, title: `${what} — ${exactBytes(s.bytes)}, ${percent(s.bytes, host)} of host memory`, position: index.position(s.owner) });
    const growth = s.dynamic ? Math.max(0, (s.maximum ?? s.bytes) - s.bytes) : 0;
    if (growth > 0) {
      segments.push({ owner: s.owner, kind: 'growth', amount: growth, colour: index.colour(s.owner), title: `${s.owner}: may grow by ${formatBytes(growth)} to its maximum ${formatBytes(s.maximum ?? s.bytes)} — ${exactBytes(growth)}`, position: index.position(s.owner) });
    }
    legend.push(
      s.dynamic
        ? { name: s.owner, colour: index.colour(s.owner), detail: `${formatBytes(s.bytes)} startup · ${formatBytes(s.minimum ?? s.bytes)} – ${formatBytes(s.maximum ?? s.bytes)} dynamic`, partition: s.owner, position: index.position(s.owner) }
        : { name: s.owner, colour: index.colour(s.owner), detail: `${formatBytes(s.bytes)} · ${percent(s.bytes, host)}`, partition: s.owner, position: index.position(s.owner) },
    );
  }
  if (rest.length > 0) {
    const bytes = rest.reduce((n, s) => n + s.bytes, 0);
    const growth = rest.reduce((n, s) => n + (s.dynamic ? Math.max(0, (s.maximum ?? s.bytes) - s.bytes) : 0), 0);
    const what = `${plural(rest.length, 'more child', 'more children')} (${formatBytes(bytes)})`;
    segments.push({ owner: 'more', kind: 'more', amount: bytes, colour: 'c-more', label: { name: what, amount: '' }, title: `${what}: the smaller children of the root, together — ${exactBytes(bytes)}` });
    if (growth > 0) segments.push({ owner: 'more', kind: 'growth', amount: growth, colour: 'c-more', title: `the ${plural(rest.length, 'more child', 'more children')} may grow by ${formatBytes(growth)} to their maximums` });
    legend.push({ name: plural(rest.length, 'more child', 'more children'), colour: 'c-more', detail: `${formatBytes(bytes)}${growth > 0 ? ` · up to ${formatBytes(bytes + growth)}` : ''} · ${percent(bytes, host)}`, variant: 'more' });
  }

  const shown = segments.reduce((n, s) => n + s.amount, 0);
  const committed = reserve + rootShare + children.reduce((n, s) => n + s.bytes, 0);
  const freeAtStartup = Math.max(0, host - committed);
  const free = Math.max(0, host - shown);
  if (free > 0) {
    const atStartup = free === freeAtStartup ? '' : ` (${formatBytes(freeAtStartup)} at startup)`;
    segments.push({ owner: 'free', kind: 'free', amount: free, colour: 'c-free', label: { name: 'free', amount: formatBytes(free) }, title: `free for new children: ${formatBytes(free)} with every dynamic child at its maximum${atStartup} — ${exactBytes(free)}` });
  }
  legend.push({ name: 'free', colour: 'c-free', detail: freeAtStartup === 0 ? 'none' : `${formatBytes(freeAtStartup)} for new children${free !== freeAtStartup ? ` · ${formatBytes(free)} with dynamic children at maximum` : ''}` });

  const ratio = mem.overcommitRatio;
  const view: MemoryView = {
    summary: `${formatBytes(committed)} committed of ${formatBytes(host)} (${percent(committed, host)})`,
    bar: { id: 'memory-bar', ariaLabel: 'Memory by owner', scale: Math.max(host, shown, 1), host, hostLabel: `host ${formatBytes(host)}`, unit: 'bytes', overflow: shown > host, segments },
    legend,
    stats: [
      {
        id: 'memory-ratio',
        label: 'Memory at maximum',
        value: `${fixed(ratio)} × host`,
        detail: `${formatBytes(mem.committedAtMaximum)} of ${formatBytes(host)} with every dynamic child at its maximum`,
        over: ratio > 1,
        fraction: ratio,
      },
    ],
  };
  if (mem.shortfall > 0) view.shortfall = `Committed memory (${formatBytes(mem.committed)}) exceeds host memory (${formatBytes(host)}) by ${formatBytes(mem.shortfall)}: the partitions cannot all start.`;
  return view;
}
