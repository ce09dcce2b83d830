import type { Rule } from './rule';
import { partitionSubject } from './partition-label';

export const syntheticNeedsEnlightened: Rule = {
  id: 'synthetic-needs-enlightened',
  severity: 'warning',
  summary: 'A child that lists synthetic (VMBus) device classes needs an enlightened guest (integration services).',
  check({ model, report }) {
    for (const p of model.partitions) {
      if (p.isRoot || p.enlightened || p.synthetic.length === 0) continue;
      const classes = p.synthetic.map((s) => s.value).join(', ');
      report(
        model.locations.keyRange(p.raw, 'synthetic'),
        `${partitionSubject(p)} uses synthetic devices (${classes}) but its guest is not enlightened, so it has no VMBus virtual service clients to reach them; install integration services and set guest.enlightened: true, or remove synthetic and rely on emulated devices.`,
      );
    }
  },
};
