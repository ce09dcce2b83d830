import type { Rule } from './rule';

export const mmioSpace: Rule = {
  id: 'mmio-space',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
