import { lpEntry } from '../model/build';
import type { Partition } from '../model/types';
import type { RelatedInfo } from '../types';
import type { Rule } from './rule';
import { partitionLabel, partitionSubject } from './partition-label';
import { formatRanges } from '../util/ranges';

interface Pinned {
  partition: Partition;
  set: unknown[];
  /** LP -> index of the first entry that names it */
  byLp: Map<number, number>;
}

/** True when `a` is a nested (non-root) ancestor of `b`: b's VPs can only run on a's, so sharing LPs is expected. */
function nestedAncestor(a: Partition, b: Partition): boolean {
  const seen = new Set<Partition>();
  for (let p = b.parent; p && !p.isRoot && !seen.has(p); p = p.parent) {
    if (p === a) return true;
    seen.add(p);
  }
  return false;
}

/** `"web"` -> `partition "web"`; `partition #3` stays as it is. */
const withNoun = (label: string): string => (label.startsWith('"') ? `partition ${label}` : label);

/** [8, 9, 10, 12] -> "LPs 8-10, 12"; [9] -> "LP 9". */
function lpList(lps: number[]): string {
  return `${new Set(lps).size === 1 ? 'LP' : 'LPs'} ${formatRanges(lps)}`;
}

export const affinityOverlap: Rule = {
  id: 'affinity-overlap',
  severity: 'warning',
  summary: 'Two partitions (the root included) pin their virtual processors to a common logical processor.',
  check({ model, report }) {
    const lps = model.host.logicalProcessors;
    // LPs past the host are affinity-range's finding; they cannot be shared.
    const onHost = (lp: number): boolean => lps <= 0 || lp < lps;
    const earlier: Pinned[] = [];
    for (const p of model.partitions) {
      const set = p.raw.processorAffinity;
      if (!Array.isArray(set)) continue;
      const byLp = new Map<number, number>();
      set.forEach((e, i) => {
        const mine = lpEntry(e).filter(onHost);
        const mineSet = new Set(mine);
        for (const lp of mine) if (!byLp.has(lp)) byLp.set(lp, i);
        const common: number[] = [];
        const related: RelatedInfo[] = [];
        const others: string[] = [];
        for (const other of earlier) {
          if (nestedAncestor(other.partition, p) || nestedAncestor(p, other.partition)) continue;
          const entries = new Set<number>();
          for (const lp of mine) {
            const j = other.byLp.get(lp);
            if (j === undefined) continue;
            common.push(lp);
            entries.add(j);
          }
          if (entries.size === 0) continue;
          others.push(partitionLabel(other.partition));
          for (const j of [...entries].sort((a, b) => a - b)) {
            related.push({
              range: model.locations.itemRange(other.set, j),
              message: `${withNoun(partitionLabel(other.partition))} pins ${lpList(lpEntry(other.set[j]).filter((lp) => mineSet.has(lp)))} here`,
            });
          }
        }
        if (others.length === 0) return;
        const entry = typeof e === 'string' ? ` (entry "${e}")` : '';
        const whom = others.length === 1 ? `${withNoun(others[0])} is` : `partitions ${others.slice(0, -1).join(', ')} and ${others[others.length - 1]} are`;
        report(
          model.locations.itemRange(set, i),
          `${partitionSubject(p)} pins ${lpList(common)}${entry} that ${whom} also pinned to; give each partition its own LPs or drop one of the affinities.`,
          related,
        );
      });
      earlier.push({ partition: p, set, byLp });
    }
  },
};
