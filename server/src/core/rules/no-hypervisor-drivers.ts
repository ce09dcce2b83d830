import type { Rule } from './rule';

export const noHypervisorDrivers: Rule = {
  id: 'no-hypervisor-drivers',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
