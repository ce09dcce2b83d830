import type { Rule } from './rule';

export const dynamicMemoryRange: Rule = {
  id: 'dynamic-memory-range',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
