/**
 * The preview's virtual switch, GPU partition and MMIO sections and its per-host limits, in headless
 * Chromium with the real webview, stylesheet and CSP, from allocation models of the real core.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumSuite, closeChecked, fixtureText, openPreview, type PreviewPage, repoRoot } from './preview-harness';
import { DARK, LIGHT } from './preview-themes';

const EDGE = 'edge-sriov-switches.partition.yaml';
const VDI = 'vdi-gpu-partitioning.partition.yaml';
const INJECTION = '<img src=x onerror=alert(1)>';

function ruleFixture(rule: string, name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test-fixtures', 'rules', rule, `${name}.partition.yaml`), 'utf8');
}

/** The cells of a section's table rows as the user reads them, whitespace of each line trimmed. */
function rows(page: Page, section: string): Promise<string[][]> {
  return page.evaluate(
    (id) =>
      Array.from(document.querySelectorAll(`#${id} tbody tr`), (tr) =>
        Array.from(tr.querySelectorAll('td'), (td) =>
          (td as HTMLElement).innerText
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== '')
            .join('\n'),
        ),
      ),
    section,
  );
}

function text(page: Page, selector: string): Promise<string> {
  return page.locator(selector).innerText();
}

/** A section's heading as written (the stylesheet shows it in capitals). */
function heading(page: Page, section: string): Promise<string | null> {
  return page.locator(`#${section} h2`).textContent();
}

/** What the header shows of one per-host limit: label, value, detail, and whether it is marked over. */
async function limit(page: Page, id: string): Promise<{ label: string; value: string; detail: string; over: boolean }> {
  const stat = page.locator(`header #host-limits #${id}`);
  return {
    label: await stat.locator('.stat-label').innerText(),
    value: await stat.locator('.stat-value').innerText(),
    detail: await stat.locator('.stat-detail').innerText(),
    over: ((await stat.getAttribute('class')) ?? '').split(' ').includes('over'),
  };
}

