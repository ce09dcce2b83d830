import type { Rule } from './rule';

export const affinityRange: Rule = {
  id: 'affinity-range',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
