/**
 * A paged table: the host sends one page of the rows the filter matches; this patches the rows
 * that changed (keyed, compared by their data) and keeps the others' nodes. Below 640 px the rows
 * reflow into cards (preview.css), each cell labelled by its column.
 */
import type { TableId, TablePage } from '../src/preview/preview-messages';
import { formatCount, plural } from '../src/preview/text';
import { el, sectionTitle } from './dom';

export interface TableSpec<Row> {
  id: TableId;
  title: string;
  /** singular and plural of what a row is */
  noun: [string, string];
  columns: readonly string[];
  key(row: Row): string;
  /** attributes of the row (data-partition, data-device) */
  rowAttrs(row: Row): Record<string, string>;
  /** one cell per column, in order */
  cells(row: Row): HTMLElement[];
}

export class PagedTable<Row> {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly tbody: HTMLElement;
  private readonly pager: HTMLElement;
  private readonly rows = new Map<string, { signature: string; tr: HTMLElement }>();
  private signature = '';

  constructor(private readonly spec: TableSpec<Row>) {
    const title = sectionTitle(spec.title, '');
    this.summary = title.querySelector('.summary') as HTMLElement;
    this.tbody = el('tbody');
    const table = el('table', { className: 'grid' }, [el('thead', {}, [el('tr', {}, spec.columns.map((c) => el('th', { scope: 'col', text: c })))]), this.tbody]);
    this.pager = el('div', { className: 'pager', 'data-table': spec.id });
    this.element = el('section', { id: spec.id, className: 'card' }, [title, el('div', { className: 'table-scroll' }, [table]), this.pager]);
  }

  /** Shows `page` (`lead`: the section's summary in place of the row count); returns how many rows (and other parts) it rebuilt. */
  update(page: TablePage<Row>, filter: string, lead?: string): number {
    const signature = JSON.stringify([page.total, page.matched, page.offset, page.pageSize, filter.trim(), lead]);
    const [one, many] = this.spec.noun;
    let rebuilt = 0;
    if (signature !== this.signature) {
      rebuilt++;
      this.signature = signature;
      const matching = `${plural(page.matched, one, many)} of ${formatCount(page.total)} match “${filter.trim()}”`;
      this.summary.textContent = filter.trim() === '' ? (lead ?? plural(page.total, one, many)) : lead ? `${lead} · ${matching}` : matching;
      this.pager.replaceChildren(...pagerContent(this.spec.id, page, many));
    }
    const seen = new Set<string>();
    const trs: HTMLElement[] = [];
    for (const row of page.rows) {
      const key = this.spec.key(row);
      seen.add(key);
      const rowSignature = JSON.stringify(row);
      let entry = this.rows.get(key);
      if (!entry || entry.signature !== rowSignature) {
        const tr = el('tr', this.spec.rowAttrs(row));
        this.spec.cells(row).forEach((td, i) => {
          td.setAttribute('data-label', this.spec.columns[i] ?? '');
          tr.append(td);
        });
        if (entry) entry.tr.replaceWith(tr);
        entry = { signature: rowSignature, tr };
        this.rows.set(key, entry);
        rebuilt++;
      }
      trs.push(entry.tr);
    }
    for (const [key, entry] of this.rows) {
      if (!seen.has(key)) {
        entry.tr.remove();
        this.rows.delete(key);
        rebuilt++;
      }
    }
    if (page.rows.length === 0) {
      if (this.tbody.firstElementChild?.classList.contains('empty')) return rebuilt;
      this.tbody.replaceChildren(el('tr', { className: 'empty' }, [el('td', { colspan: String(this.spec.columns.length), className: 'muted', text: `No ${one} matches the filter.` })]));
      return rebuilt + 1;
    }
    // rows that are new or moved go in their place; the others stay where they are
    let at: ChildNode | null = this.tbody.firstChild;
    for (const tr of trs) {
      if (tr === at) {
        at = at.nextSibling;
        continue;
      }
      this.tbody.insertBefore(tr, at);
    }
    while (at) {
      const next: ChildNode | null = at.nextSibling;
      at.remove();
      at = next;
    }
    return rebuilt;
  }
}

function pagerContent(id: TableId, page: TablePage<unknown>, many: string): HTMLElement[] {
  if (page.matched <= page.pageSize) return [];
  const first = page.offset + 1;
  const last = Math.min(page.matched, page.offset + page.pageSize);
  const button = (text: string, offset: number, enabled: boolean): HTMLElement =>
    el('button', { className: 'page-button', type: 'button', text, 'data-table': id, 'data-offset': String(offset), 'data-key': `page:${id}:${text}`, ...(enabled ? {} : { disabled: '' }) });
  return [
    button('Previous', Math.max(0, page.offset - page.pageSize), page.offset > 0),
    el('span', { className: 'page-range', text: `${many} ${formatCount(first)}–${formatCount(last)} of ${formatCount(page.matched)}` }),
    button('Next', page.offset + page.pageSize, last < page.matched),
  ];
}
