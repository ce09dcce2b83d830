import type { Rule } from './rule';

export const deviceExists: Rule = {
  id: 'device-exists',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
