import type { Rule } from './rule';

export const assignmentNeedsIommu: Rule = {
  id: 'assignment-needs-iommu',
  severity: 'error',
  summary: 'TODO',
  check() {
    // TODO: not implemented yet
  },
};
