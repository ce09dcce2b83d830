import type { Rule } from './rule';

export const parentCycle: Rule = {
  id: 'parent-cycle',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
