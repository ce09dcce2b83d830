/**
 * Stacked bars: each segment's width is its amount / the bar's scale. Where the scale is beyond
 * the host, a marker shows the host's capacity. Labels are fitted in one pass per render
 * (`fitLabels`): widths come from the bar's width and the text's measured width, so no label forces
 * a layout of its own, and no label is drawn across the host marker.
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

/** Label padding and gaps of preview.css (.seg-label): margin 4, padding 5 + 5, gap 5. */
const LABEL_INSET = 4;
const LABEL_PADDING = 10;
const LABEL_GAP = 5;
const SEGMENT_SLACK = 2;

let canvas: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

function textWidth(text: string, font: string): number {
  const key = `${font}\u0000${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    canvas ??= document.createElement('canvas').getContext('2d');
    if (!canvas) return text.length * 7;
    canvas.font = font;
    w = canvas.measureText(text).width;
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

/**
 * Shows each label where it fits: name and amount, else the name, else nothing; and never across
 * the host marker. Reads every bar's width first (one layout at most), then writes classes.
 */
export function fitLabels(root: ParentNode): void {
  const bars = Array.from(root.querySelectorAll<HTMLElement>('.bar, .nested-track'));
  if (bars.length === 0) return;
  const sample = root.querySelector<HTMLElement>('.seg-label');
  if (!sample) return;
  const style = getComputedStyle(sample);
  const font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const measured = bars.map((b) => ({ bar: b, width: b.clientWidth }));
  for (const { bar: b, width } of measured) {
    const scale = Number(b.getAttribute('data-scale')) || 0;
    const host = Number(b.getAttribute('data-host')) || 0;
    const markerX = b.querySelector('.host-marker') && scale > 0 ? (host / scale) * width : undefined;
    const track = b.classList.contains('nested-track');
    const trackScale = track ? Number(b.closest('section')?.querySelector('#processors-bar')?.getAttribute('data-scale')) || 0 : 0;
    let left = 0;
    for (const seg of Array.from(b.children)) {
      if (!seg.classList.contains('segment')) continue;
      const amount = Number(seg.getAttribute('data-vps') ?? seg.getAttribute('data-bytes')) || 0;
      const segWidth = (amount / (track ? trackScale : scale)) * width;
      const segLeft = track ? ((Number((seg as HTMLElement).style.left.replace('%', '')) || 0) / 100) * width : left;
      left += segWidth;
      const label = seg.querySelector<HTMLElement>('.seg-label');
      if (!label) continue;
      const name = textWidth(label.firstElementChild?.textContent ?? '', font);
      const amountText = label.children[1]?.textContent ?? '';
      const full = name + (amountText ? LABEL_GAP + textWidth(amountText, font) : 0) + LABEL_PADDING;
      const short = name + LABEL_PADDING;
      const room = segWidth - LABEL_INSET - SEGMENT_SLACK;
      const start = segLeft + LABEL_INSET;
      const crosses = (w: number): boolean => markerX !== undefined && markerX > start - 2 && markerX < start + w + 2;
      const mode = full <= room && !crosses(full) ? '' : short <= room && !crosses(short) ? 'no-amount' : 'hidden';
      label.classList.toggle('no-amount', mode === 'no-amount');
      label.classList.toggle('hidden', mode === 'hidden');
    }
  }
}
