import type { Rule } from './rule';

export const parentCanHost: Rule = {
  id: 'parent-can-host',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
