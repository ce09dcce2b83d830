import type { Rule } from './rule';

export const sizeUnitAmbiguous: Rule = {
  id: 'size-unit-ambiguous',
  severity: 'warning',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
