import { perHostLimit } from './per-host-limit';
import type { Rule } from './rule';

/**
 * The VPs of the root's children together against the release's VPs per host
 * (docs/rules/host-vp-limit.md). Nested children run on their parent's VPs and are not counted.
 * Anchored on the `partitions` key.
 */
export const hostVpLimit: Rule = {
  id: 'host-vp-limit',
  severity: 'error',
  summary: "The virtual processors of the root's children add up to more than the release's virtual processors per host.",
  check({ model, report }) {
    const applies = perHostLimit(model, 'hostVirtualProcessors');
    if (!applies) return;
    const { root, limit, origin, raise } = applies;
    const total = root.children.reduce((sum, c) => sum + c.vps, 0);
    if (total <= limit) return;
    report(
      model.locations.keyRange(model.raw.root, 'partitions'),
      `The root's ${root.children.length} children have ${total} virtual processors together but ${origin} supports at most ${limit} virtual processors per host (${total - limit} over): lower their virtualProcessors or move children to another host${raise}.`,
    );
  },
};
