import type { Rule } from './rule';

export const generation2NeedsEnlightened: Rule = {
  id: 'generation2-needs-enlightened',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
