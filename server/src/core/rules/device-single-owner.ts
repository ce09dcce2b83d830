import type { Rule } from './rule';

export const deviceSingleOwner: Rule = {
  id: 'device-single-owner',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
