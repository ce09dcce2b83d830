import type { Rule } from './rule';

/** SPEC §5 parent-can-host: a `parent` names a partition that is neither the root nor a nested host. */
export const parentCanHost: Rule = {
  id: 'parent-can-host',
  severity: 'error',
  summary: 'A `parent` names a partition that is neither the root nor has `virtualizationStack: true`, so it cannot create child partitions.',
  check({ model, report }) {
    const { locations } = model;
    const rootName = model.root?.name || 'root';
    for (const p of model.partitions) {
      if (p.isRoot || p.parentName === undefined) continue;
      const range = locations.valueRange(p.raw, 'parent');
      const target = model.partitionByName.get(p.parentName);
      if (!target) {
        const extra = model.extraRoots.find((r) => r.name === p.parentName);
        if (extra) {
          report(
            range,
            `Partition "${p.name}" has parent "${p.parentName}", a second root partition that is left out of the layout (see single-root): set parent to "${rootName}", the root.`,
            [{ range: locations.valueRange(extra.raw, 'role'), message: `"${extra.name}" is an extra root` }],
          );
        }
        continue; // an unknown name is parent-exists
      }
      // A partition naming itself is a cycle (parent-cycle), not a hosting problem.
      if (target === p || target.isRoot || target.virtualizationStack) continue;
      report(
        range,
        `Partition "${p.name}" has parent "${target.name}", a child partition without virtualizationStack: true, which cannot create partitions: set parent to "${rootName}" (the root), or set virtualizationStack: true on "${target.name}" for nested virtualization.`,
        [{ range: locations.valueRange(target.raw, 'name'), message: `"${target.name}" runs no virtualization stack` }],
      );
    }
  },
};
