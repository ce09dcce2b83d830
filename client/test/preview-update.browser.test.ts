/**
 * How the preview updates, in headless Chromium: after an edit the host posts what changed (a
 * patch), the page changes only the rows it names and keeps the others' nodes, any sequence of
 * updates ends in the page a fresh preview draws, and a large first render is drawn in steps that
 * end with everything shown.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ViewQuery, ViewUpdate } from '../src/preview/preview-messages';
import { analyse, chromiumSuite, closeChecked, generateLayout, newSession, openPreview, type PreviewPage, uriOf } from './preview-harness';
import { LIGHT } from './preview-themes';

const FILE = 'big.partition.yaml';

/** The layout with `name`'s memory changed (generate-layout writes `memory: 2GiB` for every child). */
function withMemory(text: string, name: string, memory: string): string {
  const at = text.indexOf(`  - name: ${name}\n`);
  const end = text.indexOf('    memory: 2GiB', at);
  return `${text.slice(0, end)}    memory: ${memory}${text.slice(end + '    memory: 2GiB'.length)}`;
}

/** The layout without `name`'s definition. */
function without(text: string, name: string): string {
  const at = text.indexOf(`  - name: ${name}\n`);
  const next = text.indexOf('\n  - ', at + 1);
  return text.slice(0, at) + text.slice(next + 1);
}

/** The page as a user meets it: its text and its elements with their classes and data. */
function pageShape(page: Page): Promise<{ text: string; html: string }> {
  return page.evaluate(() => {
    const app = document.getElementById('app')!;
    return { text: app.innerText, html: app.innerHTML };
  });
}

describe('allocation preview updates, in Chromium', function () {
  const chromium = chromiumSuite();
  let view: PreviewPage;

  beforeEach(async function () {
    view = await openPreview(chromium.browser(), chromium.server(), LIGHT);
  });

  afterEach(async function () {
    await closeChecked(view, this.currentTest);
  });

  it('an edit of one partition among 1,000 posts a small patch; the page shows the new value and keeps the other rows', async function () {
    const text = generateLayout(1000);
    await view.show(text, FILE, 1);
    await view.page.evaluate(() => {
      const w = window as unknown as { __kept: Record<string, Element | null> };
      w.__kept = { vm1: document.querySelector('#partitions tr[data-partition="vm1"]'), vm5: document.querySelector('#partitions tr[data-partition="vm5"]'), disk0: document.querySelector('#devices tr[data-device="disk0"]'), processors: document.querySelector('#processors') };
    });
    const edited = withMemory(text, 'vm5', '3GiB');
    const answer = await analyse(edited, 2);
    const update = view.session.answer(uriOf(FILE), FILE, answer);
    const whole = (await newSession()).answer(uriOf(FILE), FILE, answer);
    assert.equal(update.type, 'patch');
    assert.equal(whole.type, 'view');
    const sizes = { patch: JSON.stringify(update).length, view: JSON.stringify(whole).length };
    assert.ok(sizes.patch * 10 < sizes.view, `the patch (${sizes.patch} bytes) is under a tenth of the view (${sizes.view} bytes)`);
    await view.post(update);

    assert.equal(await view.page.locator('#partitions tr[data-partition="vm5"] td:nth-child(4)').innerText(), '3 GiB');
    const kept = await view.page.evaluate(() => {
      const w = window as unknown as { __kept: Record<string, Element | null> };
      return Object.fromEntries(Object.entries(w.__kept).map(([k, node]) => [k, node !== null && node.isConnected]));
    });
    assert.deepEqual(kept, { vm1: true, vm5: false, disk0: true, processors: true });
  });

  it('a sequence of edits, filters and pages ends in the page a fresh preview draws of the last view', async function () {
    const base = generateLayout(120);
    const steps: Array<{ text: string } | { query: ViewQuery }> = [
      { text: withMemory(base, 'vm5', '3GiB') },
      { query: { filter: 'vm1', offsets: {} } },
      { text: without(withMemory(base, 'vm5', '3GiB'), 'vm12') },
      { query: { filter: '', offsets: { partitions: 50, devices: 50 } } },
      { text: without(withMemory(base, 'vm5', '5GiB'), 'vm12').replace('  - name: vm60\n', '  - name: vm60-renamed\n') },
      { query: { filter: '', offsets: { partitions: 50 } } },
    ];
    await view.show(base, FILE, 1);
    let text = base;
    let version = 1;
    const kinds: string[] = [];
    for (const step of steps) {
      let update: ViewUpdate | undefined;
      if ('text' in step) {
        text = step.text;
        update = view.session.answer(uriOf(FILE), FILE, await analyse(text, ++version));
      } else {
        update = view.session.ask(step.query);
      }
      assert.ok(update);
      kinds.push(update.type);
      await view.post(update);
    }
    assert.ok(kinds.includes('patch'), `patches were posted (${kinds.join(', ')})`);
    const updated = await pageShape(view.page);

    const fresh = await openPreview(chromium.browser(), chromium.server(), LIGHT);
    try {
      fresh.session.ask(view.session.query);
      await fresh.show(text, FILE, version);
      const drawn = await pageShape(fresh.page);
      assert.equal(updated.text, drawn.text);
      assert.equal(updated.html, drawn.html);
      assert.match(drawn.text, /vm60-renamed/);
      assert.match(drawn.text, /partitions 51–100 of 120\b/, 'vm12 is gone');
    } finally {
      await fresh.page.close();
    }
  });

  it('a first render of 1,000 partitions draws the header and bars first, then the tables, and ends with everything shown', async function () {
    // which frame each part of the page first appeared in
    await view.page.evaluate(() => {
      const w = window as unknown as { __frame: number; __seen: Record<string, number> };
      w.__frame = 0;
      w.__seen = {};
      const tick = (): void => {
        w.__frame++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const parts: Record<string, string> = { bars: '#processors-bar .segment', partitions: '#partitions tbody tr[data-partition]', devices: '#devices tbody tr[data-device]' };
      new MutationObserver(() => {
        for (const [part, selector] of Object.entries(parts)) if (w.__seen[part] === undefined && document.querySelector(selector)) w.__seen[part] = w.__frame;
      }).observe(document.getElementById('app')!, { childList: true, subtree: true });
    });
    await view.show(generateLayout(1000), FILE);
    const seen = await view.page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
    assert.ok(seen.bars < seen.partitions && seen.partitions < seen.devices, `bars, then partitions, then devices, in later frames: ${JSON.stringify(seen)}`);
    const shown = await view.page.evaluate(() => ({
      title: document.querySelector('h1')?.textContent,
      partitions: document.querySelectorAll('#partitions tbody tr[data-partition]').length,
      devices: document.querySelectorAll('#devices tbody tr[data-device]').length,
      numa: document.querySelectorAll('#numa tbody tr').length,
      memory: document.querySelectorAll('#memory-bar .segment').length,
      labels: Array.from(document.querySelectorAll('#processors-bar .seg-label')).filter((l) => (l as HTMLElement).offsetWidth > 0).length,
      busy: document.getElementById('app')?.getAttribute('aria-busy'),
    }));
    assert.ok(shown.title);
    assert.equal(shown.partitions, 50);
    assert.equal(shown.devices, 50);
    assert.ok(shown.memory > 10);
    assert.ok(shown.labels > 0, 'bar labels are fitted');
    assert.equal(shown.busy, null);
    const rendered = (await view.posted()).filter((m) => m.type === 'rendered');
    assert.equal(rendered.length, 1, 'one render, reported once when finished');
  });
});
