import type { AllocationModel, DeviceRow, HostLimitRow, MemorySegment, MmioSideRow } from '../core/model/allocation-types';
import { formatBytes } from '../core/util/sizes';
import { formatRanges } from '../core/util/ranges';
import { table } from './table';

/** `partition-lint allocation FILE` as readable text: processors, memory, NUMA, device ownership, switches, GPU partitions, MMIO. */
export function formatAllocationText(m: AllocationModel): string {
  const out: string[] = [];
  const p = m.problems;
  out.push(`Layout ${m.layout}: ${m.release.title} (${m.release.id}), ${m.hypervisorModel} hypervisor`);
  out.push(`Problems: ${count(p.error, 'error')}, ${count(p.warning, 'warning')}, ${count(p.info, 'info')}${p.error + p.warning + p.info > 0 ? ' (run partition-lint check on the file for details)' : ''}`);
  out.push('');

  const lps = m.processors.hostLogicalProcessors;
  out.push(`Processors: ${count(lps, 'logical processor')}`);
  out.push(
    ...table(
      ['partition', 'role', 'parent', 'VPs', 'share of LPs', 'affinity'],
      m.processors.partitions.map((x) => [x.name, x.role, x.parent ?? '', String(x.virtualProcessors), x.nested ? `nested in ${x.parent ?? '?'}` : percent(x.share), formatRanges(x.affinity)]),
      '  ',
      ['l', 'l', 'l', 'r', 'r', 'l'],
    ),
  );
  const ratio = m.processors.overcommitRatio;
  out.push(
    `  VP:LP ratio (VPs of the root's children per host LP): ${m.processors.childVirtualProcessors}:${lps} = ${ratioText(ratio)} (warning above ${m.processors.overcommitLimit})${ratio > m.processors.overcommitLimit ? '  OVERCOMMITTED' : ''}`,
  );
  out.push('');

  out.push("Host limits (the root's children):");
  out.push(`  virtual processors: ${limitText(m.hostLimits.virtualProcessors)}`);
  out.push(`  running partitions: ${limitText(m.hostLimits.runningPartitions)}`);
  out.push('');

  const host = m.memory.host;
  out.push(`Memory: ${formatBytes(host)} (${host.toLocaleString('en-US')} bytes)`);
  out.push(
    ...table(
      ['owner', 'kind', 'memory', 'share', 'notes'],
      m.memory.segments.map((s) => [s.owner, s.kind === 'hypervisor' ? 'reserve' : s.kind, formatBytes(s.bytes), host > 0 ? percent(s.bytes / host) : '-', segmentNote(s)]),
      '  ',
      ['l', 'l', 'r', 'r', 'l'],
    ),
  );
  out.push(`  committed ${formatBytes(m.memory.committed)} of ${formatBytes(host)}${host > 0 ? ` (${percent(m.memory.committed / host)})` : ''}`);
  if (m.memory.shortfall > 0) out.push(`  SHORT by ${formatBytes(m.memory.shortfall)}: the partitions need more memory than the host has`);
  out.push(`  memory overcommit ratio (every dynamic child at its maximum): ${formatBytes(m.memory.committedAtMaximum)} / ${formatBytes(host)} = ${ratioText(m.memory.overcommitRatio)}`);
  out.push('');

  const n = m.numa;
  out.push(
    `NUMA: ${count(n.nodes, 'node')}, ${count(n.perNode.logicalProcessors, 'LP')} and ${formatBytes(n.perNode.memory)} per node; ${n.spanning ? 'partitions may span nodes' : 'spanning is off: each child must fit one node'}`,
  );
  if (n.partitions.length > 0) {
    out.push(
      ...table(
        ['partition', 'VPs', 'memory (max)', 'fits one node'],
        n.partitions.map((x) => [x.name, String(x.virtualProcessors), formatBytes(x.memory), x.fitsOneNode ? 'yes' : 'no']),
        '  ',
        ['l', 'r', 'r', 'l'],
      ),
    );
  }
  out.push('');

  out.push(`Devices: ${m.devices.length}`);
  if (m.devices.length > 0) {
    out.push(
      ...table(
        ['device', 'class', 'address', 'owner', 'driver runs in', 'how'],
        m.devices.map((d) => [d.id, d.class, d.address ?? '-', d.owner ?? '(none: no root)', d.driver === undefined ? '-' : `${d.driver} in ${d.driverRunsIn ?? '?'}`, how(d)]),
      ),
    );
  }
  out.push(...deviceUseSections(m));
  return `${out.join('\n')}\n`;
}

