import type { Partition } from '../model/types';
import type { Rule } from './rule';

/** unique-name (docs/rules/unique-name.md): two partitions share a name; the later `name` value is reported. */
export const uniqueName: Rule = {
  id: 'unique-name',
  severity: 'error',
  summary: 'Two partitions share a name; parent links, hovers and the allocation refer to partitions by name.',
  check({ model, report }) {
    const { locations } = model;
    const first = new Map<string, Partition>();
    // Extra roots are left out of every computation but single-root (docs/allocation-json.md).
    for (const p of model.partitions) {
      if (typeof p.raw.name !== 'string' || p.name === '') continue;
      const earlier = first.get(p.name);
      if (!earlier) {
        first.set(p.name, p);
        continue;
      }
      const what = earlier.isRoot ? 'the root partition' : 'an earlier child partition';
      report(
        locations.valueRange(p.raw, 'name'),
        `Partition name "${p.name}" is already used by ${what}; names must be unique because parent links and the allocation refer to partitions by name: rename this partition (and the parent links meant for it).`,
        [{ range: locations.valueRange(earlier.raw, 'name'), message: `first partition named "${p.name}"` }],
      );
    }
  },
};
