import type { LayoutModel, Partition, Raw } from '../core/model/types';
import { formatBytes, parseSize } from '../core/util/sizes';
import { applyDirectives, findDirectives } from '../core/suppress';
import type { Finding, SeveritySetting, TextRange } from '../core/types';
import { applySeverities, type ValidateResult } from '../core/validate';
import { DEFAULT_MMIO } from './import';
import { hostDevices, type HostDevice } from './inventory/host-devices';
import { inventoryNames, releaseOfOs, sameLocation } from './inventory/host-facts';
import type { Inventory, Vm } from './inventory/types';

/**
 * `partition-lint drift`: what differs between a layout and a host's inventory, as findings anchored
 * on the layout (the value that differs, or the key enclosing a default the layout relies on). Matching
 * is by the import's names (VMs, switches), devices by location path, else PCI address. Only the host
 * and the children of the root are compared: nested children run inside their parent.
 */

type Report = (rule: string, range: TextRange, message: string) => void;

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const quoted = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', '));

/**
 * The drift findings as a user sees them: with the layout's rule severities (settings, config file,
 * --rule) and its suppression comments applied, sorted by position.
 */
export function driftReport(result: ValidateResult & { model: LayoutModel }, inv: Inventory, rules: Readonly<Record<string, SeveritySetting>>): Finding[] {
  const findings = applyDirectives(applySeverities(driftFindings(result.model, inv), rules), findDirectives(result.parsed.text, result.parsed.lines), result.parsed.lines, false);
  return findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

function driftFindings(model: LayoutModel, inv: Inventory): Finding[] {
  const out: Finding[] = [];
  const report: Report = (rule, range, message) => void out.push({ rule, severity: 'error', message, range });
  const ctx = new DriftContext(model, inv, report);
  ctx.host();
  ctx.partitions();
  ctx.switches();
  ctx.gpus();
  ctx.assignments();
  return out;
}

class DriftContext {
  private readonly loc;
  private readonly names;
  private readonly devices: HostDevice[];
  private readonly hostRaw: Raw;
  /** the root's children in the layout, with the VM of the same name */
  private readonly pairs: Array<{ p: Partition; vm?: Vm }>;

  constructor(
    private readonly model: LayoutModel,
    private readonly inv: Inventory,
    private readonly report: Report,
  ) {
    this.loc = model.locations;
    this.names = inventoryNames(inv);
    this.devices = hostDevices(inv);
    this.hostRaw = model.raw.host ?? {};
    const root = model.root;
    this.pairs = model.partitions
      .filter((p) => !p.isRoot && root !== undefined && p.parent === root)
      .map((p) => ({ p, vm: this.vmNamed(p.name) }));
  }

  private vmNamed(name: string): Vm | undefined {
    const i = this.names.vms.indexOf(name);
    return i === -1 ? undefined : this.inv.vms[i];
  }

  /** The value of `key` in `obj`, else the key that encloses `obj` (where the layout relies on a default). */
  private at(obj: Raw | undefined, key: string, enclosing: TextRange): TextRange {
    return obj !== undefined && key in obj ? this.loc.valueRange(obj, key) : enclosing;
  }

  private partitionAnchor(p: Partition): TextRange {
    return 'name' in p.raw ? this.loc.valueRange(p.raw, 'name') : this.loc.rangeOf(p.raw);
  }

  host(): void {
    const { model, inv } = this;
    const hostKey = this.loc.keyRange(model.raw.root, 'host');
    const h = inv.vmHost;
    if (model.host.logicalProcessors > 0 && model.host.logicalProcessors !== h.logicalProcessorCount) {
      this.report('drift-host', this.at(this.hostRaw, 'logicalProcessors', hostKey), `The layout gives the host ${model.host.logicalProcessors} logical processors; the host has ${h.logicalProcessorCount} (Get-VMHost LogicalProcessorCount).`);
    }
    if (model.host.memory > 0 && model.host.memory !== h.memoryCapacity) {
      this.report('drift-host', this.at(this.hostRaw, 'memory', hostKey), `The layout gives the host ${formatBytes(model.host.memory)} of memory; the host has ${formatBytes(h.memoryCapacity)} (${h.memoryCapacity} bytes, Get-VMHost MemoryCapacity).`);
    }
    if (inv.numaNodes.length > 0 && model.host.numaNodes !== inv.numaNodes.length) {
      this.report('drift-host', this.at(this.hostRaw, 'numaNodes', hostKey), `The layout gives the host ${plural(model.host.numaNodes, 'NUMA node')}${'numaNodes' in this.hostRaw ? '' : ' (the default)'}; the host has ${inv.numaNodes.length} (Get-VMHostNumaNode).`);
    }
    if (h.numaSpanningEnabled !== undefined && model.host.numaSpanning !== h.numaSpanningEnabled) {
      this.report('drift-host', this.at(this.hostRaw, 'numaSpanning', hostKey), `The layout has numaSpanning: ${model.host.numaSpanning}${'numaSpanning' in this.hostRaw ? '' : ' (the default)'}; on the host NUMA spanning is ${h.numaSpanningEnabled ? 'enabled' : 'disabled'} (Get-VMHost NumaSpanningEnabled).`);
    }
    const release = releaseOfOs(inv.os);
    if (release && release.release !== model.release.id) {
      const hv = model.raw.hypervisor;
      const anchor = this.at(hv, 'release', this.loc.keyRange(model.raw.root, 'hypervisor'));
      this.report('drift-host', anchor, `The layout's release is ${model.release.id}${hv && 'release' in hv ? '' : ' (the default)'}; the host runs OS build ${release.version}, which is ${release.release}.`);
    }
  }

  partitions(): void {
    for (const { p, vm } of this.pairs) {
      if (!vm) {
        this.report('drift-missing-partition', this.partitionAnchor(p), `Partition "${p.name}" is not a VM on the host: no VM there has this name (VM names are compared as import writes them).`);
        continue;
      }
      this.processors(p, vm);
      this.memory(p, vm);
      this.mmio(p, vm);
      this.adapters(p, vm);
      this.gpuPartition(p, vm);
    }
    const layoutNames = new Set(this.model.partitions.map((p) => p.name));
    const partitionsKey = this.loc.keyRange(this.model.raw.root, 'partitions');
    this.inv.vms.forEach((vm, i) => {
      const name = this.names.vms[i];
      if (layoutNames.has(name)) return;
      const shown = name === vm.name ? `"${vm.name}"` : `"${vm.name}" (named "${name}" in a layout)`;
      this.report('drift-extra-partition', partitionsKey, `The host has a VM ${shown} that the layout does not have.`);
    });
  }

  private processors(p: Partition, vm: Vm): void {
    if (p.virtualProcessors !== undefined && vm.processorCount !== undefined && p.virtualProcessors !== vm.processorCount) {
      this.report('drift-processors', this.loc.valueRange(p.raw, 'virtualProcessors'), `Partition "${p.name}" has ${p.virtualProcessors} virtual processors in the layout; VM "${vm.name}" has ${vm.processorCount} on the host.`);
    }
    if (vm.exposeVirtualizationExtensions !== undefined && p.virtualizationStack !== vm.exposeVirtualizationExtensions) {
      this.report(
        'drift-processors',
        this.at(p.raw, 'virtualizationStack', this.partitionAnchor(p)),
        `Partition "${p.name}" has virtualizationStack: ${p.virtualizationStack}${'virtualizationStack' in p.raw ? '' : ' (the default)'}; VM "${vm.name}" has ExposeVirtualizationExtensions ${vm.exposeVirtualizationExtensions ? '$true' : '$false'} on the host (Get-VMProcessor).`,
      );
    }
  }

  private memory(p: Partition, vm: Vm): void {
    const m = p.memory;
    const h = vm.memory;
    if (!m) return;
    const memKey = this.loc.keyRange(p.raw, 'memory');
    if (m.kind === 'static') {
      if (h.dynamicMemoryEnabled) {
        this.report('drift-memory', memKey, `Partition "${p.name}" has static memory (${formatBytes(m.bytes)}) in the layout; VM "${vm.name}" uses dynamic memory on the host (startup ${size(h.startup)}, minimum ${size(h.minimum)}, maximum ${size(h.maximum)}).`);
      } else if (h.startup !== undefined && h.startup !== m.bytes) {
        this.report('drift-memory', this.loc.valueRange(p.raw, 'memory'), `Partition "${p.name}" has ${formatBytes(m.bytes)} of memory in the layout; VM "${vm.name}" has ${formatBytes(h.startup)} on the host.`);
      }
      return;
    }
    if (!h.dynamicMemoryEnabled) {
      this.report('drift-memory', memKey, `Partition "${p.name}" has dynamic memory in the layout; VM "${vm.name}" has static memory (${size(h.startup)}) on the host.`);
      return;
    }
    const raw = isObj(p.raw.memory) ? p.raw.memory : undefined;
    const fields: Array<[key: 'startup' | 'minimum' | 'maximum', layout: number | undefined, host: number | undefined]> = [
      ['startup', m.startup, h.startup],
      ['minimum', m.minimum, h.minimum],
      ['maximum', m.maximum, h.maximum],
    ];
    for (const [key, layout, host] of fields) {
      if (layout === undefined || host === undefined || layout === host) continue;
      this.report('drift-memory', this.at(raw, key, memKey), `Partition "${p.name}" has memory.${key} ${formatBytes(layout)} in the layout; VM "${vm.name}" has ${formatBytes(host)} on the host.`);
    }
    if (m.buffer !== undefined && h.buffer !== undefined && m.buffer !== h.buffer) {
      this.report('drift-memory', this.at(raw, 'buffer', memKey), `Partition "${p.name}" has memory.buffer ${m.buffer}% in the layout; VM "${vm.name}" has ${h.buffer}% on the host.`);
    }
  }

  private mmio(p: Partition, vm: Vm): void {
    const space = isObj(p.raw.mmioSpace) ? p.raw.mmioSpace : undefined;
    const enclosing = 'mmioSpace' in p.raw ? this.loc.keyRange(p.raw, 'mmioSpace') : this.partitionAnchor(p);
    const sides: Array<[key: 'low' | 'high', host: number | undefined, setting: string]> = [
      ['low', vm.lowMemoryMappedIoSpace, 'LowMemoryMappedIoSpace'],
      ['high', vm.highMemoryMappedIoSpace, 'HighMemoryMappedIoSpace'],
    ];
    for (const [key, host, setting] of sides) {
      if (host === undefined) continue;
      const written = space && key in space ? parseSize(space[key])?.bytes : undefined;
      if (space && key in space && written === undefined) continue; // the schema reports it
      const layout = written ?? DEFAULT_MMIO[key];
      if (layout === host) continue;
      this.report('drift-mmio', this.at(space, key, enclosing), `Partition "${p.name}" has mmioSpace.${key} ${formatBytes(layout)}${written === undefined ? ' (the default)' : ''} in the layout; VM "${vm.name}" has ${formatBytes(host)} on the host (${setting}).`);
    }
  }

  private adapters(p: Partition, vm: Vm): void {
    const layout = list(p.raw.networkAdapters).filter((x): x is string => typeof x === 'string');
    const host: string[] = [];
    for (const a of vm.networkAdapters) {
      const i = a.switchName === undefined ? -1 : this.inv.switches.findIndex((s) => s.name === a.switchName);
      if (i !== -1) host.push(this.names.switches[i]);
    }
    const sorted = (xs: string[]): string => [...xs].sort().join('\n');
    if (sorted(layout) === sorted(host)) return;
    const anchor = 'networkAdapters' in p.raw ? this.loc.keyRange(p.raw, 'networkAdapters') : this.partitionAnchor(p);
    this.report('drift-switch', anchor, `Partition "${p.name}" has network adapters on ${quoted(layout)} in the layout; VM "${vm.name}" has them on ${quoted(host)} on the host.`);
  }

  private gpuPartition(p: Partition, vm: Vm): void {
    const layout = typeof p.raw.gpuPartition === 'string' ? p.raw.gpuPartition : undefined;
    const host = vm.gpuPartitionAdapters.length;
    if ((layout !== undefined) === host > 0) return;
    if (layout !== undefined) {
      this.report('drift-gpu-partition', this.loc.valueRange(p.raw, 'gpuPartition'), `Partition "${p.name}" has a partition of GPU "${layout}" in the layout; VM "${vm.name}" has no GPU partition adapter on the host.`);
    } else {
      this.report('drift-gpu-partition', this.partitionAnchor(p), `Partition "${p.name}" has no gpuPartition in the layout; VM "${vm.name}" has ${plural(host, 'GPU partition adapter')} on the host.`);
    }
  }

  switches(): void {
    const raw = list(this.hostRaw.switches);
    const seen = new Set<string>();
    raw.forEach((s) => {
      if (!isObj(s) || typeof s.name !== 'string') return;
      seen.add(s.name);
      const i = this.names.switches.indexOf(s.name);
      const host = i === -1 ? undefined : this.inv.switches[i];
      const nameAt = this.loc.valueRange(s, 'name');
      if (!host) {
        this.report('drift-switch', nameAt, `Switch "${s.name}" is not on the host: no virtual switch there has this name (switch names are compared as import writes them).`);
        return;
      }
      const type = typeof s.type === 'string' ? s.type : undefined;
      if (type !== undefined && host.switchType !== undefined && type !== host.switchType.toLowerCase()) {
        this.report('drift-switch', this.loc.valueRange(s, 'type'), `Switch "${s.name}" is ${type} in the layout; on the host "${host.name}" is ${host.switchType.toLowerCase()}.`);
        return;
      }
      if (host.switchType === 'External') {
        const layoutUplinks = list(s.devices).filter((x): x is string => typeof x === 'string');
        const hostUplinks = host.netAdapterInterfaceDescriptions.map((d) => this.devices.find((x) => x.class === 'network' && x.pci?.friendlyName === d));
        const layoutPaths = layoutUplinks.map((id) => this.layoutDeviceKey(id));
        // an uplink that is not among the inventory's devices cannot be compared (import says so)
        const known = hostUplinks.every((h) => h !== undefined);
        const same = layoutPaths.length === hostUplinks.length && layoutPaths.every((k) => k !== undefined && hostUplinks.some((h) => h !== undefined && this.matches(k, h)));
        if (known && !same) {
          const shown = host.netAdapterInterfaceDescriptions.map((d) => `"${d}"`).join(', ') || 'none';
          this.report('drift-switch', 'devices' in s ? this.loc.keyRange(s, 'devices') : nameAt, `Switch "${s.name}" has ${layoutUplinks.length === 0 ? 'no uplinks' : `the uplinks ${quoted(layoutUplinks)}`} in the layout; on the host its network adapters are ${shown}.`);
        }
      }
      const sriov = s.sriov === true;
      if (host.iovEnabled !== undefined && sriov !== host.iovEnabled) {
        this.report('drift-switch', this.at(s, 'sriov', nameAt), `Switch "${s.name}" has sriov: ${sriov}${'sriov' in s ? '' : ' (the default)'} in the layout; on the host SR-IOV is ${host.iovEnabled ? 'enabled' : 'disabled'} on it (IovEnabled).`);
      }
    });
    const anchor = 'switches' in this.hostRaw ? this.loc.keyRange(this.hostRaw, 'switches') : this.loc.keyRange(this.model.raw.root, 'host');
    this.inv.switches.forEach((s, i) => {
      const name = this.names.switches[i];
      if (seen.has(name)) return;
      const shown = name === s.name ? `"${s.name}"` : `"${s.name}" (named "${name}" in a layout)`;
      this.report('drift-switch', anchor, `The host has a ${s.switchType?.toLowerCase() ?? ''} virtual switch ${shown} that the layout does not have.`.replace('a  virtual', 'a virtual'));
    });
  }

  gpus(): void {
    for (const d of this.model.host.devices) {
      const written = d.raw.gpuPartitions;
      const key = this.layoutDeviceKey(d.id);
      const host = key ? this.devices.find((h) => this.matches(key, h)) : undefined;
      if (!host) continue;
      const layoutCount = typeof written === 'number' ? written : undefined;
      if (layoutCount === host.gpuPartitions) continue;
      const anchor = layoutCount !== undefined ? this.loc.valueRange(d.raw, 'gpuPartitions') : this.loc.valueRange(d.raw, 'id');
      const hostText = host.gpuPartitions === undefined ? 'is not partitioned on the host (Get-VMHostPartitionableGpu)' : `is split into ${plural(host.gpuPartitions, 'partition')} on the host (PartitionCount)`;
      this.report('drift-gpu-partition', anchor, `Device "${d.id}" has ${layoutCount === undefined ? 'no gpuPartitions' : `gpuPartitions: ${layoutCount}`} in the layout; it ${hostText}.`);
    }
  }

  /** How a layout device is found on the host: its location path, else its PCI address. */
  private layoutDeviceKey(id: string): { locationPath?: string; address?: string } | undefined {
    const d = this.model.host.deviceById.get(id);
    if (!d) return undefined;
    const locationPath = typeof d.raw.locationPath === 'string' ? d.raw.locationPath : undefined;
    if (locationPath === undefined && d.address === undefined) return undefined;
    return { locationPath, address: d.address };
  }

  private matches(key: { locationPath?: string; address?: string }, h: HostDevice): boolean {
    if (key.locationPath !== undefined) return sameLocation(key.locationPath, h.locationPath);
    return key.address !== undefined && h.address !== undefined && key.address.toLowerCase() === h.address.toLowerCase();
  }

  assignments(): void {
    // the VM each host device is assigned to, by location path
    const hostOwner = (h: HostDevice): Vm | undefined => this.inv.vms.find((vm) => vm.assignableDevices.some((a) => sameLocation(a.locationPath, h.locationPath)));
    const matched = new Set<HostDevice>();
    for (const d of this.model.host.devices) {
      const key = this.layoutDeviceKey(d.id);
      const host = key ? this.devices.find((h) => this.matches(key, h)) : undefined;
      const own = this.model.ownership.get(d.id);
      const layoutChild = own?.how === 'assigned' ? own.owner : undefined;
      const onRootChild = layoutChild !== undefined && this.pairs.some((x) => x.p === layoutChild);
      if (!host) {
        if (layoutChild && onRootChild && own?.listing) {
          this.report('drift-assignment', own.listing.ref.range, `Device "${d.id}" is assigned to "${layoutChild.name}" in the layout, but the host has no device at ${key?.locationPath ?? key?.address ?? 'its location (the layout gives it neither locationPath nor address)'}.`);
        }
        continue;
      }
      matched.add(host);
      const vm = hostOwner(host);
      const vmName = vm ? this.names.vms[this.inv.vms.indexOf(vm)] : undefined;
      if (layoutChild && own?.listing) {
        if (!onRootChild || vmName === layoutChild.name) continue;
        const where = vm ? `to VM "${vm.name}" on the host` : host.dismounted ? 'to no VM on the host (it is dismounted from the host, Get-VMHostAssignableDevice)' : 'to no VM on the host (the root has it)';
        this.report('drift-assignment', own.listing.ref.range, `Device "${d.id}" is assigned to "${layoutChild.name}" in the layout, but ${where}.`);
      } else if (vm) {
        this.report('drift-assignment', this.loc.valueRange(d.raw, 'id'), `Device "${d.id}" stays with the root in the layout, but the host assigns it to VM "${vm.name}" (Get-VMAssignableDevice).`);
      }
    }
    // devices the host assigns that the layout does not list at all
    for (const h of this.devices) {
      if (matched.has(h)) continue;
      const vm = hostOwner(h);
      if (!vm) continue;
      const name = this.names.vms[this.inv.vms.indexOf(vm)];
      const pair = this.pairs.find((x) => x.p.name === name);
      const anchor = pair ? ('devices' in pair.p.raw ? this.loc.keyRange(pair.p.raw, 'devices') : this.partitionAnchor(pair.p)) : this.loc.keyRange(this.model.raw.root, 'partitions');
      this.report('drift-assignment', anchor, `The host assigns the device at ${h.locationPath} to VM "${vm.name}", but the layout has no device with that location path.`);
    }
  }
}

function size(bytes: number | undefined): string {
  return bytes === undefined ? 'unknown' : formatBytes(bytes);
}
