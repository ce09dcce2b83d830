import type { Rule } from './rule';

export const vpOvercommit: Rule = {
  id: 'vp-overcommit',
  severity: 'warning',
  summary: "The root's children have more virtual processors in all than vpOvercommitRatio (default 8) times the host's logical processors.",
  check({ model, report }) {
    const root = model.root;
    const lps = model.host.logicalProcessors;
    // A vpOvercommitRatio written but not valid is the schema's finding: the ratio meant is unknown.
    if (!root || lps <= 0 || !model.raw.partitions || model.ignoredLimits.has('vpOvercommitRatio')) return;
    // Nested children run on their parent's VPs, so only the root's own children load the host LPs.
    const children = root.children;
    const total = children.reduce((sum, c) => sum + c.vps, 0);
    const ratio = model.limits.vpOvercommitRatio;
    // VPs are whole: the most the ratio allows is the budget rounded down (1.5 × 3 LPs allows 4).
    const budget = Math.floor(ratio * lps);
    if (total <= budget) return;
    report(
      model.locations.keyRange(model.raw.root, 'partitions'),
      `The root's ${children.length} children have ${total} virtual processors on ${lps} host logical processors (${formatRatio(total / lps, ratio)}:1), above the vpOvercommitRatio of ${ratio}:1 (at most ${budget}); lower their virtualProcessors, or raise hypervisor.limits.vpOvercommitRatio if this density is intended.`,
    );
  },
};

/** A ratio to two decimals, or more where two would round it down to the threshold it passes (8.004, not 8.0). */
function formatRatio(r: number, threshold: number): string {
  let digits = 2;
  while (digits < 6 && Number(r.toFixed(digits)) <= threshold) digits++;
  return String(Number(r.toFixed(digits)));
}
