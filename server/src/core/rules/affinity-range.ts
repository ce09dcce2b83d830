import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

/** The bounds an LP set entry names: `3`, or `"4-7"` as written (not expanded); undefined if malformed. */
function bounds(e: unknown): { low: number; high: number } | undefined {
  if (typeof e === 'number' && Number.isInteger(e) && e >= 0) return { low: e, high: e };
  if (typeof e !== 'string') return undefined;
  const m = /^([0-9]+)-([0-9]+)$/.exec(e);
  return m ? { low: Number(m[1]), high: Number(m[2]) } : undefined;
}

export const affinityRange: Rule = {
  id: 'affinity-range',
  severity: 'error',
  summary: "processorAffinity names a logical processor outside the host's 0..logicalProcessors-1 (or a range written backwards).",
  check({ model, report }) {
    const lps = model.host.logicalProcessors;
    if (lps <= 0) return;
    const valid = lps === 1 ? 'LP 0' : `LPs 0-${lps - 1}`;
    for (const p of model.partitions) {
      const set = p.raw.processorAffinity;
      if (!Array.isArray(set)) continue;
      set.forEach((e, i) => {
        const b = bounds(e);
        if (!b) return; // not an LP entry: the schema reports it
        const range = model.locations.itemRange(set, i);
        if (b.low > b.high) {
          report(range, `${partitionSubject(p)} is pinned to "${String(e)}", a range written backwards that names no LP; write it low to high as "${b.high}-${b.low}".`);
        } else if (b.high >= lps) {
          const what = b.low === b.high ? `LP ${b.high}` : `"${String(e)}", which reaches LP ${b.high},`;
          report(range, `${partitionSubject(p)} is pinned to ${what} but the host has ${lps} logical processors (${valid}); keep processorAffinity within ${valid} or raise host.logicalProcessors.`);
        }
      });
    }
  },
};
