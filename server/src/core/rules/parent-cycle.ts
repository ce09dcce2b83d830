import type { Partition } from '../model/types';
import type { Rule } from './rule';

/**
 * The partition a `parent` link leads to, for cycle detection: the first partition of that name.
 * The root's own `parent` is ignored everywhere (root-has-no-parent), so a chain that reaches the root ends.
 */
function next(p: Partition, byName: ReadonlyMap<string, Partition>): Partition | undefined {
  if (p.isRoot || p.parentName === undefined) return undefined;
  return byName.get(p.parentName);
}

/** Every loop of `parent` links, each as its members in link order (a self-parent is a loop of one). */
function parentCycles(partitions: readonly Partition[], byName: ReadonlyMap<string, Partition>): Partition[][] {
  const state = new Map<Partition, 'active' | 'done'>();
  const cycles: Partition[][] = [];
  for (const start of partitions) {
    if (state.has(start)) continue;
    const path: Partition[] = [];
    let cur: Partition | undefined = start;
    while (cur && !state.has(cur)) {
      state.set(cur, 'active');
      path.push(cur);
      cur = next(cur, byName);
    }
    if (cur && state.get(cur) === 'active') cycles.push(path.slice(path.indexOf(cur)));
    for (const p of path) state.set(p, 'done');
  }
  return cycles;
}

/** parent-cycle (docs/rules/parent-cycle.md): following `parent` links loops; each `parent` value in the loop is reported once. */
export const parentCycle: Rule = {
  id: 'parent-cycle',
  severity: 'error',
  summary: 'Following `parent` links loops instead of ending at the root partition.',
  check({ model, report }) {
    const { locations } = model;
    const rootName = model.root?.name || 'root';
    for (const cycle of parentCycles(model.partitions, model.partitionByName)) {
      cycle.forEach((p, i) => {
        const range = locations.valueRange(p.raw, 'parent');
        if (cycle.length === 1) {
          report(range, `Partition "${p.name}" names itself as its parent, so its parent chain never reaches the root: set parent to "${rootName}" or to a nested host partition.`);
          return;
        }
        const loop = [...cycle.slice(i), ...cycle.slice(0, i), p].map((q) => q.name).join(' → ');
        const others = cycle.filter((q) => q !== p);
        report(
          range,
          `Partition "${p.name}" has parent "${p.parentName ?? ''}", and the parent links loop back to it (${loop}), so none of them reaches the root: point one of these parent links at "${rootName}".`,
          others.map((q) => ({ range: locations.valueRange(q.raw, 'parent'), message: `"${q.name}" has parent "${q.parentName ?? ''}"` })),
        );
      });
    }
  },
};
