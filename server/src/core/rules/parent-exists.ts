import { didYouMean } from '../util/suggest';
import type { Rule } from './rule';
import { partitionLabel as label, partitionSubject as subject } from './partition-label';


/** parent-exists (docs/rules/parent-exists.md): a child's `parent` names no partition. */
export const parentExists: Rule = {
  id: 'parent-exists',
  severity: 'error',
  summary: 'A child partition\'s `parent` names no partition of the layout.',
  check({ model, report }) {
    const extraRootNames = new Set(model.extraRoots.map((p) => p.name));
    for (const p of model.partitions) {
      if (p.isRoot || p.parentName === undefined) continue;
      const target = p.parentName;
      // A second root exists but is left out of the layout: parent-can-host explains that one.
      if (model.partitionByName.has(target) || extraRootNames.has(target)) continue;
      // Valid parents: the root and partitions that run a virtualization stack (nested hosts).
      const hosts = model.partitions.filter((h) => h !== p && h.name !== '' && (h.isRoot || h.virtualizationStack)).map((h) => h.name);
      const rootHint = model.root && model.root.name ? `${label(model.root)} (the root)` : 'the root partition';
      report(
        model.locations.valueRange(p.raw, 'parent'),
        `${subject(p)} has parent "${target}", which names no partition: set it to ${rootHint} or to a partition with virtualizationStack: true${didYouMean(target, hosts) || '.'}`,
      );
    }
  },
};
