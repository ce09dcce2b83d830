import { perHostLimit } from './per-host-limit';
import type { Rule } from './rule';

/**
 * The root's children against the release's running virtual machines per host
 * (docs/rules/running-partition-limit.md). Nested children run inside their parent and count against
 * its own hypervisor instead. Anchored on the `partitions` key.
 */
export const runningPartitionLimit: Rule = {
  id: 'running-partition-limit',
  severity: 'error',
  summary: "The root has more children than the release's running partitions (virtual machines) per host.",
  check({ model, report }) {
    const applies = perHostLimit(model, 'runningPartitions');
    if (!applies) return;
    const { root, limit, origin, raise } = applies;
    const count = root.children.length;
    if (count <= limit) return;
    report(
      model.locations.keyRange(model.raw.root, 'partitions'),
      `The root has ${count} children but ${origin} supports at most ${limit} running virtual machines per host (${count - limit} over): move children to another host${raise}.`,
    );
  },
};
