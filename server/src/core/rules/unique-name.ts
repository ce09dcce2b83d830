import type { Rule } from './rule';

export const uniqueName: Rule = {
  id: 'unique-name',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
