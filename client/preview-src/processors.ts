/** Logical processors: the guests' VPs against the host's LPs, and the root's VPs apart. */
import type { ProcessorsView } from '../src/preview/preview-messages';
import { bar, nestedTrack } from './bars';
import { el, legend, nameButton, sectionTitle, stats } from './dom';

export function processors(view: ProcessorsView): HTMLElement {
  const section = el('section', { id: 'processors', className: 'card' }, [sectionTitle('Logical processors', view.summary)]);
  section.append(el('div', { className: 'track-caption', text: 'Guest VPs (children of the root)' }), bar(view.bar));
  if (view.nested.length > 0) {
    section.append(el('div', { className: 'track-caption', text: 'Nested: run on their parent’s VPs, not on host LPs' }), nestedTrack(view.nested, view.bar.scale));
  }
  section.append(legend(view.legend, 'cpu-legend'));
  if (view.root) {
    const root = view.root;
    const caption = el('div', { className: 'track-caption root-caption' }, [el('span', { text: 'Root VPs: ' }), nameButton(root.name, root.position, 'cpu-root')]);
    section.append(el('div', { className: 'root-vps', id: 'root-vps' }, [caption, bar(root.bar), el('p', { className: 'root-note muted', text: root.text })]));
  }
  section.append(stats(view.stats));
  return section;
}
