import type { Rule } from './rule';

export const iommuGroupSplit: Rule = {
  id: 'iommu-group-split',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
