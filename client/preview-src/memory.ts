/** Memory: the hypervisor's reserve (when there is one), the root's share, each child, and what is free for new children. */
import type { MemoryView } from '../src/preview/preview-messages';
import { bar } from './bars';
import { banner, el, legend, sectionTitle, stats } from './dom';

export function memory(view: MemoryView): HTMLElement {
  const section = el('section', { id: 'memory', className: 'card' }, [sectionTitle('Memory', view.summary), bar(view.bar), legend(view.legend, 'mem-legend')]);
  if (view.shortfall) section.append(banner('error', view.shortfall));
  section.append(stats(view.stats));
  return section;
}
