import type { Rule } from './rule';

export const affinityOverlap: Rule = {
  id: 'affinity-overlap',
  severity: 'warning',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
