import type { RelatedInfo } from '../types';
import type { Rule } from './rule';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface FirstSeen {
  label: string;
  device: Record<string, unknown>;
}

/** The keys that name one piece of hardware, and how messages speak of them. */
const HARDWARE_KEYS = [
  { key: 'address', what: 'PCI address', fix: 'one PCI function is one device: correct the address (domain:bus:device.function) or remove the duplicate entry.' },
  { key: 'locationPath', what: 'location path', fix: "a PCI location path names one device: correct it (copy the PCIROOT entry of the device's Location Paths) or remove the duplicate entry." },
] as const;

/** docs/rules/unique-device.md: two host devices share an `id`, a PCI `address` or a `locationPath`; the later one is reported. */
export const uniqueDevice: Rule = {
  id: 'unique-device',
  severity: 'error',
  summary: 'Two host devices share an `id`, a PCI `address` or a `locationPath`.',
  check({ model, report }) {
    const { locations } = model;
    const ids = new Map<string, Record<string, unknown>>();
    const hardware = { address: new Map<string, FirstSeen>(), locationPath: new Map<string, FirstSeen>() };
    for (const d of model.raw.devices ?? []) {
      if (!isObj(d)) continue;
      const id = typeof d.id === 'string' ? d.id : undefined;
      if (id !== undefined) {
        const first = ids.get(id);
        if (first) {
          const related: RelatedInfo[] = [{ range: locations.valueRange(first, 'id'), message: `first device with id "${id}"` }];
          report(locations.valueRange(d, 'id'), `Device id "${id}" is already used by an earlier entry of host.devices; partitions refer to devices by id, so each id names one device: rename this device (or remove the duplicate entry).`, related);
        } else ids.set(id, d);
      }
      const self = id !== undefined ? `Device "${id}"` : 'This device';
      const label = id !== undefined ? `device "${id}"` : 'an earlier device';
      // PCI addresses and location paths are hex: the same function written in another case is one device.
      for (const k of HARDWARE_KEYS) {
        const value = d[k.key];
        if (typeof value !== 'string') continue;
        const seen = hardware[k.key];
        const first = seen.get(value.toUpperCase());
        if (!first) {
          seen.set(value.toUpperCase(), { label, device: d });
          continue;
        }
        report(locations.valueRange(d, k.key), `${self} has ${k.what} "${value}", which ${first.label} already has; ${k.fix}`, [
          { range: locations.valueRange(first.device, k.key), message: `${first.label} has this ${k.what}` },
        ]);
      }
    }
  },
};
