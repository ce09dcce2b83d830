import type { Rule } from './rule';
import { partitionLabel as label, partitionSubject as subject } from './partition-label';


/** single-root (docs/rules/single-root.md): exactly one partition has `role: root` (docs/allocation-json.md: extra roots are left out of the model). */
export const singleRoot: Rule = {
  id: 'single-root',
  severity: 'error',
  summary: 'Zero partitions, or more than one, have `role: root`: a host has exactly one root partition.',
  check({ model, report }) {
    const { locations } = model;
    const root = model.root;
    if (!root) {
      // Only a real list of partitions can lack a root; a missing or mistyped `partitions` is the schema's.
      if (!model.raw.partitions) return;
      report(
        locations.keyRange(model.raw.root, 'partitions'),
        'No partition has role: root; the hypervisor boots exactly one root partition, which runs the virtualization stack and owns every device not assigned to a child: add one (name: root, role: root) or change one partition\'s role to root.',
      );
      return;
    }
    const rootRole = locations.valueRange(root.raw, 'role');
    for (const extra of model.extraRoots) {
      const name = subject(extra);
      report(
        locations.valueRange(extra.raw, 'role'),
        `${name} is a second root partition (${label(root)} is the root) and is left out of the layout; a host has exactly one root: change its role to child with parent: ${root.name || 'root'}, or remove it.`,
        [{ range: rootRole, message: `the root partition ${label(root)}` }],
      );
    }
  },
};
