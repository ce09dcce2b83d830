import type { Rule } from './rule';

export const uniqueDevice: Rule = {
  id: 'unique-device',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