/** Virtual switches, GPU partitions and MMIO: each section only when the layout has some. */
function deviceUseSections(m: AllocationModel): string[] {
  const out: string[] = [];
  if (m.switches.length > 0) {
    out.push('', `Virtual switches: ${m.switches.length}`);
    out.push(
      ...table(
        ['switch', 'type', 'uplinks', 'SR-IOV', 'children on it'],
        m.switches.map((s) => [s.name, s.type ?? '?', s.uplinks.join(', ') || '-', s.sriov ? 'yes' : 'no', s.partitions.join(', ') || '-']),
      ),
    );
  }
  if (m.gpuPartitions.length > 0) {
    out.push('', `GPU partitions: ${m.gpuPartitions.length} partitionable ${m.gpuPartitions.length === 1 ? 'GPU' : 'GPUs'}`);
    out.push(
      ...table(
        ['GPU', 'used / offered', 'children'],
        m.gpuPartitions.map((g) => [g.gpu, `${g.used} / ${g.offered}${g.used > g.offered ? '  OVER' : ''}`, g.partitions.join(', ') || '-']),
      ),
    );
  }
  if (m.mmio.length > 0) {
    out.push('', 'MMIO space of children with assigned devices (needed / set / Microsoft recommends):');
    const side = (x: MmioSideRow): string => `${formatBytes(x.needed)} / ${formatBytes(x.set)}${x.default ? ' (default)' : ''} / ${formatBytes(x.recommended)}${MMIO_STATE_TEXT[x.state]}`;
    out.push(...table(['partition', 'devices', 'high', 'low'], m.mmio.map((x) => [x.partition, x.devices.join(', '), side(x.high), side(x.low)])));
  }
  return out;
}

/** What the text adds after a side of a child's MMIO space, by how the MMIO rules judge it. */
const MMIO_STATE_TEXT: Record<MmioSideRow['state'], string> = { ok: '', short: ' (SHORT)', 'no-buffer': ' (no buffer)', 'not-below-4GiB': ' (NOT BELOW 4 GiB)', invalid: ' (not a size)' };

/** assigned / root by default / root (listed), the switch it is an uplink of, then any synthetic classes the device backs. */
function how(d: DeviceRow): string {
  const base = d.how === 'assigned' ? 'assigned' : d.how === 'root-listed' ? 'root (listed)' : 'root by default';
  const conflict = d.listedBy.length > 1 ? `; also listed by ${d.listedBy.slice(1).join(', ')}` : '';
  const uplink = d.uplinkOf === undefined ? '' : `; uplink of switch ${d.uplinkOf}`;
  const backs = d.backs.map((b) => `; backs synthetic ${b.class} for ${b.partitions.join(', ')}`).join('');
  return `${base}${conflict}${uplink}${backs}`;
}

/** "80 of 2048 (3.9%)", "… (hypervisor.limits)", "… OVER by 4", or "12 (no limit applies)". */
function limitText(x: HostLimitRow): string {
  if (x.limit === undefined) return `${x.used} (no limit applies)`;
  const over = x.used > x.limit ? `  OVER by ${x.used - x.limit}` : '';
  return `${x.used} of ${x.limit}${x.limit > 0 ? ` (${percent(x.used / x.limit)})` : ''}${x.overridden ? ' set by hypervisor.limits' : ''}${over}`;
}

function segmentNote(s: MemorySegment): string {
  if (s.dynamic) return `dynamic: startup counted, ${formatBytes(s.minimum ?? s.bytes)} to ${formatBytes(s.maximum ?? s.bytes)}`;
  if (s.implicit) return 'implicit: what the reserve and the children leave';
  return '';
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function ratioText(x: number): string {
  return x.toFixed(2);
}

