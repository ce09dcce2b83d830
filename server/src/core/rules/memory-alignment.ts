import type { Rule } from './rule';

export const memoryAlignment: Rule = {
  id: 'memory-alignment',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
