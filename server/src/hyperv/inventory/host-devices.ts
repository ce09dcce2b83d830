import type { DeviceClass } from '../../core/model/types';
import { MiB } from '../../core/util/sizes';
import { gpuDevice, layoutClass, pciAddress, pciLocationPath, sameLocation } from './host-facts';
import type { Inventory, PciDevice } from './types';

/**
 * The host devices of an inventory as a layout lists them: every present PCI device, then each device
 * dismounted from the host (Get-VMHostAssignableDevice, or assigned to a VM) that is not among them.
 */
export interface HostDevice {
  id: string;
  class: DeviceClass;
  address?: string;
  locationPath?: string;
  /** dismounted or assigned to a VM: it supports direct assignment */
  assignable: boolean;
  /** MmioBytes rounded up to MiB, in bytes */
  mmio?: number;
  gpuPartitions?: number;
  /** the PnP device, when present */
  pci?: PciDevice;
  /** not among the present PCI devices: dismounted from the host */
  dismounted?: { instanceId?: string };
}

const PREFIX: Readonly<Record<DeviceClass, string>> = {
  gpu: 'gpu',
  network: 'nic',
  storage: 'storage',
  usb: 'usb',
  audio: 'audio',
  serial: 'serial',
  platform: 'sys',
  other: 'dev',
};

function prefix(cls: DeviceClass, device: PciDevice | undefined): string {
  if (cls === 'storage' && /\bNVM(e| Express)\b/i.test(device?.friendlyName ?? '')) return 'nvme';
  return PREFIX[cls];
}

export function hostDevices(inv: Inventory): HostDevice[] {
  const counters = new Map<string, number>();
  const nextId = (p: string): string => {
    const n = counters.get(p) ?? 0;
    counters.set(p, n + 1);
    return `${p}${n}`;
  };
  const dismountedPaths = [...inv.assignableDevices, ...inv.vms.flatMap((v) => v.assignableDevices)];
  const isDismounted = (path: string | undefined): boolean => dismountedPaths.some((d) => sameLocation(d.locationPath, path));
  const out: HostDevice[] = [];
  for (const pci of inv.pciDevices) {
    const cls = layoutClass(pci.pnpClass);
    const locationPath = pciLocationPath(pci);
    const gpu = inv.gpus.find((g) => gpuDevice(g, [pci]) !== undefined);
    out.push({
      id: nextId(prefix(cls, pci)),
      class: cls,
      address: pciAddress(pci.locationInfo),
      locationPath,
      assignable: isDismounted(locationPath),
      mmio: pci.mmioBytes !== undefined && pci.mmioBytes > 0 ? Math.ceil(pci.mmioBytes / MiB) * MiB : undefined,
      gpuPartitions: cls === 'gpu' && gpu?.partitionCount !== undefined && gpu.partitionCount > 0 ? gpu.partitionCount : undefined,
      pci,
    });
  }
  for (const d of dismountedPaths) {
    if (d.locationPath === undefined || out.some((h) => sameLocation(h.locationPath, d.locationPath))) continue;
    out.push({ id: nextId(PREFIX.other), class: 'other', locationPath: d.locationPath, assignable: true, dismounted: { instanceId: d.instanceId } });
  }
  return out;
}
