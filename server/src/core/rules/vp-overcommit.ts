import type { Rule } from './rule';

export const vpOvercommit: Rule = {
  id: 'vp-overcommit',
  severity: 'warning',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
