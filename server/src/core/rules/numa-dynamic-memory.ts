import type { Rule } from './rule';

export const numaDynamicMemory: Rule = {
  id: 'numa-dynamic-memory',
  severity: 'info',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
