import type { Rule } from './rule';

export const memoryFitsHost: Rule = {
  id: 'memory-fits-host',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
