import type { ReleaseId } from '../../core/model/releases';
import type { DeviceClass } from '../../core/model/types';
import type { Inventory, PartitionableGpu, PciDevice } from './types';

/**
 * What import and drift both read out of an inventory, the same way: the release of an OS build, a
 * device's layout class, PCI address and location path, layout names for VMs and switches, the PCI
 * device of a partitionable GPU.
 */

/** Windows Server builds and their Hyper-V releases (docs/format.md, `hypervisor.release`). */
const BUILDS: ReadonlyArray<[version: [number, number, number], release: ReleaseId]> = [
  [[6, 0, 6001], 'ws2008'],
  [[6, 1, 7600], 'ws2008r2'],
  [[6, 2, 9200], 'ws2012'],
  [[6, 3, 9600], 'ws2012r2'],
  [[10, 0, 14393], 'ws2016'],
  [[10, 0, 17763], 'ws2019'],
  [[10, 0, 20348], 'ws2022'],
  [[10, 0, 26100], 'ws2025'],
];
const KNOWN_BUILDS = new Set(['6.0.6001', '6.1.7600', '6.1.7601', '6.2.9200', '6.3.9600', '10.0.14393', '10.0.17763', '10.0.20348', '10.0.26100']);

export interface ReleaseOfBuild {
  release: ReleaseId;
  /** the version read, e.g. "10.0.20348" */
  version: string;
  /** the build is not one the table lists: the nearest earlier release was taken */
  nearest: boolean;
}

/** The release of the host's OS (Win32_OperatingSystem Version, else BuildNumber); undefined when unknown. */
export function releaseOfOs(os: Inventory['os']): ReleaseOfBuild | undefined {
  const parts = (os?.version ?? '').split('.').map((p) => Number(p));
  let v: [number, number, number] | undefined;
  if (parts.length >= 3 && parts.slice(0, 3).every((n) => Number.isInteger(n))) v = [parts[0], parts[1], parts[2]];
  else if (os?.buildNumber !== undefined) v = os.buildNumber >= 10240 ? [10, 0, os.buildNumber] : undefined;
  if (!v) return undefined;
  const cmp = (a: readonly number[], b: readonly number[]): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  let found: ReleaseId = BUILDS[0][1];
  for (const [build, release] of BUILDS) if (cmp(build, v) <= 0) found = release;
  const version = v.join('.');
  return { release: found, version, nearest: !KNOWN_BUILDS.has(version) };
}

/** PnP setup class → layout class. */
const PNP_CLASSES: Readonly<Record<string, DeviceClass>> = {
  display: 'gpu',
  net: 'network',
  scsiadapter: 'storage',
  hdc: 'storage',
  usb: 'usb',
  media: 'audio',
  ports: 'serial',
  system: 'platform',
};

export function layoutClass(pnpClass: string | undefined): DeviceClass {
  return PNP_CLASSES[(pnpClass ?? '').toLowerCase()] ?? 'other';
}

/** "PCI bus 3, device 0, function 0" → "0000:03:00.0" (segment 0). */
export function pciAddress(locationInfo: string | undefined): string | undefined {
  const m = /PCI bus (\d+), device (\d+), function (\d+)/i.exec(locationInfo ?? '');
  if (!m) return undefined;
  const [bus, device, fn] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bus > 255 || device > 31 || fn > 7) return undefined;
  const hex = (n: number): string => n.toString(16).padStart(2, '0');
  return `0000:${hex(bus)}:${hex(device)}.${fn}`;
}

/** The location path Hyper-V's assignment cmdlets take: the LocationPaths entry that starts with PCIROOT(. */
export function pciLocationPath(device: PciDevice): string | undefined {
  return device.locationPaths.find((p) => p.toUpperCase().startsWith('PCIROOT('));
}

/** Location paths compare without regard to case. */
export function sameLocation(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toUpperCase() === b.toUpperCase();
}

/**
 * The PCI device a partitionable GPU is: its Name is the device interface path
 * (`\\?\PCI#VEN_10DE&...#4&...&0010#{guid}`); without `\\?\` and `#{guid}`, with `#` read as `\`, it is
 * the device's InstanceId (case-insensitively).
 */
export function gpuDevice(gpu: PartitionableGpu, devices: readonly PciDevice[]): PciDevice | undefined {
  const id = gpuInstanceId(gpu.name);
  return devices.find((d) => d.instanceId.toUpperCase() === id);
}

function gpuInstanceId(name: string): string {
  return name
    .replace(/^\\\\\?\\/, '')
    .replace(/#\{[^}]*\}$/, '')
    .replace(/#/g, '\\')
    .toUpperCase();
}

/**
 * Layout names for host names: lower case, each run of other characters one `-`, trimmed; a name
 * taken already gets `-2`, `-3`... Used for VMs (with `root` taken by the root) and switches.
 */
export class NameMapper {
  private readonly taken = new Set<string>();

  constructor(
    reserved: readonly string[] = [],
    private readonly fallback = 'vm',
  ) {
    for (const r of reserved) this.taken.add(r);
  }

  add(original: string): string {
    const base =
      original
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || this.fallback;
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}-${n}`;
    this.taken.add(name);
    return name;
  }
}

/** The layout names of an inventory's VMs and switches, in inventory order (as import writes them). */
export function inventoryNames(inv: Inventory): { vms: string[]; switches: string[] } {
  const vms = new NameMapper(['root'], 'vm');
  const switches = new NameMapper([], 'switch');
  return { vms: inv.vms.map((v) => vms.add(v.name)), switches: inv.switches.map((s) => switches.add(s.name)) };
}
