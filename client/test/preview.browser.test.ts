/**
 * The allocation preview in a real browser: headless Chromium loads the panel's real HTML
 * (previewHtml) with the real bundled webview and preview.css under the real CSP, receives the
 * views the extension host's own PreviewSession builds from allocation models computed by the real
 * core, and we check what a user sees.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { AllocationModel } from '../../server/src/core/model/allocation-types';
import { contentSecurityPolicy } from '../src/preview/preview-html';
import { applyTheme, chromiumSuite, closeChecked, fixtureText, generateLayout, openPreview, type PreviewPage, repoRoot, uriOf } from './preview-harness';
import { DARK, HIGH_CONTRAST, LIGHT } from './preview-themes';

const INJECTION = '<img src=x onerror=alert(1)>';
const FIXTURES = fs.readdirSync(path.join(repoRoot, 'test-fixtures', 'valid')).filter((f) => f.endsWith('.partition.yaml'));

interface MeasuredSegment {
  owner: string;
  kind: string;
  amount: number;
  width: number;
  left: number;
}

interface MeasuredBar {
  inner: number;
  left: number;
  segments: MeasuredSegment[];
}

/** Segment widths as laid out, from the bar (`#memory-bar` or `#processors-bar`) or the nested track. */
function measure(page: Page, selector: string, amountAttr: 'data-bytes' | 'data-vps'): Promise<MeasuredBar> {
  return page.evaluate(
    ({ selector, amountAttr }) => {
      const bar = document.querySelector(selector) as HTMLElement;
      const box = bar.getBoundingClientRect();
      return {
        inner: bar.clientWidth,
        left: box.left + bar.clientLeft,
        segments: Array.from(bar.querySelectorAll(':scope > .segment'), (s) => {
          const r = s.getBoundingClientRect();
          return { owner: s.getAttribute('data-owner') ?? '', kind: s.getAttribute('data-kind') ?? '', amount: Number(s.getAttribute(amountAttr)), width: r.width, left: r.left };
        }),
      };
    },
    { selector, amountAttr },
  );
}

/**
 * What the memory bar must show: the reserve (when there is one), the root's share (what it states,
 * or, when it states none, its reserve rootMemoryMinimum), each child at startup (dynamic: then the
 * range to its maximum), and what is free for new children.
 */
function expectedMemory(a: AllocationModel): Array<{ owner: string; kind: string; amount: number }> {
  const out: Array<{ owner: string; kind: string; amount: number }> = [];
  for (const s of a.memory.segments) {
    if (s.kind === 'free' || (s.kind === 'hypervisor' && s.bytes === 0)) continue;
    const amount = s.kind === 'root' && s.implicit ? Math.min(s.bytes, a.memory.rootMinimum) : s.bytes;
    out.push({ owner: s.owner, kind: s.kind, amount });
    if (s.dynamic && s.maximum !== undefined && s.maximum > s.bytes) out.push({ owner: s.owner, kind: 'growth', amount: s.maximum - s.bytes });
  }
  const used = out.reduce((n, s) => n + s.amount, 0);
  if (a.memory.host > used) out.push({ owner: 'free', kind: 'free', amount: a.memory.host - used });
  return out;
}

function assertProportional(bar: MeasuredBar, scale: number, what: string): void {
  for (const s of bar.segments) {
    const expected = (s.amount / scale) * bar.inner;
    assert.ok(Math.abs(s.width - expected) <= 1, `${what}: ${s.owner} (${s.kind}) is ${s.width.toFixed(2)}px wide, expected ${expected.toFixed(2)}px (${s.amount} of ${scale} on ${bar.inner}px)`);
  }
}

function text(page: Page, selector: string): Promise<string> {
  return page.locator(selector).innerText();
}

function deviceRows(page: Page): Promise<string[][]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('#devices tbody tr'), (tr) => Array.from(tr.querySelectorAll('td'), (td) => (td as HTMLElement).innerText.trim())));
}

