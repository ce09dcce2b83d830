import type { RelatedInfo, TextRange } from '../types';
import type { Rule } from './rule';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SPEC §5 unique-device: two host devices share an `id` or a PCI `address`; the later one is reported. */
export const uniqueDevice: Rule = {
  id: 'unique-device',
  severity: 'error',
  summary: 'Two host devices share an `id`, or a PCI `address`.',
  check({ model, report }) {
    const { locations } = model;
    const ids = new Map<string, TextRange>();
    // PCI addresses are hex: 0000:65:00.0 and 0000:65:00.0 written in another case are one function.
    const addresses = new Map<string, { label: string; range: TextRange }>();
    for (const d of model.raw.devices ?? []) {
      if (!isObj(d)) continue;
      const id = typeof d.id === 'string' ? d.id : undefined;
      if (id !== undefined) {
        const first = ids.get(id);
        const range = locations.valueRange(d, 'id');
        if (first) {
          const related: RelatedInfo[] = [{ range: first, message: `first device with id "${id}"` }];
          report(range, `Device id "${id}" is already used by an earlier entry of host.devices; partitions refer to devices by id, so each id names one device: rename this device (or remove the duplicate entry).`, related);
        } else ids.set(id, range);
      }
      if (typeof d.address === 'string') {
        const key = d.address.toLowerCase();
        const first = addresses.get(key);
        const range = locations.valueRange(d, 'address');
        const self = id !== undefined ? `Device "${id}"` : 'This device';
        if (first) {
          report(
            range,
            `${self} has PCI address "${d.address}", which ${first.label} already has; one PCI function is one device: correct the address (domain:bus:device.function) or remove the duplicate entry.`,
            [{ range: first.range, message: `${first.label} has this address` }],
          );
        } else addresses.set(key, { label: id !== undefined ? `device "${id}"` : 'an earlier device', range });
      }
    }
  },
};
