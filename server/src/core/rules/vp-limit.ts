import type { Rule } from './rule';

export const vpLimit: Rule = {
  id: 'vp-limit',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
