import type { Rule } from './rule';

export const memoryOvercommit: Rule = {
  id: 'memory-overcommit',
  severity: 'info',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
