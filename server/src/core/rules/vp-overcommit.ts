import type { Rule } from './rule';

export const vpOvercommit: Rule = {
  id: 'vp-overcommit',
  severity: 'warning',
  summary: "The root's children have more virtual processors in all than vpOvercommitRatio (default 8) times the host's logical processors.",
  check({ model, report }) {
    const root = model.root;
    const lps = model.host.logicalProcessors;
    if (!root || lps <= 0 || !model.raw.partitions) return;
    // Nested children run on their parent's VPs, so only the root's own children load the host LPs.
    const children = root.children;
    const total = children.reduce((sum, c) => sum + c.vps, 0);
    const ratio = model.limits.vpOvercommitRatio;
    const budget = ratio * lps;
    if (total <= budget) return;
    report(
      model.locations.keyRange(model.raw.root, 'partitions'),
      `The root's ${children.length} children have ${total} virtual processors on ${lps} host logical processors (${formatRatio(total / lps)}:1), above the vpOvercommitRatio of ${ratio}:1 (at most ${budget}); lower their virtualProcessors, or raise hypervisor.limits.vpOvercommitRatio if this density is intended.`,
    );
  },
};

function formatRatio(r: number): string {
  return Number.isInteger(r) ? String(r) : r.toFixed(2).replace(/0$/, '');
}
