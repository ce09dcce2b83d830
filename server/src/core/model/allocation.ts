import type { LineIndex } from '../parse/lines';
import type { Finding } from '../types';
import { mmioSideState, type MmioSideState } from '../rules/mmio-advice';
import { perHostLimit } from '../rules/per-host-limit';
import type { AllocationModel, HostLimitRow, MemorySegment, MmioSideRow, PartitionRow, SourcePosition } from './allocation-types';
import type { LayoutModel, MmioSide, Partition } from './types';

/** The allocation JSON of a model (docs/allocation-json.md); `findings` give the problem counts. */
export function allocationModel(model: LayoutModel, findings: readonly Finding[], lines: LineIndex): AllocationModel {
  const host = model.host;
  const root = model.root;
  const rootChildren = root ? root.children : [];
  const pos = (offset: number): SourcePosition => {
    const p = lines.position(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const partitionStart = (p: Partition): number => model.locations.rangeOf(p.raw).start;

  const childVps = rootChildren.reduce((s, c) => s + c.vps, 0);
  const share = (n: number): number => (host.logicalProcessors > 0 ? n / host.logicalProcessors : 0);

  const segments: MemorySegment[] = [];
  segments.push({ owner: 'hypervisor', kind: 'hypervisor', bytes: model.reserve });
  if (root) segments.push({ owner: root.name, kind: 'root', bytes: root.memoryBytes, ...(root.memoryImplicit ? { implicit: true } : {}) });
  for (const c of rootChildren) {
    const m = c.memory;
    if (m?.kind === 'dynamic') segments.push({ owner: c.name, kind: 'child', bytes: c.memoryBytes, dynamic: true, minimum: m.minimum ?? c.memoryBytes, maximum: m.maximum ?? c.memoryBytes });
    else segments.push({ owner: c.name, kind: 'child', bytes: c.memoryBytes });
  }
  const committed = segments.reduce((s, x) => s + x.bytes, 0);
  segments.push({ owner: 'free', kind: 'free', bytes: Math.max(0, host.memory - committed) });
  const committedAtMaximum = model.reserve + (root?.memoryBytes ?? 0) + rootChildren.reduce((s, c) => s + c.memoryMaxBytes, 0);

  const nodes = Math.max(1, host.numaNodes);
  const perNode = { logicalProcessors: Math.floor(host.logicalProcessors / nodes), memory: Math.floor(host.memory / nodes) };

  const problems = { error: 0, warning: 0, info: 0 };
  for (const f of findings) problems[f.severity]++;

  const partitionRow = (p: Partition): PartitionRow => {
    const m = p.memory;
    const memory: PartitionRow['memory'] =
      m?.kind === 'dynamic'
        ? { kind: 'dynamic', bytes: p.memoryBytes, minimum: m.minimum ?? p.memoryBytes, maximum: m.maximum ?? p.memoryBytes }
        : { kind: 'static', bytes: p.memoryBytes, ...(p.memoryImplicit ? { implicit: true } : {}) };
    return {
      name: p.name,
      role: p.isRoot ? 'root' : 'child',
      ...(p.isRoot || p.parentName === undefined ? {} : { parent: p.parentName }),
      generation: p.generation,
      enlightened: p.enlightened,
      ...(p.os === undefined ? {} : { os: p.os }),
      virtualProcessors: p.vps,
      memory,
      devices: p.devices.map((d) => d.value),
      synthetic: p.synthetic.map((s) => s.value),
      networkAdapters: p.networkAdapters.map((a) => a.value),
      ...(p.gpuPartition ? { gpuPartition: p.gpuPartition.value } : {}),
      virtualizationStack: p.virtualizationStack,
      position: pos(partitionStart(p)),
    };
  };

  const monolithic = model.hypervisorModel === 'monolithic';
  return {
    format: 'partition-layout.allocation/v1',
    layout: model.name,
    release: { id: model.release.id, title: model.release.title },
    hypervisorModel: model.hypervisorModel,
    processors: {
      hostLogicalProcessors: host.logicalProcessors,
      partitions: model.partitions.map((p) => ({
        name: p.name,
        role: p.isRoot ? 'root' : 'child',
        ...(p.isRoot || p.parentName === undefined ? {} : { parent: p.parentName }),
        nested: !p.isRoot && p.parent !== undefined && !p.parent.isRoot,
        virtualProcessors: p.vps,
        affinity: p.affinity,
        share: share(p.vps),
      })),
      childVirtualProcessors: childVps,
      overcommitRatio: share(childVps),
      overcommitLimit: model.limits.vpOvercommitRatio,
    },
    memory: {
      host: host.memory,
      segments,
      committed,
      shortfall: Math.max(0, committed - host.memory),
      committedAtMaximum,
      overcommitRatio: host.memory > 0 ? committedAtMaximum / host.memory : 0,
      rootMinimum: model.limits.rootMemoryMinimum,
    },
    hostLimits: {
      virtualProcessors: hostLimit(model, 'hostVirtualProcessors', childVps),
      runningPartitions: hostLimit(model, 'runningPartitions', rootChildren.length),
    },
    numa: {
      nodes,
      spanning: host.numaSpanning,
      perNode,
      partitions: rootChildren.map((c) => ({
        name: c.name,
        virtualProcessors: c.vps,
        memory: c.memoryMaxBytes,
        fitsOneNode: c.vps <= perNode.logicalProcessors && c.memoryMaxBytes <= perNode.memory,
      })),
    },
    devices: [...model.ownership.values()].map((o) => ({
      id: o.device.id,
      class: o.device.class,
      ...(o.device.address === undefined ? {} : { address: o.device.address }),
      ...(o.device.locationPath === undefined ? {} : { locationPath: o.device.locationPath }),
      ...(o.device.driver === undefined ? {} : { driver: o.device.driver }),
      ...(o.owner ? { owner: o.owner.name } : {}),
      how: o.how,
      // docs/allocation-json.md: a device's driver runs in its owner. A monolithic hypervisor drives the devices it keeps
      // itself, but a directly assigned device is driven by the guest it is passed through to.
      ...(o.device.driver === undefined ? {} : { driverRunsIn: monolithic && o.how !== 'assigned' ? 'hypervisor' : o.owner?.name }),
      listedBy: o.childListings.map((l) => l.partition.name),
      backs: o.backs.map((b) => ({ class: b.class, partitions: b.partitions.map((p) => p.name) })),
      ...(o.uplinkOf ? { uplinkOf: o.uplinkOf.name } : {}),
      position: pos(model.locations.rangeOf(o.device.raw).start),
    })),
    switches: host.switches.map((sw) => ({
      name: sw.name,
      ...(sw.type ? { type: sw.type } : {}),
      uplinks: sw.uplinks.map((d) => d.id),
      sriov: sw.sriov,
      partitions: sw.users.map((p) => p.name),
      position: pos(model.locations.rangeOf(sw.raw).start),
    })),
    gpuPartitions: model.gpus.map((g) => ({
      gpu: g.device.id,
      offered: g.offered,
      used: g.users.length,
      partitions: g.users.map((p) => p.name),
      position: pos(model.locations.rangeOf(g.device.raw).start),
    })),
    mmio: model.partitions.flatMap((p) => (p.mmio ? [{ partition: p.name, devices: p.mmio.devices.map((d) => d.id), high: mmioSide(p.mmio.high, mmioSideState(p, 'high')), low: mmioSide(p.mmio.low, mmioSideState(p, 'low')) }] : [])),
    partitions: model.partitions.map(partitionRow),
    problems,
  };
}

/** One side of a child's MMIO space, with the MMIO rules' judgement of it. */
function mmioSide(s: MmioSide, state: MmioSideState | undefined): MmioSideRow {
  return { needed: s.needed, set: s.has, default: !s.explicit, recommended: s.recommended, state: state ?? 'ok' };
}

/** `used` against a per-host limit, counted as host-vp-limit and running-partition-limit count it (docs/rules/). */
function hostLimit(model: LayoutModel, key: 'hostVirtualProcessors' | 'runningPartitions', used: number): HostLimitRow {
  const applies = perHostLimit(model, key);
  if (!applies) return { used };
  return { used, limit: applies.limit, ...(applies.origin === model.release.title ? {} : { overridden: true as const }) };
}
