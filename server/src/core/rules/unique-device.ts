import type { RelatedInfo } from '../types';
import type { Rule } from './rule';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** unique-device (docs/rules/unique-device.md): two host devices share an `id` or a PCI `address`; the later one is reported. */
export const uniqueDevice: Rule = {
  id: 'unique-device',
  severity: 'error',
  summary: 'Two host devices share an `id`, or a PCI `address`.',
  check({ model, report }) {
    const { locations } = model;
    const ids = new Map<string, Record<string, unknown>>();
    // PCI addresses are hex: 0000:65:00.0 and 0000:65:00.0 written in another case are one function.
    const addresses = new Map<string, { label: string; device: Record<string, unknown> }>();
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
      if (typeof d.address === 'string') {
        const key = d.address.toLowerCase();
        const first = addresses.get(key);
        const self = id !== undefined ? `Device "${id}"` : 'This device';
        if (first) {
          report(
            locations.valueRange(d, 'address'),
            `${self} has PCI address "${d.address}", which ${first.label} already has; one PCI function is one device: correct the address (domain:bus:device.function) or remove the duplicate entry.`,
            [{ range: locations.valueRange(first.device, 'address'), message: `${first.label} has this address` }],
          );
        } else addresses.set(key, { label: id !== undefined ? `device "${id}"` : 'an earlier device', device: d });
      }
    }
  },
};
