import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

export const syntheticNeedsEnlightened: Rule = {
  id: 'synthetic-needs-enlightened',
  severity: 'warning',
  summary: 'A child that lists synthetic (VMBus) device classes or network adapters needs an enlightened guest (integration services).',
  check({ model, report }) {
    for (const p of model.partitions) {
      if (p.isRoot || p.enlightened || (p.synthetic.length === 0 && p.networkAdapters.length === 0)) continue;
      const classes = p.synthetic.map((s) => s.value);
      if (p.networkAdapters.length > 0) classes.push(`network adapters on ${[...new Set(p.networkAdapters.map((a) => a.value))].join(', ')}`);
      const key = p.synthetic.length > 0 ? 'synthetic' : 'networkAdapters';
      report(
        model.locations.keyRange(p.raw, key),
        `${partitionSubject(p)} uses synthetic devices (${classes.join(', ')}) but its guest is not enlightened, so it has no VMBus virtual service clients to reach them; install integration services and set guest.enlightened: true, or remove ${key} and rely on emulated devices.`,
      );
    }
  },
};
