/** The virtual switches of the root: type, uplinks, SR-IOV and the children whose network adapters plug in. */
import type { SwitchRowView } from '../src/preview/preview-messages';
import { el, nameButton } from './dom';
import { PagedTable } from './table';

export function switchesTable(): PagedTable<SwitchRowView> {
  return new PagedTable<SwitchRowView>({
    id: 'switches',
    title: 'Virtual switches',
    noun: ['switch', 'switches'],
    columns: ['Switch', 'Type', 'Uplinks', 'SR-IOV', 'Children on it'],
    key: (r) => r.name,
    rowAttrs: (r) => ({ 'data-switch': r.name }),
    cells: (r) => [
      el('td', { className: 'name' }, [nameButton(r.name, r.position, 'switch', 'link mono')]),
      el('td', { className: r.type === '—' ? 'bad' : `switch-type type-${r.type}`, text: r.type, title: r.typeTitle }),
      el('td', { className: r.uplinks === '—' ? 'muted' : 'mono list', text: r.uplinks }),
      el('td', { className: r.sriov ? 'ok' : 'muted', text: r.sriov ? 'yes' : 'no' }),
      el('td', { className: r.count === 0 ? 'muted' : 'list', text: r.partitions }),
    ],
  });
}
