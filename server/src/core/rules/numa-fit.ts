import type { Rule } from './rule';

export const numaFit: Rule = {
  id: 'numa-fit',
  severity: 'warning',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
