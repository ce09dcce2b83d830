import type { Rule } from './rule';

export const syntheticNeedsRootDevice: Rule = {
  id: 'synthetic-needs-root-device',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
