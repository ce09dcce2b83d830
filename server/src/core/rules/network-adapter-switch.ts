import { didYouMean } from '../util/suggest';
import { partitionLabel, partitionSubject } from './partition-label';
import type { Rule } from './rule';

/** A child's synthetic network adapters (docs/rules/network-adapter-switch.md): on a host switch, children of the root only. */
export const networkAdapterSwitch: Rule = {
  id: 'network-adapter-switch',
  severity: 'error',
  summary: 'A `networkAdapters` entry names no host switch, or sits on a partition that is not a child of the root.',
  check({ model, report }) {
    const names = [...model.host.switchByName.keys()];
    for (const p of model.partitions) {
      if (p.networkAdapters.length === 0) continue;
      // A parent that does not resolve is parent-exists's finding.
      const notRootChild = p.isRoot || (p.parent !== undefined && !p.parent.isRoot);
      for (const ref of p.networkAdapters) {
        if (notRootChild) {
          const why = p.isRoot
            ? 'the root reaches a switch through the switch itself (an internal switch, or an external one it shares), not through an adapter of its own'
            : `it is a child of the nested parent ${partitionLabel(p.parent ?? p)}, whose own virtual switches the layout does not describe`;
          report(ref.range, `${partitionSubject(p)} has a network adapter on switch "${ref.value}", but host switches serve children of the root only: ${why}; remove networkAdapters and use synthetic: [network].`);
        } else if (!model.host.switchByName.has(ref.value)) {
          report(ref.range, `${partitionSubject(p)} has a network adapter on switch "${ref.value}", which host.switches does not define: correct the name or add the switch${didYouMean(ref.value, names) || '.'}`);
        }
      }
    }
  },
};
