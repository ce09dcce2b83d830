import type { Rule } from './rule';

export const nestedStaticMemory: Rule = {
  id: 'nested-static-memory',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