describe('allocation preview in Chromium', function () {
  const chromium = chromiumSuite();
  let view: PreviewPage;

  beforeEach(async function () {
    view = await openPreview(chromium.browser(), chromium.server(), LIGHT);
  });

  afterEach(async function () {
    await closeChecked(view, this.currentTest);
  });

  it('serves the real HTML shell with a strict CSP and a fresh nonce per load', async function () {
    const server = chromium.server();
    const first = server.lastHtml;
    const nonce = /nonce="([^"]+)"/.exec(first)?.[1];
    assert.ok(nonce && nonce.length >= 22, 'a nonce of 16 random bytes');
    assert.ok(first.includes(`content="${contentSecurityPolicy(server.origin, nonce)}"`));
    assert.match(contentSecurityPolicy(server.origin, nonce), /^default-src 'none'; style-src http:\/\/127\.0\.0\.1:\d+ 'nonce-[^']+'; script-src 'nonce-[^']+'; img-src http:\/\/127\.0\.0\.1:\d+ data:;$/);
    await view.page.reload();
    await view.page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    const second = /nonce="([^"]+)"/.exec(server.lastHtml)?.[1];
    assert.notEqual(second, nonce, 'each render gets a new nonce');
  });

  it('blocks a script without the nonce (the CSP is in force and violations are seen)', async function () {
    const ran = await view.page.evaluate(async () => {
      const blocked = new Promise((resolve) => document.addEventListener('securitypolicyviolation', resolve, { once: true }));
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      // an allowed inline script would have run during append
      document.body.append(s);
      await blocked;
      return (window as unknown as { __ran?: boolean }).__ran === true;
    });
    assert.equal(ran, false);
    await view.page.waitForFunction(() => (window as unknown as { __violations: string[] }).__violations.length > 0);
    assert.match((await view.violations())[0], /^script-src/);
    // this test provoked the violation on purpose
    view.problems.length = 0;
    await view.page.evaluate(() => ((window as unknown as { __violations: string[] }).__violations.length = 0));
  });

  for (const file of FIXTURES) {
    it(`${file}: memory and processor bars are proportional to bytes and VPs`, async function () {
      const a = (await view.show(fixtureText(file), file))!;

      const memory = await measure(view.page, '#memory-bar', 'data-bytes');
      assert.deepEqual(
        memory.segments.map(({ owner, kind, amount }) => ({ owner, kind, amount })),
        expectedMemory(a),
      );
      assertProportional(memory, a.memory.host, 'memory');
      const total = memory.segments.reduce((n, s) => n + s.width, 0);
      assert.ok(Math.abs(total - memory.inner) <= 1, 'a layout that fits fills the bar exactly');

      // the guests' VPs against the host's LPs; the root's VPs apart (they time-share the LPs with the guests')
      const root = a.processors.partitions.find((p) => p.role === 'root')!;
      const guests = a.processors.partitions.filter((p) => p !== root && !p.nested && p.parent === root.name);
      const used = guests.reduce((n, p) => n + p.virtualProcessors, 0);
      const processors = await measure(view.page, '#processors-bar', 'data-vps');
      const expected = guests.map((p) => ({ owner: p.name, amount: p.virtualProcessors }));
      if (a.processors.hostLogicalProcessors > used) expected.push({ owner: 'free', amount: a.processors.hostLogicalProcessors - used });
      assert.deepEqual(
        processors.segments.map(({ owner, amount }) => ({ owner, amount })),
        expected,
      );
      assertProportional(processors, Math.max(a.processors.hostLogicalProcessors, used), 'processors');
      const rootBar = await measure(view.page, '#root-vps-bar', 'data-vps');
      assert.equal(rootBar.segments[0].owner, root.name);
      assert.equal(rootBar.segments[0].amount, Math.min(root.virtualProcessors, a.processors.hostLogicalProcessors));
      assertProportional(rootBar, a.processors.hostLogicalProcessors, 'root VPs');

      for (const s of memory.segments) {
        const title = await view.page.locator(`#memory-bar > .segment[data-owner="${s.owner}"][data-kind="${s.kind}"]`).getAttribute('aria-label');
        assert.ok(title?.includes(`${s.amount.toLocaleString('en-US')} bytes`), `${s.owner}'s segment states its exact bytes: ${title}`);
      }
    });
  }

  it('shows the header, the ratios and the problem counts', async function () {
    await view.show(fixtureText('modern-gpu-nic.partition.yaml'), 'modern-gpu-nic.partition.yaml');
    assert.equal(await text(view.page, 'h1'), 'hv-lab-01');
    const facts = await text(view.page, '.facts');
    assert.match(facts, /modern-gpu-nic\.partition\.yaml/);
    assert.match(facts, /Windows Server 2025/);
    assert.match(facts, /microkernelized hypervisor/);
    assert.deepEqual(await problemCounts(view.page), ['0 errors', '0 warnings', '0 info']);
    // 14 child VPs on 32 LPs; limit from the ws2025 release
    assert.equal(await view.page.locator('#vp-ratio .stat-value').innerText(), '0.44 : 1');
    assert.match(await view.page.locator('#vp-ratio .stat-label').innerText(), /^Guest VP:LP ratio/);
    assert.match(await view.page.locator('#vp-ratio .stat-detail').innerText(), /^14 guest VPs on 32 LPs · limit \d+(\.\d+)? : 1$/);
    // the root's 8 VPs are shown apart, not stacked against the guests'
    assert.match(await text(view.page, '#root-vps .root-note'), /^root runs 8 VPs on 32 LPs \(a minimum root\): guest VPs time-share the LPs with them$/);
    assert.equal(await view.page.locator('#processors-bar > .segment[data-owner="root"]').count(), 0);
    // reserve 0.5 + root 8 + web01 at maximum 4 + render01 32 + edge01 16 = 60.5 of 128 GiB
    assert.equal(await view.page.locator('#memory-ratio .stat-value').innerText(), '0.47 × host');
    assert.match(await view.page.locator('#memory-ratio .stat-detail').innerText(), /^60\.5 GiB of 128 GiB/);
    assert.equal(await text(view.page, '#memory .summary'), '58.5 GiB committed of 128 GiB (46%)');
    // two NUMA nodes of 16 LPs and 64 GiB: every child fits one
    assert.match(await text(view.page, '#numa .summary'), /^2 nodes · 16 LPs and 64 GiB each · spanning allowed$/);
    const numa = await view.page.evaluate(() => Array.from(document.querySelectorAll('#numa tbody tr'), (tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    // the nodes pinned partitions use: web01 on LPs 8-9 (node 0), render01 on LPs 16-23 (node 1)
    assert.deepEqual(numa, ['web01 2 4 GiB 0 fits one node', 'render01 8 32 GiB 1 fits one node', 'edge01 4 16 GiB — fits one node']);
    const chips = await view.page.evaluate(() => Array.from(document.querySelectorAll('#numa .numa-node'), (n) => (n as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(chips, ['node 0 web01', 'node 1 render01']);
  });

  it('leaves NUMA out on a single-node host', async function () {
    const text1 = fixtureText('modern-gpu-nic.partition.yaml').replace('numaNodes: 2', 'numaNodes: 1');
    await view.show(text1, 'one-node.partition.yaml');
    assert.equal(await view.page.locator('#numa').isVisible(), false);
    assert.equal(await view.page.locator('#memory').count(), 1);
  });

  it('lists every device with its owner, how it is owned, what it backs and where its driver runs', async function () {
    await view.show(fixtureText('modern-gpu-nic.partition.yaml'), 'modern-gpu-nic.partition.yaml');
    const rows = await deviceRows(view.page);
    assert.deepEqual(rows, [
      ['nic0', 'network', '0000:03:00.0', 'root', 'root (listed)\nbacks synthetic network for web01', 'ixgbe in root'],
      ['nic1', 'network', '0000:03:00.1', 'edge01', 'assigned', 'ixgbe in edge01'],
      ['gpu0', 'gpu', '0000:65:00.0', 'render01', 'assigned', 'nvlddmkm in render01'],
      ['disk0', 'storage', '—', 'root', 'root by default\nbacks synthetic storage for web01, render01, edge01', 'stornvme in root'],
      ['acpi', 'platform', '—', 'root', 'root by default', '—'],
    ]);
  });

  it('shows drivers of a monolithic hypervisor running in the hypervisor', async function () {
    await view.show(fixtureText('monolithic-contrast.partition.yaml'), 'monolithic-contrast.partition.yaml');
    const rows = await deviceRows(view.page);
    const withDriver = rows.filter((r) => r[5] !== '—');
    assert.ok(withDriver.length > 0);
    for (const r of withDriver) assert.match(r[5], / in hypervisor$/, r.join(' | '));
  });

  it('marks nested partitions under their parent, proportional to their VPs', async function () {
    const a = (await view.show(fixtureText('nested-virtualization.partition.yaml'), 'nested-virtualization.partition.yaml'))!;
    const bar = await measure(view.page, '#processors-bar', 'data-vps');
    const nested = await measure(view.page, '.nested-track', 'data-vps');
    const guestVps = a.processors.partitions.filter((p) => p.parent === 'root' && !p.nested).reduce((n, p) => n + p.virtualProcessors, 0);
    const scale = Math.max(a.processors.hostLogicalProcessors, guestVps);
    assert.deepEqual(
      nested.segments.map((s) => [s.owner, s.amount]),
      [
        ['inner01', 4],
        ['inner02', 4],
      ],
    );
    assertProportional({ ...nested, inner: bar.inner }, scale, 'nested');
    const lab = bar.segments.find((s) => s.owner === 'lab01')!;
    assert.ok(Math.abs(nested.segments[0].left - lab.left) <= 1, 'the first nested child starts under its parent');
    assert.ok(Math.abs(nested.segments[1].left - (nested.segments[0].left + nested.segments[0].width)) <= 1, 'the second follows the first');
    const roles = await view.page.evaluate(() => Array.from(document.querySelectorAll('#partitions tbody tr'), (tr) => (tr.children[1] as HTMLElement).innerText));
    assert.deepEqual(roles, ['root', 'child', 'nested in lab01', 'nested in lab01']);
  });

  it('shows a memory shortfall with the host edge when the partitions do not fit', async function () {
    const over = fixtureText('modern-gpu-nic.partition.yaml').replace('memory: 32GiB', 'memory: 120GiB');
    const a = (await view.show(over, 'over.partition.yaml'))!;
    assert.ok(a.memory.shortfall > 0);
    const bar = await measure(view.page, '#memory-bar', 'data-bytes');
    const shown = bar.segments.reduce((n, s) => n + s.amount, 0);
    assert.equal(shown, a.memory.committedAtMaximum);
    assertProportional(bar, shown, 'memory over the host');
    const marker = await view.page.locator('#memory-bar .host-marker').boundingBox();
    assert.ok(marker);
    assert.ok(Math.abs(marker.x - (bar.left + (a.memory.host / shown) * bar.inner)) <= 1.5, 'the host marker sits at the host’s size');
    assert.match(await text(view.page, '#memory .banner'), /exceeds host memory \(128 GiB\) by 18\.5 GiB/);
  });

  it('updates in place on a second model and keeps the scroll position', async function () {
    await view.page.setViewportSize({ width: 900, height: 420 });
    const original = fixtureText('modern-gpu-nic.partition.yaml');
    await view.show(original, 'modern-gpu-nic.partition.yaml', 1);
    await view.page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
      window.scrollTo(0, 300);
    });
    const before = await view.page.evaluate(() => window.scrollY);
    assert.equal(before, 300, 'the page is long enough to scroll');
    const widthBefore = (await measure(view.page, '#memory-bar', 'data-bytes')).segments.find((s) => s.owner === 'render01')!;

    const edited = original.replace('memory: 32GiB', 'memory: 48GiB').replace('virtualProcessors: 8\n    processorAffinity', 'virtualProcessors: 12\n    processorAffinity');
    await view.show(edited, 'modern-gpu-nic.partition.yaml', 2);

    const after = await measure(view.page, '#memory-bar', 'data-bytes');
    const render01 = after.segments.find((s) => s.owner === 'render01')!;
    assert.equal(render01.amount, 48 * 2 ** 30);
    assert.ok(Math.abs(render01.width / widthBefore.width - 1.5) < 0.02, 'render01 grew by half');
    assertProportional(after, 128 * 2 ** 30, 'memory after the edit');
    const cpu = await measure(view.page, '#processors-bar', 'data-vps');
    assert.equal(cpu.segments.find((s) => s.owner === 'render01')!.amount, 12);
    assertProportional(cpu, 32, 'processors after the edit');
    assert.match(await text(view.page, '#memory .summary'), /^74\.5 GiB committed/);
    assert.equal(await view.page.evaluate(() => window.scrollY), before, 'same scroll position');
    assert.equal(await view.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'no reload');
    const readies = (await view.posted()).filter((m) => m.type === 'ready');
    assert.equal(readies.length, 1);
  });

  it('reports the rendered partition names back to the extension', async function () {
    await view.show(fixtureText('ws2008-host.partition.yaml'), 'ws2008-host.partition.yaml');
    const rendered = (await view.posted()).filter((m) => m.type === 'rendered');
    assert.deepEqual(rendered.at(-1), { type: 'rendered', partitions: ['root', 'web01', 'legacy01'] });
  });

  it('renders strings from the file as text and runs nothing', async function () {
    const hostile = fixtureText('modern-gpu-nic.partition.yaml')
      .replace('os: windows-server-2025', `os: "${INJECTION}"`)
      .replace('id: acpi', `id: "${INJECTION}"`)
      .replace('name: hv-lab-01', 'name: "<script>alert(2)</script>"');
    await view.show(hostile, 'hostile.partition.yaml');
    assert.ok((await view.page.locator('#problems .sev-error').getAttribute('data-count')) !== '0', 'the bad device id is an error: the layout still renders');
    assert.equal(await text(view.page, 'h1'), '<script>alert(2)</script>');
    assert.equal(await view.page.locator('#partitions tr[data-partition="web01"] .os').innerText(), INJECTION);
    const ids = await view.page.evaluate(() => Array.from(document.querySelectorAll('#devices tbody tr td:first-child'), (td) => (td as HTMLElement).innerText));
    assert.ok(ids.includes(INJECTION));
    assert.equal(await view.page.locator('img').count(), 0, 'no <img> element was created');
    assert.equal(await view.page.locator('script').count(), 1, 'only the panel’s own script');
    assert.match(await text(view.page, '.banner'), /^1 error in this layout: the allocation below is computed from what could be read/);
    // the next frame is laid out and painted: an injected handler would have run by then
    await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(view.dialogs, []);
  });

  it('keeps the last allocation, dimmed, when the file stops being YAML', async function () {
    await view.show(fixtureText('ws2008-host.partition.yaml'), 'ws2008-host.partition.yaml', 1);
    assert.equal(await view.show('partitions: [\n  - name: {', 'ws2008-host.partition.yaml', 2), undefined);
    assert.match(await text(view.page, '.banner-error'), /not valid YAML right now: showing the last allocation/);
    assert.equal(await view.page.locator('.body.stale #memory-bar').count(), 1);
    assert.match((await problemCounts(view.page))[0], /^[1-9]\d* errors?$/);
  });

  it('says why when the server cannot compute the allocation, keeping the same file’s last one', async function () {
    const file = 'ws2008-host.partition.yaml';
    await view.show(fixtureText(file), file, 1);
    const reason = 'The language server could not compute the allocation: Client is not running';
    await view.showSession(view.session.unavailable(uriOf(file), file, reason));
    assert.equal(await text(view.page, '.banner-error'), reason);
    assert.equal(await view.page.locator('.body.stale #memory-bar').count(), 1);
    await view.showSession(view.session.unavailable(uriOf('other.partition.yaml'), 'other.partition.yaml', reason));
    assert.equal(await view.page.locator('#memory-bar').isVisible(), false, 'another file’s model is not shown');
    assert.equal(await text(view.page, 'h1'), 'other.partition.yaml');
  });

  it('shows only the message for a file that never was YAML', async function () {
    await view.show('{{{', 'new.partition.yaml');
    assert.match(await text(view.page, '.banner-error'), /The file is not valid YAML: fix the syntax errors/);
    assert.equal(await view.page.locator('#memory-bar').count(), 0);
  });

  it('asks the extension to reveal a clicked partition or device', async function () {
    const a = (await view.show(fixtureText('modern-gpu-nic.partition.yaml'), 'modern-gpu-nic.partition.yaml'))!;
    const lastReveal = async (): Promise<unknown> => (await view.posted()).filter((m) => m.type === 'reveal').at(-1);

    await view.page.locator('#partitions tr[data-partition="render01"] button.link').click();
    assert.deepEqual(await lastReveal(), { type: 'reveal', position: a.partitions.find((p) => p.name === 'render01')!.position });

    await view.page.locator('#devices tr[data-device="nic1"] td:first-child button').click();
    assert.deepEqual(await lastReveal(), { type: 'reveal', position: a.devices.find((d) => d.id === 'nic1')!.position });

    await view.page.locator('#memory-bar > .segment[data-owner="edge01"]').click();
    assert.deepEqual(await lastReveal(), { type: 'reveal', position: a.partitions.find((p) => p.name === 'edge01')!.position });

    await view.page.locator('#devices tr[data-device="gpu0"] td.owner button').press('Enter');
    assert.deepEqual(await lastReveal(), { type: 'reveal', position: a.partitions.find((p) => p.name === 'render01')!.position }, 'the owner link works from the keyboard');
  });

  it('highlights the partition or device under the editor cursor', async function () {
    await view.show(fixtureText('modern-gpu-nic.partition.yaml'), 'modern-gpu-nic.partition.yaml');
    const highlighted = (): Promise<string[]> =>
      view.page.evaluate(() => Array.from(document.querySelectorAll('.is-highlighted'), (n) => `${n.closest('section')?.id}:${n.tagName.toLowerCase()}:${n.getAttribute('data-partition') ?? n.getAttribute('data-device')}`));

    await view.postOnly({ type: 'highlight', partition: 'web01' });
    await view.page.waitForSelector('#partitions tr.is-highlighted');
    const marks = await highlighted();
    assert.ok(marks.includes('partitions:tr:web01'));
    assert.ok(marks.includes('memory:div:web01'), 'its memory segment');
    assert.ok(marks.includes('processors:div:web01'), 'its processor segment');
    assert.ok(marks.every((m) => m.endsWith(':web01')), marks.join(', '));

    await view.postOnly({ type: 'highlight', device: 'gpu0' });
    await view.page.waitForSelector('#devices tr.is-highlighted');
    assert.deepEqual(await highlighted(), ['devices:tr:gpu0']);

    await view.postOnly({ type: 'highlight' });
    await view.page.waitForFunction(() => document.querySelectorAll('.is-highlighted').length === 0);

    // the highlight survives a re-render
    await view.postOnly({ type: 'highlight', partition: 'edge01' });
    await view.page.waitForSelector('#partitions tr[data-partition="edge01"].is-highlighted');
    await view.show(fixtureText('modern-gpu-nic.partition.yaml').replace('memory: 16GiB', 'memory: 20GiB'), 'modern-gpu-nic.partition.yaml', 2);
    assert.equal(await view.page.locator('#partitions tr[data-partition="edge01"].is-highlighted').count(), 1);
  });

  it('writes light, dark and high-contrast screenshots to docs/images', async function () {
    await view.page.setViewportSize({ width: 1000, height: 800 });
    await view.show(fixtureText('modern-gpu-nic.partition.yaml'), 'modern-gpu-nic.partition.yaml');
    await view.postOnly({ type: 'highlight', partition: 'web01' });
    await view.page.waitForSelector('#partitions tr.is-highlighted');
    const dir = path.join(repoRoot, 'docs', 'images');
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, theme] of [
      ['light', LIGHT],
      ['dark', DARK],
      ['high-contrast', HIGH_CONTRAST],
    ] as const) {
      await applyTheme(view.page, theme);
      const file = path.join(dir, `preview-${name}.png`);
      await view.page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 10_000, `${file} was written`);
      const background = await view.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, hexToRgb(theme.variables['--vscode-editor-background']), `${name}: the body takes the theme's editor background`);
    }

    // a host of 1,000 partitions: summarized bars, a page of each table
    await applyTheme(view.page, DARK);
    await view.page.setViewportSize({ width: 1000, height: 1250 });
    await view.postOnly({ type: 'highlight' });
    await view.show(generateLayout(1000), 'bench-1000.partition.yaml');
    await view.page.evaluate(() => window.scrollTo(0, 0));
    const large = path.join(dir, 'preview-1000.png');
    await view.page.screenshot({ path: large });
    assert.equal(await view.page.locator('#processors-bar > .segment').count(), 12 + 2, 'twelve children, "988 more", no guest VP');
  });
});

function problemCounts(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('#problems .problem'), (p) => (p as HTMLElement).innerText.trim()));
}

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
