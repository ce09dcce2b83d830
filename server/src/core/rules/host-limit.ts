import type { Rule } from './rule';

export const hostLimit: Rule = {
  id: 'host-limit',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
