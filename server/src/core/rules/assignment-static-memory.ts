import type { Rule } from './rule';

export const assignmentStaticMemory: Rule = {
  id: 'assignment-static-memory',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
