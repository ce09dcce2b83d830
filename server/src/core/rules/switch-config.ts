import type { Raw } from '../model/types';
import type { Rule } from './rule';

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A switch's own configuration (docs/rules/switch-config.md): unique names; an external switch is
 * bound to at least one adapter, internal and private ones to none; SR-IOV only on an external switch
 * of a host with an IOMMU.
 */
export const switchConfig: Rule = {
  id: 'switch-config',
  severity: 'error',
  summary: 'Two switches share a name, an external switch has no `devices`, an internal or private switch lists devices, or `sriov: true` is on a switch that is not external or on a host without `iommu: true`.',
  check({ model, report }) {
    const loc = model.locations;
    const seen = new Map<string, Raw>();
    for (const s of model.raw.switches ?? []) {
      if (!isObj(s)) continue;
      const name = typeof s.name === 'string' ? s.name : undefined;
      const label = name !== undefined ? `Switch "${name}"` : 'This switch';
      if (name !== undefined) {
        const first = seen.get(name);
        if (first) {
          report(loc.valueRange(s, 'name'), `Switch name "${name}" is already used by an earlier entry of host.switches; networkAdapters name switches, so each name is one switch: rename this switch or remove the duplicate.`, [
            { range: loc.valueRange(first, 'name'), message: `first switch named "${name}"` },
          ]);
        } else seen.set(name, s);
      }
      const devices = Array.isArray(s.devices) ? s.devices : undefined;
      if (s.type === 'external' && (devices === undefined || devices.length === 0)) {
        report(loc.valueRange(s, 'type'), `${label} is external but lists no network adapter in devices: bind it to at least one network device of host.devices, or make it internal or private if it needs no physical network.`);
      }
      if ((s.type === 'internal' || s.type === 'private') && devices !== undefined && devices.length > 0) {
        report(loc.keyRange(s, 'devices'), `${label} is ${s.type} but lists devices: only an external switch is bound to physical network adapters; remove devices, or make it external.`);
      }
      if (s.sriov === true) {
        if (s.type === 'internal' || s.type === 'private') {
          report(loc.valueRange(s, 'sriov'), `${label} is ${s.type} but has sriov: true: SR-IOV gives children virtual functions of the switch's physical adapter, so only an external switch can have it; remove sriov or make the switch external.`);
        } else if (!model.host.iommu) {
          report(loc.valueRange(s, 'sriov'), `${label} has sriov: true but the host has no IOMMU (host.iommu is not true): SR-IOV needs the IOMMU's DMA and interrupt remapping; set host.iommu: true if the hardware has it enabled, or remove sriov.`);
        }
      }
    }
  },
};
