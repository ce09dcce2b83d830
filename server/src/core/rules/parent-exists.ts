import type { Rule } from './rule';

export const parentExists: Rule = {
  id: 'parent-exists',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
