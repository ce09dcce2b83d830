import type { Rule } from './rule';

export const rootHasNoParent: Rule = {
  id: 'root-has-no-parent',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
