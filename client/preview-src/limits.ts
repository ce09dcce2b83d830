/** The per-host limits in the header: the VPs of the root's children and the running partitions against the release's limits. */
import type { StatView } from '../src/preview/preview-messages';
import { stats } from './dom';

export function hostLimits(items: readonly StatView[] | undefined): HTMLElement | undefined {
  if (!items || items.length === 0) return undefined;
  const node = stats(items);
  node.id = 'host-limits';
  node.classList.add('host-limits');
  node.setAttribute('aria-label', 'Per-host limits');
  return node;
}
