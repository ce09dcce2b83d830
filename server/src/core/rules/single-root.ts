import type { Rule } from './rule';

export const singleRoot: Rule = {
  id: 'single-root',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
