/** The MMIO space of each child with assigned devices: high and low, set against what Microsoft recommends. */
import type { MmioRowView, MmioSideView } from '../src/preview/preview-messages';
import { el, nameButton, swatch } from './dom';
import { PagedTable } from './table';

export function mmioTable(): PagedTable<MmioRowView> {
  return new PagedTable<MmioRowView>({
    id: 'mmio',
    title: 'MMIO space',
    noun: ['child', 'children'],
    columns: ['Partition', 'Devices', 'High MMIO', 'Low MMIO'],
    key: (r) => r.partition,
    rowAttrs: (r) => ({ 'data-partition': r.partition }),
    cells: (r) => [
      el('td', { className: 'name' }, [swatch(r.colour), nameButton(r.partition, r.position, 'mmio')]),
      el('td', { className: 'mono list', text: r.devices }),
      side(r.high, 'high'),
      side(r.low, 'low'),
    ],
  });
}

function side(s: MmioSideView, which: 'high' | 'low'): HTMLElement {
  const set = el('div', { className: 'mmio-set' }, [el('span', { className: 'num', text: s.set, title: s.setTitle })]);
  if (s.default) set.append(el('span', { className: 'muted', text: ' (default)' }));
  return el('td', { className: `mmio-side mmio-${which} mmio-${s.state}` }, [
    set,
    el('div', { className: 'mmio-sizing muted', text: s.sizing }),
    el('div', { className: `mmio-verdict ${s.state === 'ok' ? 'ok' : s.state === 'no-buffer' ? 'warn' : 'bad'}`, text: s.verdict }),
  ]);
}
