import type { Rule } from './rule';

export const releaseFeature: Rule = {
  id: 'release-feature',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
