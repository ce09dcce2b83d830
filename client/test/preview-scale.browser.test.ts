/**
 * The preview at scale and as a Hyper-V administrator reads it, in headless Chromium: bars that
 * summarize, tables that page and filter, updates that patch only what changed, the root's VPs and
 * memory shown as Hyper-V gives them.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumSuite, closeChecked, fixtureText, generateLayout, loadCore, openPreview, type PreviewPage, repoRoot } from './preview-harness';
import { LIGHT } from './preview-themes';


const FILE = 'modern-gpu-nic.partition.yaml';

interface Segment {
  owner: string;
  kind: string;
  amount: number;
  label: string;
}

function segments(page: Page, bar: string, unit: 'data-vps' | 'data-bytes'): Promise<Segment[]> {
  return page.evaluate(
    ({ bar, unit }) =>
      Array.from(document.querySelectorAll(`${bar} > .segment`), (s) => ({
        owner: s.getAttribute('data-owner') ?? '',
        kind: s.getAttribute('data-kind') ?? '',
        amount: Number(s.getAttribute(unit)),
        label: (s.querySelector('.seg-label') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim() ?? '',
      })),
    { bar, unit },
  );
}

function column(page: Page, table: string, index: number): Promise<string[]> {
  return page.evaluate(({ table, index }) => Array.from(document.querySelectorAll(`#${table} tbody tr`), (tr) => (tr.children[index] as HTMLElement | undefined)?.innerText.trim() ?? ''), { table, index });
}

const sum = (xs: readonly Segment[]): number => xs.reduce((n, s) => n + s.amount, 0);

describe('allocation preview at scale, in Chromium', function () {
  const chromium = chromiumSuite();
  let view: PreviewPage;

  beforeEach(async function () {
    view = await openPreview(chromium.browser(), chromium.server(), LIGHT);
  });

  afterEach(async function () {
    await closeChecked(view, this.currentTest);
  });

  it('1,000 partitions: the bars keep the largest children and sum up the rest; the tables page; the message stays small', async function () {
    const a = (await view.show(generateLayout(1000), 'bench-1000.partition.yaml'))!;
    const message = view.session.message()!;
    assert.ok(JSON.stringify(message).length <= 100 * 1024, `the message is ${JSON.stringify(message).length} bytes`);

    const cpu = await segments(view.page, '#processors-bar', 'data-vps');
    assert.equal(cpu.filter((s) => s.kind === 'child').length, 12, 'twelve children drawn one by one');
    const more = cpu.find((s) => s.kind === 'more')!;
    assert.equal(more.amount, 988 * 2);
    assert.equal(more.label, '988 more children (1,976 VPs)');
    assert.equal(sum(cpu), a.processors.hostLogicalProcessors, 'every guest VP and the LPs left fill the bar: 2,000 VPs and 48 free of 2,048');
    assert.deepEqual(await segments(view.page, '#root-vps-bar', 'data-vps').then((s) => s.map((x) => [x.owner, x.amount])), [
      ['root', 64],
      ['free', 2048 - 64],
    ]);

    const mem = await segments(view.page, '#memory-bar', 'data-bytes');
    assert.deepEqual(mem.filter((s) => s.kind !== 'child').map((s) => [s.kind, s.amount]), [
      ['hypervisor', 4 * 2 ** 30],
      ['root', 32 * 2 ** 30],
      ['more', 988 * 2 * 2 ** 30],
      ['free', a.memory.host - 4 * 2 ** 30 - 32 * 2 ** 30 - 1000 * 2 * 2 ** 30],
    ]);
    assert.equal(sum(mem), a.memory.host);

    assert.equal((await column(view.page, 'partitions', 0)).length, 50);
    assert.equal(await view.page.locator('#partitions .page-range').innerText(), 'partitions 1–50 of 1,001');
    assert.equal(await view.page.locator('#partitions .summary').innerText(), '1,001 partitions');
    await view.nextRender(() => view.page.locator('#partitions .page-button', { hasText: 'Next' }).click());
    assert.equal(await view.page.locator('#partitions .page-range').innerText(), 'partitions 51–100 of 1,001');
    assert.equal((await column(view.page, 'partitions', 0))[0], 'vm49');
    assert.equal((await column(view.page, 'devices', 0))[0], 'disk0', 'the devices table keeps its own page');
  });

  it('the filter box finds a partition or a device among 1,000', async function () {
    await view.show(generateLayout(1000), 'bench-1000.partition.yaml');
    await view.nextRender(() => view.page.locator('#filter').fill('vm777'));
    assert.deepEqual(await column(view.page, 'partitions', 0), ['vm777']);
    assert.deepEqual(await column(view.page, 'devices', 0), ['vf777'], 'the device it owns');
    assert.equal(await view.page.locator('#partitions .summary').innerText(), '1 partition of 1,001 match “vm777”');
    await view.nextRender(() => view.page.locator('#filter').fill('0000:1f:03.1'));
    assert.deepEqual(await column(view.page, 'devices', 0), ['vf503']);
    assert.deepEqual(await column(view.page, 'partitions', 0), ['No partition matches the filter.']);
    // the bars always show the whole host
    assert.equal(await view.page.locator('#processors-bar > .segment[data-kind="more"]').count(), 1);
  });

  it('10,000 partitions: the processor and memory bars still add up to what the host is asked', async function () {
    this.timeout(180_000);
    const a = (await view.show(generateLayout(10_000), 'bench-10000.partition.yaml'))!;
    const cpu = await segments(view.page, '#processors-bar', 'data-vps');
    assert.equal(sum(cpu), 20_000, 'all 20,000 guest VPs, over 2,048 LPs');
    assert.equal(await view.page.locator('#processors-bar.overflow .host-marker').count(), 1);
    assert.match(await view.page.locator('#processors .summary').innerText(), /^20,000 guest VPs on 2,048 logical processors: more VPs than LPs/);
    const mem = await segments(view.page, '#memory-bar', 'data-bytes');
    assert.equal(sum(mem), a.memory.host);
    assert.equal(mem.find((s) => s.kind === 'more')!.label, `9,988 more children (${(9988 * 2 / 1024).toFixed(1)} TiB)`);
    assert.ok(JSON.stringify(view.session.message()).length <= 100 * 1024);
  });

  it('an update patches only the rows and sections that changed', async function () {
    const text = fixtureText(FILE);
    await view.show(text, FILE, 1);
    await view.page.evaluate(() => {
      for (const n of Array.from(document.querySelectorAll('#devices tbody tr, #partitions tbody tr, #processors, #memory'))) (n as unknown as { __kept: boolean }).__kept = true;
    });
    await view.show(text.replace('memory: 16GiB', 'memory: 20GiB'), FILE, 2);
    const kept = await view.page.evaluate(() => {
      const was = (sel: string): boolean => (document.querySelector(sel) as unknown as { __kept?: boolean } | null)?.__kept === true;
      return { devices: Array.from(document.querySelectorAll('#devices tbody tr')).every((n) => (n as unknown as { __kept?: boolean }).__kept), web01: was('#partitions tr[data-partition="web01"]'), edge01: was('#partitions tr[data-partition="edge01"]'), processors: was('#processors'), memory: was('#memory') };
    });
    assert.deepEqual(kept, { devices: true, web01: true, edge01: false, processors: true, memory: false });
    assert.match(await view.page.locator('#partitions tr[data-partition="edge01"] td:nth-child(4)').innerText(), /^20 GiB/);
  });

  it('sizes read as in the CLI and the hover: 12.25 GiB is 12.3 GiB', async function () {
    await view.show(fixtureText(FILE).replace('memory: 16GiB', 'memory: 12544MiB'), FILE);
    const { formatBytes } = (await import(path.join(repoRoot, 'server', 'out', 'src', 'core', 'util', 'sizes.js'))) as { formatBytes(n: number): string };
    assert.equal(formatBytes(12544 * 2 ** 20), '12.3 GiB');
    assert.equal(await view.page.locator('#partitions tr[data-partition="edge01"] td:nth-child(4)').innerText(), '12.3 GiB');
    assert.match(await view.page.locator('#memory .legend-item[data-partition="edge01"]').innerText(), /12\.3 GiB/);
  });

  it('memory: a root that states none keeps its reserve, and the rest is free for new children', async function () {
    const text = fixtureText(FILE).replace('    memory: 8GiB\n    devices: [nic0]', '    devices: [nic0]');
    const a = (await view.show(text, FILE))!;
    await loadCore();
    const root = a.memory.segments.find((s) => s.kind === 'root')!;
    assert.equal(root.implicit, true);
    const mem = await segments(view.page, '#memory-bar', 'data-bytes');
    assert.deepEqual(mem.find((s) => s.kind === 'root')!.amount, a.memory.rootMinimum);
    const committed = 512 * 2 ** 20 + a.memory.rootMinimum + (2 + 32 + 16) * 2 ** 30;
    const summary = await view.page.locator('#memory .summary').innerText();
    assert.ok(!summary.includes('100%'), summary);
    assert.match(summary, /^[\d.]+ [GM]iB committed of 128 GiB \(\d+%\)$/);
    assert.ok(committed < a.memory.host);
    assert.match(await view.page.locator('#memory .legend-item', { hasText: 'free' }).innerText(), /for new children/);
    assert.doesNotMatch(await view.page.locator('#memory .legend').innerText(), /none/);
  });

  it('no hypervisor line without a reserve, and no guest generation for the root', async function () {
    await view.show(fixtureText(FILE).replace('  reserve:\n    memory: 512MiB\n', ''), FILE);
    assert.equal(await view.page.locator('#memory-bar > .segment[data-owner="hypervisor"]').count(), 0);
    assert.doesNotMatch(await view.page.locator('#memory .legend').innerText(), /hypervisor|reserve 0/);
    assert.equal(await view.page.locator('#partitions tr[data-partition="root"] td.guest').innerText(), '—');
    assert.match(await view.page.locator('#partitions tr[data-partition="web01"] td.guest').innerText(), /gen 2 · enlightened/);
  });

  it('an overcommitted processor bar draws its LP marker through no label', async function () {
    // 2 + 8 + 40 guest VPs on 32 LPs
    await view.show(fixtureText(FILE).replace('    virtualProcessors: 4\n    memory: 16GiB', '    virtualProcessors: 40\n    memory: 16GiB'), FILE);
    for (const width of [540, 1000]) {
      await view.page.setViewportSize({ width, height: 900 });
      await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const hits = await view.page.evaluate(() => {
        const marker = document.querySelector('#processors-bar .host-marker')!.getBoundingClientRect();
        const labels = Array.from(document.querySelectorAll('#processors-bar .seg-label')).filter((l) => (l as HTMLElement).offsetParent !== null);
        return { labels: labels.length, crossed: labels.filter((l) => {
          const r = l.getBoundingClientRect();
          return r.width > 0 && marker.left + marker.width > r.left && marker.left < r.right;
        }).map((l) => (l as HTMLElement).innerText) };
      });
      assert.ok(hits.labels > 0, `${width}px: some labels are drawn`);
      assert.deepEqual(hits.crossed, [], `${width}px: no label under the marker`);
    }
  });
});
