import type { LayoutModel, Partition } from '../model/types';
import { limitOrigin, raiseOrLater } from './host-limit';
import type { Rule } from './rule';

interface Passed {
  limit: number;
  /** what sets the limit: the rest of the sentence after "but " */
  because: string;
  /** another fix than lowering virtualProcessors, if any */
  orElse?: string;
}

/** Every limit a partition's written VP count passes, tightest first (ties: host, parent, release). */
function passedLimits(model: LayoutModel, p: Partition, vps: number): Passed[] {
  const out: Passed[] = [];
  const lps = model.host.logicalProcessors;
  if (lps > 0 && vps > lps) out.push({ limit: lps, because: `the host has only ${lps} logical processors` });
  const parent = p.parent;
  if (parent && !parent.isRoot && parent.virtualizationStack && parent.vps > 0 && vps > parent.vps) {
    out.push({
      limit: parent.vps,
      because: `its parent "${parent.name}" has only ${parent.vps}, and a nested partition's VPs run on its parent's VPs`,
      orElse: `give "${parent.name}" more`,
    });
  }
  // A hypervisor.limits override written but not valid, or a generation that is neither 1 nor 2, is the
  // schema's finding: the limit meant is unknown, so only the host's LPs and the parent's VPs are checked.
  const generationKnown = p.raw.generation === undefined || p.raw.generation === 1 || p.raw.generation === 2;
  if (p.isRoot) {
    const limit = model.limits.rootVirtualProcessors;
    if (vps > limit && !model.ignoredLimits.has('rootVirtualProcessors')) {
      out.push({ limit, because: `${limitOrigin(model, 'rootVirtualProcessors')} allows at most ${limit} for the root partition`, orElse: raiseOrLater(model, 'rootVirtualProcessors', vps) });
    }
  } else if (generationKnown && (p.generation === 1 || model.features.generation2)) {
    // A generation the release lacks (generation: 2 on ws2012 and earlier) is release-feature's finding.
    const key = p.generation === 2 ? 'vpsPerPartitionGen2' : 'vpsPerPartitionGen1';
    const limit = model.limits[key];
    if (limit !== undefined && vps > limit && !model.ignoredLimits.has(key)) {
      const gen2 = model.limits.vpsPerPartitionGen2;
      const toGen2 = p.generation === 1 && model.features.generation2 && gen2 !== undefined && gen2 >= vps;
      out.push({
        limit,
        because: `${limitOrigin(model, key)} allows at most ${limit} for a generation ${p.generation} partition`,
        orElse: toGen2 ? 'make it generation 2' : raiseOrLater(model, key, vps),
      });
    }
  }
  return out.sort((a, b) => a.limit - b.limit);
}

export const vpLimit: Rule = {
  id: 'vp-limit',
  severity: 'error',
  summary: "A partition has more virtual processors than the host's LPs, the release's root or per-generation limit, or (nested) its parent's VPs.",
  check({ model, report }) {
    for (const p of model.partitions) {
      const vps = p.virtualProcessors;
      if (vps === undefined) continue;
      const [tightest] = passedLimits(model, p, vps);
      if (!tightest) continue;
      const id = p.name ? `"${p.name}"` : `#${p.index + 1}`;
      const who = p.isRoot ? `Root partition ${id}` : p.parent?.virtualizationStack && !p.parent.isRoot ? `Nested partition ${id}` : `Partition ${id}`;
      const fix = `lower virtualProcessors to ${tightest.limit} or less${tightest.orElse ? `, or ${tightest.orElse}` : ''}`;
      report(model.locations.valueRange(p.raw, 'virtualProcessors'), `${who} has ${vps} virtual processors but ${tightest.because}; ${fix}.`);
    }
  },
};
