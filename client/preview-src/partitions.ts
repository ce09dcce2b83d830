/** The partitions table: role, VPs, memory, devices, synthetic devices and, for guests, generation and enlightenment. */
import type { PartitionRowView } from '../src/preview/preview-messages';
import { el, nameButton, swatch } from './dom';
import { PagedTable } from './table';

export function partitionsTable(): PagedTable<PartitionRowView> {
  return new PagedTable<PartitionRowView>({
    id: 'partitions',
    title: 'Partitions',
    noun: ['partition', 'partitions'],
    columns: ['Partition', 'Role', 'VPs', 'Memory', 'Devices', 'Synthetic', 'Guest'],
    key: (r) => r.name,
    rowAttrs: (r) => ({ 'data-partition': r.name }),
    cells: (r) => {
      const guest = el('td', { className: 'guest' });
      if (r.os !== undefined) guest.append(el('span', { className: 'os', text: r.os }));
      if (r.guest !== undefined) guest.append(el('span', { className: 'muted', text: r.guest }));
      if (guest.childNodes.length === 0) guest.append(el('span', { className: 'muted', text: '—' }));
      return [
        el('td', { className: 'name' }, [swatch(r.colour), nameButton(r.name, r.position, 'part')]),
        el('td', { text: r.role }),
        el('td', { className: 'num', text: String(r.vps) }),
        el('td', { className: 'num', text: r.memory, title: r.memoryTitle }),
        el('td', { className: 'mono list', text: r.devices }),
        el('td', { className: 'list', text: r.synthetic }),
        guest,
      ];
    },
  });
}
