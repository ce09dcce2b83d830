/**
 * Building DOM nodes. Every string from the layout file goes in as text or as an attribute value,
 * never parsed as HTML.
 */
import type { LegendItem, SourcePosition, StatView } from '../src/preview/preview-messages';

const SVG_NS = 'http://www.w3.org/2000/svg';

type Props = Record<string, string | undefined>;

/** createElement with properties: `text` sets textContent, `className` the class, anything else an attribute. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value);
  }
  if (children.length > 0) node.append(...children);
  return node;
}

/** data-line / data-column: clicking the element reveals that position in the editor. */
export function revealAttrs(position: SourcePosition | undefined): Props {
  return position ? { 'data-line': String(position.line), 'data-column': String(position.column) } : {};
}

export function nameButton(name: string, position: SourcePosition | undefined, keyPrefix: string, className = 'link'): HTMLElement {
  if (!position) return el('span', { className: 'legend-name', text: name });
  return el('button', { className, type: 'button', text: name, title: `Go to ${name} in the layout`, 'data-key': `${keyPrefix}:${name}`, ...revealAttrs(position) });
}

export function swatch(colour: string, variant?: string): HTMLElement {
  return el('span', { className: `swatch ${colour}${variant === 'nested' ? ' nested' : ''}`, 'aria-hidden': 'true' });
}

export function sectionTitle(title: string, summary: string): HTMLElement {
  return el('div', { className: 'section-title' }, [el('h2', { text: title }), el('span', { className: 'summary', text: summary })]);
}

export function legend(items: readonly LegendItem[], keyPrefix: string): HTMLElement {
  const list = el('ul', { className: 'legend' });
  for (const item of items) {
    const li = el('li', { className: `legend-item${item.variant ? ` ${item.variant}` : ''}`, 'data-partition': item.partition }, [swatch(item.colour, item.variant)]);
    li.append(item.partition ? nameButton(item.name, item.position, keyPrefix) : el('span', { className: 'legend-name', text: item.name }));
    li.append(el('span', { className: 'legend-detail', text: item.detail }));
    list.append(li);
  }
  return list;
}

export function stats(items: readonly StatView[]): HTMLElement {
  return el(
    'div',
    { className: 'stats' },
    items.map((s) => {
      const fill = el('div', { className: 'meter-fill' });
      fill.style.width = `${Math.max(0, Math.min(1, s.fraction)) * 100}%`;
      return el('div', { className: `stat${s.over ? ' over' : ''}`, id: s.id, 'data-value': s.value }, [
        el('div', { className: 'stat-label', text: s.label }),
        el('div', { className: 'stat-value', text: s.value }),
        el('div', { className: 'meter', role: 'presentation' }, [fill]),
        el('div', { className: 'stat-detail', text: s.detail }),
      ]);
    }),
  );
}

export function banner(kind: 'error' | 'warning', text: string): HTMLElement {
  return el('div', { className: `banner banner-${kind}`, role: 'alert' }, [icon(kind), el('span', { text })]);
}

/** Severity icons drawn as SVG shapes (no icon font, nothing from the network). */
export function icon(severity: 'error' | 'warning' | 'info'): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', `icon icon-${severity}`);
  svg.setAttribute('aria-hidden', 'true');
  const shape = (tag: string, attrs: Record<string, string>): void => {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    svg.append(node);
  };
  if (severity === 'error') {
    shape('circle', { cx: '8', cy: '8', r: '6.5', class: 'stroke' });
    shape('path', { d: 'M5.5 5.5l5 5M10.5 5.5l-5 5', class: 'stroke' });
  } else if (severity === 'warning') {
    shape('path', { d: 'M8 1.8l6.6 12H1.4z', class: 'stroke' });
    shape('path', { d: 'M8 6v4M8 11.6v.4', class: 'stroke' });
  } else {
    shape('circle', { cx: '8', cy: '8', r: '6.5', class: 'stroke' });
    shape('path', { d: 'M8 7v4.5M8 4.6v.4', class: 'stroke' });
  }
  return svg;
}
