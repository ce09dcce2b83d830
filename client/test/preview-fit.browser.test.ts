/**
 * The preview fits its panel: at 540 px (a 1440×900 window with the side bar open) and 1,000 px,
 * in the light, dark and high-contrast themes, nothing is cut off and no word breaks across lines.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumSuite, fixtureText, openPreview } from './preview-harness';
import { DARK, HIGH_CONTRAST, LIGHT } from './preview-themes';

interface Fit {
  pageOverflow: number;
  cutOff: string[];
  brokenWords: string[];
}

/** What does not fit: a page wider than the panel, text outside the panel or clipped by its box, words split over two lines. */
function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cutOff: string[] = [];
    const brokenWords: string[] = [];
    const visible = (e: Element): boolean => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const app = document.getElementById('app')!;
    const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement!;
      if (!text.trim() || !visible(parent)) continue;
      const box = parent.getBoundingClientRect();
      if (box.left < -0.5 || box.right > width + 0.5) cutOff.push(`${text.trim()} [${Math.round(box.left)}–${Math.round(box.right)} of ${width}]`);
      const style = getComputedStyle(parent);
      if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && parent.scrollWidth > parent.clientWidth + 1 && !parent.closest('.segment')) cutOff.push(`${text.trim()} [clipped]`);
      // every word on one line
      const re = /\S+/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (tops.size > 1) brokenWords.push(m[0]);
      }
    }
    // the column names narrow tables show beside each cell (a ::before box of fixed width)
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const td of Array.from(document.querySelectorAll('td[data-label]'))) {
      const before = getComputedStyle(td, '::before');
      if (!visible(td) || before.content === 'none' || before.content === 'normal' || before.display === 'none') continue;
      ctx.font = `${before.fontWeight} ${before.fontSize} ${before.fontFamily}`;
      const label = td.getAttribute('data-label') ?? '';
      if (ctx.measureText(label).width > parseFloat(before.width) + 0.5) cutOff.push(`${label} [column name wider than its ${before.width}]`);
    }
    // a bar label shows only inside its segment
    for (const label of Array.from(document.querySelectorAll('.seg-label'))) {
      if (!visible(label)) continue;
      const r = label.getBoundingClientRect();
      const s = label.closest('.segment')!.getBoundingClientRect();
      if (r.right > s.right + 0.5) cutOff.push(`${(label as HTMLElement).innerText} [label wider than its segment]`);
    }
    return { pageOverflow: document.documentElement.scrollWidth - width, cutOff, brokenWords };
  });
}

const LAYOUTS = ['modern-gpu-nic.partition.yaml', 'nested-virtualization.partition.yaml', 'monolithic-contrast.partition.yaml', 'vdi-gpu-partitioning.partition.yaml', 'edge-sriov-switches.partition.yaml'];

/** The sections each layout must show, so that their fit is measured (the host limits in the header, switches, GPU partitions, MMIO). */
const SECTIONS: Record<string, string[]> = {
  'vdi-gpu-partitioning.partition.yaml': ['host-limits', 'switches', 'gpus', 'mmio'],
  'edge-sriov-switches.partition.yaml': ['host-limits', 'switches', 'mmio'],
};

describe('allocation preview fits 540 px and 1,000 px panels in every theme', function () {
  const chromium = chromiumSuite();

  for (const theme of [LIGHT, DARK, HIGH_CONTRAST]) {
    for (const width of [540, 1000]) {
      it(`${theme.bodyClass} at ${width} px: nothing cut off, no word broken`, async function () {
        const view = await openPreview(chromium.browser(), chromium.server(), theme, { width, height: 900 });
        try {
          for (const file of LAYOUTS) {
            await view.show(fixtureText(file), file);
            for (const id of SECTIONS[file] ?? []) assert.equal(await view.page.locator(`#${id}`).isVisible(), true, `${file}: #${id} is shown`);
            const fit = await measureFit(view.page);
            assert.equal(fit.pageOverflow, 0, `${file}: the page is ${fit.pageOverflow}px wider than the panel`);
            assert.deepEqual(fit.cutOff, [], `${file}: cut off`);
            assert.deepEqual(fit.brokenWords, [], `${file}: words broken across lines`);
          }
          assert.deepEqual(view.problems, []);
        } finally {
          await view.page.close();
        }
      });
    }
  }
});
