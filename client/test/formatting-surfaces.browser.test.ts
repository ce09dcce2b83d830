/**
 * One format on every surface: a size and a logical-processor set read the same in the CLI's
 * allocation text, the hover and the preview (sizes: core/util/sizes.ts; LP sets: core/util/ranges.ts).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as FactsModule from '../../server/src/language/facts';
import type * as ValidateModule from '../../server/src/core/validate';
import { chromiumSuite, fixtureText, openPreview, repoRoot, type PreviewPage } from './preview-harness';
import { LIGHT } from './preview-themes';

const FILE = 'modern-gpu-nic.partition.yaml';
// edge01 gets 12.25 GiB (a size that rounds), render01 is pinned to LPs 16-23
const TEXT = fixtureText(FILE).replace('    virtualProcessors: 4\n    memory: 16GiB', '    virtualProcessors: 4\n    memory: 12544MiB');

const load = createRequire(__filename);
const out = (...parts: string[]): string => path.join(repoRoot, 'server', 'out', 'src', ...parts);

/** The hover's facts about a partition (what hovering its name shows). */
function hoverFacts(name: string): string {
  const { validate } = load(out('core', 'validate.js')) as typeof ValidateModule;
  const { partitionFacts } = load(out('language', 'facts.js')) as typeof FactsModule;
  const model = validate(TEXT).model;
  assert.ok(model);
  return partitionFacts(model, model.partitionByName.get(name), name);
}

/** The CLI's allocation text row of `name` in the table under `heading`, as cells. */
function cliRow(name: string, heading: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-surfaces-'));
  try {
    const file = path.join(dir, FILE);
    fs.writeFileSync(file, TEXT);
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'partition-lint.js'), 'allocation', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(run.status, 0, run.stderr);
    const section = run.stdout.slice(run.stdout.indexOf(heading));
    const line = section.split('\n').find((l) => l.trim().startsWith(`${name} `));
    assert.ok(line, `no ${name} row under ${heading}`);
    return line.trim().split(/\s{2,}/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('one format on every surface: CLI, hover and preview', function () {
  const chromium = chromiumSuite();
  let view: PreviewPage;

  before(async function () {
    view = await openPreview(chromium.browser(), chromium.server(), LIGHT);
    await view.show(TEXT, FILE);
  });

  after(async () => {
    await view.page.close();
  });

  it('12,544 MiB reads "12.3 GiB" in the CLI, the hover and the preview', async () => {
    assert.ok(cliRow('edge01', 'Memory:').includes('12.3 GiB'), cliRow('edge01', 'Memory:').join(' | '));
    assert.match(hoverFacts('edge01'), /Memory: 12\.3 GiB static/);
    assert.equal(await view.page.locator('#partitions tr[data-partition="edge01"] td:nth-child(4)').innerText(), '12.3 GiB');
  });

  it('LPs 16 to 23 read "16-23" in the CLI, the hover and the preview', async () => {
    assert.equal(cliRow('render01', 'Processors:')[5], '16-23');
    assert.match(hoverFacts('render01'), /pinned to LPs 16-23\b/);
    assert.match(await view.page.locator('#processors .legend-item[data-partition="render01"]').innerText(), /affinity LPs 16-23\b/);
  });
});
