/** The virtual switch, GPU partition and MMIO sections: each shown only when the layout has some. */
import type { PreviewView, TablePage } from '../src/preview/preview-messages';
import { gpusTable } from './gpus';
import { mmioTable } from './mmio';
import { switchesTable } from './switches';
import type { PagedTable } from './table';

type Section<Row> = { summary: string; table: TablePage<Row> } | undefined;

export class DeviceUseSections {
  private readonly switches = switchesTable();
  private readonly gpus = gpusTable();
  private readonly mmio = mmioTable();
  readonly elements: HTMLElement[] = [this.switches.element, this.gpus.element, this.mmio.element];

  constructor() {
    for (const e of this.elements) e.hidden = true;
  }

  /** Updates the three sections; returns the rows rebuilt (the work schedule.ts counts). */
  update(view: PreviewView, filter: string): number {
    return show(this.switches, view.switches, filter) + show(this.gpus, view.gpus, filter) + show(this.mmio, view.mmio, filter);
  }
}

function show<Row>(table: PagedTable<Row>, section: Section<Row>, filter: string): number {
  table.element.hidden = !section;
  return section ? table.update(section.table, filter, section.summary) : 0;
}
