import type { Rule } from './rule';

export const syntheticNeedsEnlightened: Rule = {
  id: 'synthetic-needs-enlightened',
  severity: 'warning',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
