import type { Rule } from './rule';
import { partitionLabel as label, partitionSubject as subject } from './partition-label';


/** parent-can-host (docs/rules/parent-can-host.md): a `parent` names a partition that is neither the root nor a nested host. */
export const parentCanHost: Rule = {
  id: 'parent-can-host',
  severity: 'error',
  summary: 'A `parent` names a partition that is neither the root nor has `virtualizationStack: true`, so it cannot create child partitions.',
  check({ model, report }) {
    const { locations } = model;
    const rootName = model.root?.name || 'root';
    for (const p of model.partitions) {
      if (p.isRoot || p.parentName === undefined) continue;
      const target = model.partitionByName.get(p.parentName);
      if (!target) {
        const extra = model.extraRoots.find((r) => r.name === p.parentName);
        if (extra) {
          report(
            locations.valueRange(p.raw, 'parent'),
            `${subject(p)} has parent "${p.parentName}", a second root partition that is left out of the layout (see single-root): set parent to "${rootName}", the root.`,
            [{ range: locations.valueRange(extra.raw, 'role'), message: `${label(extra)} is an extra root` }],
          );
        }
        continue; // an unknown name is parent-exists
      }
      // A partition naming itself is a cycle (parent-cycle), not a hosting problem.
      if (target === p || target.isRoot || target.virtualizationStack) continue;
      // A virtualizationStack that is not a boolean is the schema's finding: whether it can host is unknown.
      const stack = target.raw.virtualizationStack;
      if (stack !== undefined && typeof stack !== 'boolean') continue;
      report(
        locations.valueRange(p.raw, 'parent'),
        `${subject(p)} has parent ${label(target)}, a child partition without virtualizationStack: true, which cannot create partitions: set parent to "${rootName}" (the root), or set virtualizationStack: true on ${label(target)} for nested virtualization.`,
        [{ range: locations.valueRange(target.raw, 'name'), message: `${label(target)} runs no virtualization stack` }],
      );
    }
  },
};