describe('allocation preview in Chromium: switches, GPU partitions, MMIO and host limits', function () {
  const chromium = chromiumSuite();
  let view: PreviewPage;

  beforeEach(async function () {
    view = await openPreview(chromium.browser(), chromium.server(), LIGHT);
  });

  afterEach(async function () {
    await closeChecked(view, this.currentTest);
  });

  it('lists the switches of an edge host: type, uplinks, SR-IOV and the children plugged in', async function () {
    const a = (await view.show(fixtureText(EDGE), EDGE))!;
    assert.equal(await heading(view.page, 'switches'), 'Virtual switches');
    assert.equal(await text(view.page, '#switches .summary'), '4 switches · 2 external, 1 internal, 1 private · 1 with SR-IOV');
    assert.deepEqual(await rows(view.page, 'switches'), [
      ['mgmt-uplink', 'external', 'nic0', 'no', 'fw01'],
      ['plant', 'external', 'nic1', 'yes', 'fw01, historian01, hmi01'],
      ['host-local', 'internal', '—', 'no', 'historian01, hmi01'],
      ['ot', 'private', '—', 'no', 'fw01, otgw01'],
    ]);
    assert.match((await view.page.locator('#switches tr[data-switch="ot"] td:nth-child(2)').getAttribute('title')) ?? '', /^private: connects the VMs on it with each other only/);
    // clicking a switch's name reveals its entry under host.switches
    await view.page.locator('#switches tr[data-switch="plant"] button.link').click();
    const reveal = (await view.posted()).filter((m) => m.type === 'reveal').at(-1);
    assert.deepEqual(reveal, { type: 'reveal', position: a.switches.find((s) => s.name === 'plant')!.position });
    // no partitionable GPU on this host: no GPU section at all
    assert.equal(await view.page.locator('#gpus').isVisible(), false);
  });

  it('shows each partitionable GPU of a VDI host with its partitions used and the children that take one', async function () {
    await view.show(fixtureText(VDI), VDI);
    assert.equal(await heading(view.page, 'gpus'), 'GPU partitions');
    assert.equal(await text(view.page, '#gpus .summary'), '2 partitionable GPUs · 7 of 8 partitions used');
    assert.deepEqual(await rows(view.page, 'gpus'), [
      ['gpu0\n0000:21:00.0', '4 of 4 partitions used\nall used', 'vdi01, vdi02, vdi03, vdi04'],
      ['gpu1\n0000:e1:00.0', '3 of 4 partitions used\n1 partition free', 'vdi05, vdi06, vdi07'],
    ]);
    // the meter is as full as the partitions used
    const fill = await view.page.evaluate(() =>
      Array.from(document.querySelectorAll('#gpus .meter'), (m) => (m.querySelector('.meter-fill') as HTMLElement).getBoundingClientRect().width / (m as HTMLElement).clientWidth),
    );
    assert.deepEqual(fill.map((f) => Math.round(f * 100)), [100, 75]);
    // gpu2 is assigned whole (DDA): it is in the MMIO table, not among the partitionable GPUs
    assert.deepEqual(await rows(view.page, 'mmio'), [
      ['render01', 'gpu2', '688 MiB\n176 MiB needed + 512 MiB buffer = 688 MiB recommended\nas recommended', '128 MiB\n0 B needed + 128 MiB buffer = 128 MiB recommended\nas recommended'],
    ]);
    assert.equal(await text(view.page, '#mmio .summary'), '1 child with assigned devices');
  });

  it('shows the MMIO space the layout leaves at Hyper-V’s default', async function () {
    await view.show(fixtureText(EDGE), EDGE);
    assert.deepEqual(await rows(view.page, 'mmio'), [
      ['historian01', 'nvme0', '528 MiB\n16 MiB needed + 512 MiB buffer = 528 MiB recommended\nas recommended', '128 MiB (default)\n0 B needed + 128 MiB buffer = 128 MiB recommended\nas recommended'],
    ]);
    assert.match((await view.page.locator('#mmio .mmio-low .num').getAttribute('title')) ?? '', /^mmioSpace\.low: 134,217,728 bytes \(Hyper-V’s default: the layout does not set it\)$/);
  });

  it('marks a child short of MMIO space, one below the buffer, and a GPU with more users than partitions', async function () {
    await view.show(ruleFixture('mmio-space', 'fires-low'), 'fires-low.partition.yaml');
    assert.equal(await text(view.page, '#mmio .summary'), '1 child with assigned devices · 1 short of MMIO space');
    const [short] = await rows(view.page, 'mmio');
    assert.equal(short[2], '1 GiB\n176 MiB needed + 512 MiB buffer = 688 MiB recommended\n336 MiB above the recommendation');
    assert.equal(short[3], '128 MiB (default)\n160 MiB needed + 128 MiB buffer = 288 MiB recommended\nshort by 32 MiB (mmio-space)');
    assert.equal(await view.page.locator('#mmio .mmio-low .mmio-verdict.bad').count(), 1, 'short is shown as an error');

    await view.show(ruleFixture('mmio-buffer', 'fires'), 'fires.partition.yaml');
    const [buffer] = await rows(view.page, 'mmio');
    assert.equal(buffer[2], '512 MiB (default)\n176 MiB needed + 512 MiB buffer = 688 MiB recommended\n176 MiB below the recommendation (mmio-buffer)');
    assert.equal(await view.page.locator('#mmio .mmio-high .mmio-verdict.warn').count(), 1, 'below the buffer is shown as a warning');

    await view.show(ruleFixture('mmio-space', 'fires-low-4gib'), 'low-4gib.partition.yaml');
    assert.equal((await rows(view.page, 'mmio'))[0][3], '4 GiB\n0 B needed + 128 MiB buffer = 128 MiB recommended\nnot below 4 GiB, where low MMIO space lies (mmio-space)');
    assert.equal(await view.page.locator('#mmio .mmio-low .mmio-verdict.bad').count(), 1);

    await view.show(ruleFixture('gpu-partition', 'fires'), 'gpu-fires.partition.yaml');
    assert.deepEqual((await rows(view.page, 'gpus'))[0].slice(1), ['3 of 2 partitions used\n1 more user than partitions', 'vdi01, vdi02, vdi03']);
    assert.equal(await view.page.locator('#gpus .gpu-use.over .bad').count(), 1);
  });

  it('shows the per-host limits in the header: guest VPs and running partitions against the release’s', async function () {
    await view.show(fixtureText(VDI), VDI);
    assert.deepEqual(await limit(view.page, 'host-vps'), { label: 'Guest VPs per host', value: '72 / 2,048', detail: '3.5% of the Windows Server 2025 limit', over: false });
    assert.deepEqual(await limit(view.page, 'running-partitions'), { label: 'Running partitions per host', value: '8 / 1,024', detail: '0.8% of the Windows Server 2025 limit', over: false });

    await view.show(ruleFixture('host-vp-limit', 'fires-override'), 'override.partition.yaml');
    assert.deepEqual(await limit(view.page, 'host-vps'), { label: 'Guest VPs per host', value: '72 / 64', detail: '8 over hypervisor.limits.hostVirtualProcessors', over: true });

    await view.show(ruleFixture('running-partition-limit', 'near-miss-nested'), 'nested.partition.yaml');
    // the nested child runs inside its parent: 2 running partitions on this host, exactly the override's limit
    assert.deepEqual(await limit(view.page, 'running-partitions'), { label: 'Running partitions per host', value: '2 / 2', detail: '100% of hypervisor.limits.runningPartitions', over: false });
  });

  it('leaves out the sections a layout has nothing for, and says when no per-host limit applies', async function () {
    await view.show(fixtureText('ws2008-host.partition.yaml'), 'ws2008-host.partition.yaml');
    for (const id of ['switches', 'gpus', 'mmio']) assert.equal(await view.page.locator(`#${id}`).isVisible(), false, `#${id} is not shown`);
    // the headings shown (textContent: the stylesheet writes them in capitals)
    const headings = await view.page.evaluate(() => Array.from(document.querySelectorAll('h2'), (h) => (h.closest('[hidden]') ? '' : (h.textContent ?? ''))).filter((t) => t !== ''));
    assert.deepEqual(headings, ['Logical processors', 'Memory', 'Partitions', 'Devices']);
    assert.deepEqual(await limit(view.page, 'host-vps'), { label: 'Guest VPs per host', value: '5', detail: 'no per-host limit applies', over: false });
    assert.equal((await limit(view.page, 'running-partitions')).value, '2');

    // a second layout brings the sections back, and the first again hides them
    await view.show(fixtureText(EDGE), EDGE, 2);
    assert.equal(await view.page.locator('#switches').isVisible(), true);
    assert.equal(await view.page.locator('#mmio').isVisible(), true);
    await view.show(fixtureText('ws2008-host.partition.yaml'), 'ws2008-host.partition.yaml', 3);
    assert.equal(await view.page.locator('#switches').isVisible(), false);
  });

  it('filters and pages the switch table like the others', async function () {
    await view.page.close();
    view = await openPreview(chromium.browser(), chromium.server(), LIGHT, undefined, 2);
    await view.show(fixtureText(EDGE), EDGE);
    const names = async (): Promise<string[]> => (await rows(view.page, 'switches')).map((r) => r[0]);
    assert.deepEqual(await names(), ['mgmt-uplink', 'plant']);
    assert.equal(await text(view.page, '#switches .page-range'), 'switches 1–2 of 4');
    await view.nextRender(() => view.page.locator('#switches button.page-button', { hasText: 'Next' }).click());
    assert.deepEqual(await names(), ['host-local', 'ot']);
    // the filter finds the switches a child is on
    await view.nextRender(() => view.page.locator('#filter').fill('otgw01'));
    assert.deepEqual(await names(), ['ot']);
    assert.equal(await text(view.page, '#switches .summary'), '4 switches · 2 external, 1 internal, 1 private · 1 with SR-IOV · 1 switch of 4 match “otgw01”');
  });

  it('highlights the MMIO row of the partition and the GPU row of the device under the cursor', async function () {
    await view.show(fixtureText(VDI), VDI);
    await view.postOnly({ type: 'highlight', partition: 'render01' });
    await view.page.waitForSelector('#mmio tr.is-highlighted');
    await view.postOnly({ type: 'highlight', device: 'gpu1' });
    await view.page.waitForSelector('#gpus tr[data-device="gpu1"].is-highlighted');
    assert.equal(await view.page.locator('#mmio tr.is-highlighted').count(), 0);
  });

  it('renders switch and device names from the file as text and runs nothing', async function () {
    const hostile = fixtureText(VDI)
      .replace('name: mgmt', `name: "${INJECTION}"`)
      .replaceAll('networkAdapters: [vdi, mgmt]', `networkAdapters: [vdi, "${INJECTION}"]`)
      .replace('id: gpu1', 'id: "<b>gpu1</b>"')
      .replaceAll('gpuPartition: gpu1', 'gpuPartition: "<b>gpu1</b>"');
    await view.show(hostile, 'hostile.partition.yaml');
    assert.deepEqual((await rows(view.page, 'switches')).map((r) => r[0]), ['vdi', INJECTION]);
    assert.deepEqual((await rows(view.page, 'gpus')).map((r) => r[0].split('\n')[0]), ['gpu0', '<b>gpu1</b>']);
    assert.equal(await view.page.locator('img').count(), 0, 'no <img> element was created');
    assert.equal(await view.page.locator('#gpus b').count(), 0, 'no <b> element was created');
    await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
    assert.deepEqual(view.dialogs, []);
  });

  it('writes a screenshot of a VDI host with switches, GPU partitions and MMIO to docs/images', async function () {
    await view.page.close();
    view = await openPreview(chromium.browser(), chromium.server(), DARK, { width: 1000, height: 800 });
    await view.show(fixtureText(VDI), VDI);
    await view.postOnly({ type: 'highlight', partition: 'render01' });
    await view.page.waitForSelector('#mmio tr.is-highlighted');
    for (const id of ['host-limits', 'switches', 'gpus', 'mmio']) assert.equal(await view.page.locator(`#${id}`).isVisible(), true, `#${id} is in the picture`);
    const file = path.join(repoRoot, 'docs', 'images', 'preview-vdi.png');
    await view.page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10_000, `${file} was written`);
  });
});
