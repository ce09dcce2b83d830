/** NUMA: the nodes, which pinned partitions use each, and whether each child fits one node. */
import type { NumaRowView, PreviewView } from '../src/preview/preview-messages';
import { el, nameButton } from './dom';
import { PagedTable } from './table';

type NumaView = NonNullable<PreviewView['numa']>;

export class NumaSection {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly table = new PagedTable<NumaRowView>({
    id: 'numa',
    title: 'NUMA',
    noun: ['child', 'children'],
    columns: ['Partition', 'VPs', 'Max. memory', 'Pinned to nodes', 'One node'],
    key: (r) => r.name,
    rowAttrs: (r) => ({ 'data-partition': r.name }),
    cells: (r) => [
      el('td', {}, [nameButton(r.name, r.position, 'numa')]),
      el('td', { className: 'num', text: String(r.vps) }),
      el('td', { className: 'num', text: r.memory, title: r.memoryTitle }),
      el('td', { className: r.nodes ? '' : 'muted', text: r.nodes ?? '—' }),
      el('td', { className: r.state }, [el('span', { text: r.verdict })]),
    ],
  });
  private signature = '';

  constructor() {
    this.element = this.table.element;
    this.heading = this.element.querySelector('.section-title') as HTMLElement;
    this.chips = el('div', { className: 'numa-nodes' });
    this.heading.after(this.chips);
  }

  /** Shows `view`; returns how many rows (and other parts) it rebuilt. */
  update(view: NumaView, filter: string): number {
    const signature = JSON.stringify([view.summary, view.chips, view.moreNodes]);
    let rebuilt = 0;
    if (signature !== this.signature) {
      rebuilt++;
      this.signature = signature;
      const chips = view.chips.map((c) => {
        const chip = el('div', { className: `numa-node${c.pinned.length > 0 ? ' pinned' : ''}`, 'data-node': String(c.node), title: c.title }, [el('span', { className: 'node-name', text: `node ${c.node}` })]);
        if (c.pinned.length > 0) chip.append(el('span', { className: 'node-pinned', text: `${c.pinned.join(', ')}${c.more > 0 ? ` +${c.more}` : ''}` }));
        return chip;
      });
      if (view.moreNodes > 0) chips.push(el('div', { className: 'numa-node more', text: `+${view.moreNodes} nodes` }));
      this.chips.replaceChildren(...chips);
    }
    return rebuilt + this.table.update(view.table, filter, view.summary);
  }
}
