/** The device ownership table: owner, how it is owned, what it backs, where its driver runs. */
import type { DeviceRowView } from '../src/preview/preview-messages';
import { el, nameButton, revealAttrs } from './dom';
import { PagedTable } from './table';

export function devicesTable(): PagedTable<DeviceRowView> {
  return new PagedTable<DeviceRowView>({
    id: 'devices',
    title: 'Devices',
    noun: ['host device', 'host devices'],
    columns: ['Device', 'Class', 'Address', 'Owner', 'How', 'Driver'],
    key: (r) => r.id,
    rowAttrs: (r) => ({ 'data-device': r.id }),
    cells: (r) => {
      const how = el('td', { className: 'how' }, [el('div', { className: `how-main how-${r.how}`, text: r.howText })]);
      for (const b of r.backs) how.append(el('div', { className: 'backs', text: b }));
      if (r.conflict) how.append(el('div', { className: 'bad', text: r.conflict }));
      const driver = el('td', { className: 'driver' });
      if (r.driver !== undefined) {
        driver.append(el('span', { className: 'mono', text: r.driver }));
        if (r.driverRunsIn !== undefined) driver.append(el('span', { className: 'muted', text: ` in ${r.driverRunsIn}` }));
      } else {
        driver.append(el('span', { className: 'muted', text: '—' }));
      }
      return [
        el('td', {}, [el('button', { className: 'link mono', type: 'button', text: r.id, title: `Go to ${r.id} in the layout`, 'data-key': `dev:${r.id}`, ...revealAttrs(r.position) })]),
        el('td', { text: r.class }),
        el('td', { className: 'mono', text: r.address }),
        el('td', { className: 'owner' }, [r.owner === undefined ? el('span', { className: 'muted', text: 'none' }) : nameButton(r.owner, r.ownerPosition, 'owner')]),
        how,
        driver,
      ];
    },
  });
}
