/**
 * Stacked bars: each segment's width is its amount / the bar's scale. Where the scale is beyond
 * the host, a marker shows the host's capacity. Which labels fit is decided by labels.ts, from the
 * bar's observed width and the text's measured width, never across the host marker.
 */
import type { BarView, NestedSegment } from '../src/preview/preview-messages';
import { el, revealAttrs } from './dom';

export function bar(view: BarView): HTMLElement {
  const node = el('div', {
    className: `bar${view.overflow ? ' overflow' : ''}`,
    id: view.id,
    'data-scale': String(view.scale),
    'data-host': String(view.host),
    role: 'group',
    'aria-label': view.ariaLabel,
  });
  for (const s of view.segments) {
    const seg = el('div', {
      className: `segment kind-${s.kind} ${s.colour}`,
      'data-owner': s.owner,
      'data-kind': s.kind,
      [`data-${view.unit}`]: String(s.amount),
      title: s.title,
      'aria-label': s.title,
      role: 'img',
      'data-partition': s.kind === 'free' || s.kind === 'more' || s.kind === 'hypervisor' ? undefined : s.owner,
      ...revealAttrs(s.position),
    });
    seg.style.width = `${(s.amount / view.scale) * 100}%`;
    if (s.label) seg.append(segLabel(s.label.name, s.label.amount));
    node.append(seg);
  }
  const wrap = el('div', { className: 'bar-wrap' }, [node]);
  const axis = el('div', { className: 'axis' }, [el('span', { text: '0' })]);
  if (view.scale > view.host && view.host > 0) {
    const at = `${(view.host / view.scale) * 100}%`;
    const marker = el('div', { className: 'host-marker', title: `host capacity: ${view.hostLabel}` });
    marker.style.left = at;
    node.prepend(marker);
    const tick = el('span', { className: 'axis-host', text: view.hostLabel });
    tick.style.left = at;
    // near the right end the label would be cut off: end it at the marker instead of centring it
    if (view.host / view.scale > 0.85) tick.classList.add('axis-host-end');
    axis.append(tick);
  } else {
    axis.append(el('span', { className: 'axis-end', text: view.hostLabel }));
  }
  wrap.append(axis);
  return wrap;
}

/** Nested partitions under their parent's segment of `scale`. */
export function nestedTrack(nested: readonly NestedSegment[], scale: number): HTMLElement {
  const track = el('div', { className: 'nested-track', 'aria-label': 'Nested partitions: their VPs run on their parent’s VPs' });
  for (const n of nested) {
    const seg = el('div', {
      className: `segment nested ${n.colour}`,
      'data-owner': n.name,
      'data-partition': n.name,
      'data-vps': String(n.vps),
      'data-nested-in': n.parent,
      title: n.title,
      'aria-label': `${n.name}: ${n.vps} VPs, nested in ${n.parent}`,
      ...revealAttrs(n.position),
    });
    seg.style.left = `${(n.start / scale) * 100}%`;
    seg.style.width = `${(n.vps / scale) * 100}%`;
    seg.append(segLabel(n.name, `${n.vps} VP${n.vps === 1 ? '' : 's'}`));
    track.append(seg);
  }
  return track;
}

function segLabel(name: string, amount: string): HTMLElement {
  const label = el('span', { className: 'seg-label' }, [el('span', { className: 'seg-name', text: name })]);
  if (amount) label.append(el('span', { className: 'seg-amount', text: amount }));
  return label;
}
