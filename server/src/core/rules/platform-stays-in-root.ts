import type { Rule } from './rule';

export const platformStaysInRoot: Rule = {
  id: 'platform-stays-in-root',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
