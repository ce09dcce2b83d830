import type { Rule } from './rule';

export const assignableDevice: Rule = {
  id: 'assignable-device',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
