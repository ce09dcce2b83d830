import type { Rule } from './rule';

export const memoryFitsParent: Rule = {
  id: 'memory-fits-parent',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
