import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LAYOUT_STYLES } from './generate-layout';
import { repoRoot } from './support';

/** Keeps `npm run bench` runnable: the whole suite on the smallest size, checking every row is there (no timing assertions). */
describe('benchmark stays runnable', () => {
  it('prints every row for 100 partitions', function () {
    this.timeout(420_000);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'partition-bench-')), 'rows.json');
    const run = spawnSync(process.execPath, ['bench/run.mjs', '--sizes', '100', '--style-size', '30', '--runs', '1', '--cli-files', '20', '--json', out], { cwd: repoRoot, encoding: 'utf8', timeout: 400_000 });
    assert.equal(run.status, 0, run.stderr);
    const rows = JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{ section: string; measure: string; value: number; floor: number }>;
    const measures = rows.map((r) => `${r.section}: ${r.measure}`);
    assert.deepEqual(measures, [
      'core: floor: yaml parseDocument',
      'core: validate() end to end',
      'core: one-line edit re-validated',
      'core: validate() per partition',
      'peer: yaml-language-server schema-only validation',
      'lsp: didChange → publishDiagnostics (no debounce)',
      'lsp: one-line edit → publishDiagnostics',
      'lsp: hover at a device reference near the end',
      'lsp: completion in a devices list near the end',
      'lsp: server resident memory with the document open',
      'cli: one invocation over 20 50-line layouts',
      'cli: cold single-file run',
      'cli: cold single-file run, NODE_EXTRA_CA_CERTS unset',
      ...LAYOUT_STYLES.map((s) => `styles: ${s}: validate()`),
      'styles: slowest style ÷ plain, validate()',
      ...LAYOUT_STYLES.map((s) => `styles: ${s}: one-character edit re-validated`),
      "styles: the server's first 10 edits after it starts (plain): edit → publishDiagnostics",
      ...LAYOUT_STYLES.map((s) => `styles: ${s}: one-character edit → publishDiagnostics (LSP, default settings)`),
      'peer: yaml-language-server (LSP, default settings): comments style, one-character edit → diagnostics',
      'preview: webview main thread: first render',
      'preview: webview main thread: one update (one partition edited)',
      'preview: webview longest task (first render or update)',
      'preview: message to the webview: first / update',
      'preview: extension host: view built from the model',
    ]);
    for (const r of rows) assert.ok(Number.isFinite(r.value) && r.value > 0 && r.floor > 0, JSON.stringify(r));
    const table = run.stdout.trim().split('\n');
    assert.equal(table.length, rows.length + 2, 'a header, a rule and one line per row');
    assert.match(table[0], /parse floor/);
  });
});
