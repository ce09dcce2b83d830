import type { Rule } from './rule';

export const rootMemoryLow: Rule = {
  id: 'root-memory-low',
  severity: 'warning',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
