import type { Rule } from './rule';

export const memoryLimit: Rule = {
  id: 'memory-limit',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
