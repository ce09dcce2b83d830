/**
 * The allocation preview's webview (bundled by esbuild.mjs as a browser IIFE). It only renders: the
 * extension host sends a `ViewMessage` built from the server's allocation model, then patches of it
 * (what changed, view-diff.ts), and the webview rebuilds only the parts of the page whose data
 * changed, spread over frames (schedule.ts). Filtering and paging ask the host for another view.
 * Plain DOM, no framework, nothing loaded from the network.
 */
import type { FromWebview, HighlightMessage, PatchMessage, PreviewView, TableId, ToWebview, ViewMessage, ViewQuery, WebviewState } from '../src/preview/preview-messages';
import { apply } from '../src/preview/view-diff';
import { DeviceUseSections } from './device-use';
import { devicesTable } from './devices';
import { banner, el } from './dom';
import { header } from './header';
import { LabelFitter } from './labels';
import { memory } from './memory';
import { NumaSection } from './numa';
import { partitionsTable } from './partitions';
import { processors } from './processors';
import { type RenderSteps, RenderScheduler } from './schedule';
import { Slot } from './slot';

const vscode = acquireVsCodeApi<WebviewState>();
const post = (message: FromWebview): void => vscode.postMessage(message);
const app = document.getElementById('app') as HTMLElement;

let saved: WebviewState = vscode.getState() ?? {};
let pendingScroll = typeof saved.scrollY === 'number' ? { x: saved.scrollX ?? 0, y: saved.scrollY } : undefined;
let highlight: Omit<HighlightMessage, 'type'> = {};
let query: ViewQuery = saved.query ?? { filter: '', offsets: {} };
/** the last whole view, with the patches since applied */
let current: ViewMessage | undefined;

// ------------------------------------------------------------------------------------ the page

const headerSlot = new Slot();
const bannerSlot = new Slot();
const filter = el('input', { id: 'filter', type: 'search', placeholder: 'Filter by name, device, switch or owner', 'aria-label': 'Filter partitions, devices, switches, GPU partitions and MMIO by name, device, class, address or owner', spellcheck: 'false' });
const filterBar = el('div', { className: 'filter-bar' }, [filter]);
const processorSlot = new Slot();
const memorySlot = new Slot();
const numa = new NumaSection();
const partitions = partitionsTable();
const devices = devicesTable();
const deviceUse = new DeviceUseSections();
const body = el('div', { className: 'body' }, [processorSlot.node, memorySlot.node, numa.element, partitions.element, devices.element, ...deviceUse.elements]);
filterBar.hidden = true;
body.hidden = true;
let shown = false;
const labels = new LabelFitter(app);
const scheduler = new RenderScheduler(render, rendered);

/** Draws `current`: the header and bars first, then each table (schedule.ts decides where to pause). */
function* render(): RenderSteps {
  const message = current;
  if (!message) return;
  if (!shown) {
    app.replaceChildren(headerSlot.node, bannerSlot.node, filterBar, body);
    app.removeAttribute('aria-busy');
    shown = true;
  }
  query = message.query;
  saved = { ...saved, uri: message.uri, query };
  vscode.setState(saved);

  const view = message.view;
  const section = (rebuilt: boolean): number => (rebuilt ? SECTION_WORK : 0);
  let work = section(headerSlot.set([view?.header, message.fileName, message.problems], () => header(view, message.fileName, message.problems)));
  work += section(bannerSlot.set(message.banner, () => (message.banner ? banner(message.banner.kind, message.banner.text) : undefined)));
  filterBar.hidden = !view;
  body.hidden = !view;
  body.classList.toggle('stale', message.stale);
  if (document.activeElement !== filter && filter.value !== query.filter) filter.value = query.filter;
  if (view) {
    work += section(processorSlot.set(view.processors, () => processors(view.processors)));
    labels.fit();
    yield work;
    work = section(memorySlot.set(view.memory, () => memory(view.memory)));
    labels.fit();
    yield work;
    yield showNuma(view);
    yield partitions.update(view.partitions, query.filter);
    yield devices.update(view.devices, query.filter);
    yield deviceUse.update(view, query.filter);
  }
  applyHighlight();
}

/** What a rebuilt section counts for in schedule.ts (a table row counts 1). */
const SECTION_WORK = 20;

/** After a render ran to its end: the saved scroll position, and the host learns what is drawn. */
function rendered(): void {
  if (pendingScroll) window.scrollTo(pendingScroll.x, pendingScroll.y);
  pendingScroll = undefined;
  post({ type: 'rendered', partitions: current?.view ? current.view.partitions.rows.map((r) => r.name) : [] });
}

function showNuma(view: PreviewView): number {
  numa.element.hidden = !view.numa;
  return view.numa ? numa.update(view.numa, query.filter) : 0;
}

/** A patch applies to the view it names; else (the webview reloaded in between) the host sends the whole view. */
function patched(message: PatchMessage): ViewMessage | undefined {
  const { base, view: change, ...rest } = message;
  if (!current || current.seq !== base) return undefined;
  const next: ViewMessage = { ...rest, type: 'view' };
  try {
    const view = change ? apply(current.view, change) : current.view;
    if (view) next.view = view as PreviewView;
  } catch {
    return undefined;
  }
  return next;
}

// -------------------------------------------------------------------------------- highlighting

function applyHighlight(): void {
  for (const node of Array.from(app.querySelectorAll('.is-highlighted'))) node.classList.remove('is-highlighted');
  const mark = (attr: string, value: string | undefined): void => {
    if (value === undefined) return;
    for (const node of Array.from(app.querySelectorAll(`[${attr}]`))) {
      if (node.getAttribute(attr) === value && !node.closest('[hidden]')) node.classList.add('is-highlighted');
    }
  };
  mark('data-partition', highlight.partition);
  mark('data-device', highlight.device);
}

// ------------------------------------------------------------------------------------- events

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'view' || message.type === 'patch') {
    const next = message.type === 'view' ? message : patched(message);
    if (!next) {
      post({ type: 'resync' });
      return;
    }
    current = next;
    scheduler.request();
  } else if (message.type === 'highlight') {
    highlight = { partition: message.partition, device: message.device };
    applyHighlight();
  }
});

app.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const page = target?.closest('button.page-button');
  if (page) {
    const table = page.getAttribute('data-table') as TableId;
    ask({ filter: query.filter, offsets: { ...query.offsets, [table]: Number(page.getAttribute('data-offset')) || 0 } });
    return;
  }
  // Clicking a partition, a device or a bar segment reveals its definition in the editor.
  const reveal = target?.closest('[data-line]');
  if (!reveal) return;
  const line = Number(reveal.getAttribute('data-line'));
  const column = Number(reveal.getAttribute('data-column'));
  if (Number.isInteger(line) && line >= 1 && Number.isInteger(column) && column >= 1) post({ type: 'reveal', position: { line, column } });
});

let filterTimer = 0;
filter.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => ask({ filter: filter.value, offsets: {} }), 120);
});

function ask(next: ViewQuery): void {
  query = next;
  post({ type: 'query', query: next });
}

let scrollTimer = 0;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => {
    saved = { ...saved, scrollX: window.scrollX, scrollY: window.scrollY };
    vscode.setState(saved);
  }, 100);
});

post({ type: 'ready' });
