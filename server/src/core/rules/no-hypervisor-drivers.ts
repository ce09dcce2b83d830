import type { Rule } from './rule';

/** no-hypervisor-drivers (docs/rules/no-hypervisor-drivers.md): a microkernelized hypervisor lists drivers. */
export const noHypervisorDrivers: Rule = {
  id: 'no-hypervisor-drivers',
  severity: 'error',
  summary: 'A microkernelized hypervisor lists drivers in `hypervisor.drivers`; it runs no device drivers itself.',
  check({ model, report }) {
    // Only when the layout says microkernelized: a missing or invalid model is the schema's problem.
    if (model.raw.hypervisor?.model !== 'microkernelized') return;
    for (const d of model.drivers) {
      report(
        d.range,
        `Driver "${d.value}" is listed under hypervisor.drivers, but a microkernelized hypervisor runs no device drivers (each device's driver runs in the partition that owns it): remove it here and set it as the device's driver in host.devices, or set model: monolithic if that is the design.`,
      );
    }
  },
};
