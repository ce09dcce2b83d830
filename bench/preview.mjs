// The allocation preview's webview in headless Chromium, through the harness the preview tests use
// (client/test/preview-harness.ts): the main-thread time of the first render and of one update,
// the longest task, and the size of the message the extension host posts (issue 14).
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').CDPSession} CDPSession */
/** @typedef {Window & { __posted: Array<{ type: string }>, __next?: unknown }} HarnessWindow the page as client/test/preview-harness.ts sets it up, and the message to post next */
/**
 * What the benchmark uses of the compiled client/test/preview-harness.ts.
 * @typedef {object} Harness
 * @property {() => Promise<import('playwright-core').Browser>} launchChromium
 * @property {() => Promise<{ close(): Promise<void> }>} startServer
 * @property {(text: string, version: number) => Promise<unknown>} analyse
 * @property {(browser: import('playwright-core').Browser, server: unknown, theme: unknown, viewport: { width: number, height: number }) => Promise<{ page: Page, session: { answer(uri: string, fileName: string, answer: unknown): unknown } }>} openPreview
 * @property {(fileName: string) => string} uriOf
 */
/** @typedef {{ main: number, tasks: number, wall: number, longest: number }} PostTimes */
/**
 * @typedef {{ size: number, first: number, update: number, firstTasks: number, updateTasks: number, longest: number, build: number, sizeFirst: number, sizeUpdate: number }} PreviewRow
 */

/**
 * Main-thread time while `message` is posted and drawn: CPU time of the renderer's main thread (CDP
 * ThreadTime) and the wall time of its tasks (TaskDuration, which a busy machine inflates), and the
 * longest task (longtask entries, wall time).
 */
/**
 * @param {Page} page
 * @param {CDPSession} cdp
 * @param {unknown} message
 * @returns {Promise<PostTimes>}
 */
async function measurePost(page, cdp, message) {
  // handed to the page first: what Playwright does to pass an argument in is not the webview's work
  await page.evaluate((m) => {
    /** @type {HarnessWindow} */ (/** @type {unknown} */ (window)).__next = m;
  }, /** @type {any} */ (message));
  const before = await metrics(cdp);
  const inPage = await page.evaluate(async () => {
    const w = /** @type {HarnessWindow} */ (/** @type {unknown} */ (window));
    /** @type {number[]} */
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const rendered = w.__posted.filter((x) => x.type === 'rendered').length;
    const t0 = performance.now();
    window.postMessage(w.__next, '*');
    while (w.__posted.filter((x) => x.type === 'rendered').length === rendered) await new Promise((r) => setTimeout(r, 0));
    // the frame that lays out and paints what the render changed
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const wall = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
    observer.disconnect();
    return { wall, longest: Math.max(0, ...tasks) };
  });
  const after = await metrics(cdp);
  return { main: (after.ThreadTime - before.ThreadTime) * 1000, tasks: (after.TaskDuration - before.TaskDuration) * 1000, wall: inPage.wall, longest: inPage.longest };
}

/**
 * @param {CDPSession} cdp
 * @returns {Promise<Record<string, number>>}
 */
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * Measures the preview at each size; returns rows for bench/run.mjs.
 * @param {string} root the repository
 * @param {number[]} sizes partitions per layout
 * @param {number} runs medians over this many runs
 * @returns {Promise<PreviewRow[]>}
 */
export async function measurePreview(root, sizes, runs) {
  /** @type {Harness} */
  const harness = require(path.join(root, 'client/out/test/preview-harness.js'));
  const { LIGHT } = require(path.join(root, 'client/out/test/preview-themes.js'));
  const { generateLayout } = require(path.join(root, 'server/out/test/generate-layout.js'));
  const browser = await harness.launchChromium();
  const server = await harness.startServer();
  /** @type {PreviewRow[]} */
  const out = [];
  try {
    for (const n of sizes) {
      const text = generateLayout(n);
      const edited = text.replace('  - name: vm5\n    role: child\n    parent: root\n    generation: 2\n    guest:\n      os: windows-server-2025\n      enlightened: true\n    virtualProcessors: 2\n    memory: 2GiB', '  - name: vm5\n    role: child\n    parent: root\n    generation: 2\n    guest:\n      os: windows-server-2025\n      enlightened: true\n    virtualProcessors: 2\n    memory: 3GiB');
      const first = await harness.analyse(text, 1);
      const second = await harness.analyse(edited, 2);
      /** @type {Record<'first' | 'update' | 'firstTasks' | 'updateTasks' | 'longest' | 'build', number[]>} */
      const samples = { first: [], update: [], firstTasks: [], updateTasks: [], longest: [], build: [] };
      let sizeFirst = 0;
      let sizeUpdate = 0;
      for (let i = 0; i < runs; i++) {
        const view = await harness.openPreview(browser, server, LIGHT, { width: 1000, height: 900 });
        const cdp = await view.page.context().newCDPSession(view.page);
        await cdp.send('Performance.enable');
        const t0 = performance.now();
        const m1 = view.session.answer(harness.uriOf('bench.partition.yaml'), 'bench.partition.yaml', first);
        samples.build.push(performance.now() - t0);
        const m2 = view.session.answer(harness.uriOf('bench.partition.yaml'), 'bench.partition.yaml', second);
        sizeFirst = Buffer.byteLength(JSON.stringify(m1));
        sizeUpdate = Buffer.byteLength(JSON.stringify(m2));
        const a = await measurePost(view.page, cdp, m1);
        const b = await measurePost(view.page, cdp, m2);
        samples.first.push(a.main);
        samples.update.push(b.main);
        samples.firstTasks.push(a.tasks);
        samples.updateTasks.push(b.tasks);
        samples.longest.push(Math.max(a.longest, b.longest));
        await view.page.close();
      }
      out.push({ size: n, first: median(samples.first), update: median(samples.update), firstTasks: median(samples.firstTasks), updateTasks: median(samples.updateTasks), longest: Math.max(...samples.longest), build: median(samples.build), sizeFirst, sizeUpdate });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
