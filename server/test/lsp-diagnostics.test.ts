import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../src/core/parse/lines';
import { ruleDocsUrl } from '../src/core/rules/docs-url';
import type { SeveritySetting } from '../src/core/types';
import { validate } from '../src/core/validate';
import { LspClient, tempWorkspace, uriOf } from './lsp-harness';
import { fixturesDir, layoutFiles, repoRoot } from './support';

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/** What the server must publish for a text: validate()'s findings, positioned as the CLI positions them. */
function expectedDiagnostics(text: string, uri: string, rules?: Record<string, SeveritySetting>): Diagnostic[] {
  const lines = new LineIndex(text);
  const range = (r: { start: number; end: number }) => ({ start: lines.position(r.start), end: lines.position(r.end) });
  return validate(text, { rules }).findings.map((f) => {
    const d: Diagnostic = { range: range(f.range), severity: SEVERITY[f.severity], source: 'partition-lint', code: f.rule, codeDescription: { href: ruleDocsUrl(f.rule) }, message: f.message };
    if (f.related && f.related.length > 0) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: range(r.range) }, message: r.message }));
    if (f.rule === 'unused-disable') d.tags = [1];
    return d;
  });
}

const lspFixtures = path.join(fixturesDir, 'lsp', 'workspace');

describe('LSP diagnostics over a real stdio connection', function () {
  let client: LspClient;
  let workspace: string;
  let settings: Record<string, unknown> = {};
  let linkedTarget: string;

  before(async () => {
    workspace = tempWorkspace(lspFixtures);
    // Layouts the workspace scan must skip.
    for (const skipped of ['node_modules', '.git']) {
      fs.mkdirSync(path.join(workspace, skipped, 'pkg'), { recursive: true });
      fs.writeFileSync(path.join(workspace, skipped, 'pkg', 'skipped.partition.yaml'), 'layout: v2\n');
    }
    // A linked folder is scanned as the CLI checks it (the same walker); a link cycle ends.
    linkedTarget = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-linked-'));
    fs.writeFileSync(path.join(linkedTarget, 'linked.partition.yaml'), 'layout: v2\n');
    fs.symlinkSync(linkedTarget, path.join(workspace, 'linked'), 'dir');
    fs.symlinkSync(workspace, path.join(workspace, 'sub', 'loop'), 'dir');
    client = await LspClient.start({ workspace, settings: () => settings, initializationOptions: { debounceMs: 200 } });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(linkedTarget, { recursive: true, force: true });
  });

  describe('fixtures: rule, range, message identical to validate() (as the CLI prints them)', () => {
    const files = [...layoutFiles(path.join(fixturesDir, 'valid')), ...(fs.existsSync(path.join(fixturesDir, 'rules')) ? layoutFiles(path.join(fixturesDir, 'rules')) : []), ...layoutFiles(lspFixtures)];
    for (const file of files) {
      it(file, async () => {
        const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
        const uri = `untitled:fixture/${file}`;
        await client.open(uri, text, 7);
        const published = await client.waitForDiagnostics(uri);
        assert.equal(published.version, 7);
        assert.deepEqual(published.diagnostics, expectedDiagnostics(text, uri));
        await client.close(uri);
      });
    }

    it('the lsp fixtures really show schema, yaml-syntax and duplicate-key problems', async () => {
      const seen = new Set<string>();
      for (const name of ['schema-typo', 'syntax', 'duplicate-key']) {
        const text = fs.readFileSync(path.join(lspFixtures, `${name}.partition.yaml`), 'utf8');
        for (const d of expectedDiagnostics(text, 'x')) seen.add(String(d.code));
      }
      assert.deepEqual([...seen].sort(), ['duplicate-key', 'schema', 'yaml-syntax']);
    });
  });

  it('a schema diagnostic carries source, code, a docs link, the exact range and message', async () => {
    const uri = 'untitled:typo.partition.yaml';
    const text = fs.readFileSync(path.join(lspFixtures, 'schema-typo.partition.yaml'), 'utf8');
    await client.open(uri, text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const unknown = diagnostics.find((d) => String(d.message).startsWith('unknown property'));
    assert.deepEqual(unknown, {
      range: { start: { line: 20, character: 4 }, end: { line: 20, character: 21 } },
      severity: 1,
      source: 'partition-lint',
      code: 'schema',
      codeDescription: { href: 'https://github.com/partition-layout/partition-layout/blob/main/docs/rules/schema.md' },
      message: 'unknown property "virtualprocessors" — did you mean "virtualProcessors"?',
    });
    await client.close(uri);
  });

  it('CRLF text: positions are the same as with LF', async () => {
    const lf = fs.readFileSync(path.join(lspFixtures, 'schema-typo.partition.yaml'), 'utf8');
    await client.open('untitled:lf.partition.yaml', lf);
    await client.open('untitled:crlf.partition.yaml', lf.replace(/\n/g, '\r\n'));
    const a = await client.waitForDiagnostics('untitled:lf.partition.yaml');
    const b = await client.waitForDiagnostics('untitled:crlf.partition.yaml');
    assert.ok(a.diagnostics.length > 0);
    assert.deepEqual(b.diagnostics, a.diagnostics);
    await client.close('untitled:lf.partition.yaml');
    await client.close('untitled:crlf.partition.yaml');
  });

  it('rapid changes: only the latest version is published, once the typing pauses', async () => {
    const uri = 'untitled:rapid.partition.yaml';
    const base = fs.readFileSync(path.join(repoRoot, 'test-fixtures/valid/modern-gpu-nic.partition.yaml'), 'utf8');
    await client.open(uri, base, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const from = client.mark();
    // Each version adds one more unknown key: the published list tells which version it came from.
    for (let v = 2; v <= 8; v++) await client.change(uri, v, `${base}\n${Array.from({ length: v - 1 }, (_, i) => `extra${i}: 1`).join('\n')}\n`);
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 8, from);
    assert.equal(last.diagnostics.filter((d) => String(d.message).startsWith('unknown property "extra')).length, 7);
    assert.deepEqual(client.diagnostics.slice(from).filter((p) => p.uri === uri).map((p) => p.version), [8], 'an older version was published');
    await client.close(uri);
  });

  it('incremental edits are applied: the diagnostics follow the edited text', async () => {
    const uri = 'untitled:incremental.partition.yaml';
    const text = fs.readFileSync(path.join(lspFixtures, 'schema-typo.partition.yaml'), 'utf8');
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    // Fix the typo: "virtualprocessors" -> "virtualProcessors" (line 20, characters 11..12).
    await client.change(uri, 2, [{ range: { start: { line: 20, character: 11 }, end: { line: 20, character: 12 } }, text: 'P' }]);
    const fixed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(fixed.diagnostics, expectedDiagnostics(text.replace('    virtualprocessors', '    virtualProcessors'), uri));
    assert.ok(!fixed.diagnostics.some((d) => d.code === 'schema'));
    await client.close(uri);
  });

  it('close clears the diagnostics of a document', async () => {
    const uri = 'untitled:closing.partition.yaml';
    await client.open(uri, 'layout: v1\n');
    const opened = await client.waitForDiagnostics(uri);
    assert.ok(opened.diagnostics.length > 0);
    const from = client.mark();
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, () => true, from);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('workspace scan: unopened layouts get diagnostics; node_modules, .git and other files do not', async () => {
    const unopened = path.join(workspace, 'sub', 'unopened.partition.yaml');
    const published = await client.waitForDiagnostics(uriOf(unopened));
    assert.equal(published.version, undefined);
    assert.deepEqual(published.diagnostics, expectedDiagnostics(fs.readFileSync(unopened, 'utf8'), uriOf(unopened)));
    assert.equal(published.diagnostics[0].message, '"hypervisor" is missing the required property "model": add it.');
    // Every layout of the workspace is reported; nothing else is.
    for (const f of layoutFiles(workspace).filter((f) => !/node_modules|\.git/.test(f))) await client.waitForDiagnostics(uriOf(path.join(repoRoot, f)));
    const uris = new Set(client.diagnostics.map((p) => p.uri));
    assert.ok(![...uris].some((u) => u.includes('node_modules') || u.includes('.git') || u.endsWith('notes.yaml')), [...uris].join('\n'));
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'), 'the server registers file watchers');
  });

  it('workspace scan follows a linked folder, and a link cycle checks each layout once', async () => {
    const linked = path.join(workspace, 'linked', 'linked.partition.yaml');
    const published = await client.waitForDiagnostics(uriOf(linked));
    assert.deepEqual(published.diagnostics, expectedDiagnostics(fs.readFileSync(linked, 'utf8'), uriOf(linked)));
    assert.ok(published.diagnostics.length > 0 && published.diagnostics.every((d) => d.code === 'schema'));
    await client.waitForDiagnostics(uriOf(path.join(workspace, 'sub', 'unopened.partition.yaml')));
    const throughLoop = client.diagnostics.filter((p) => p.uri.includes('/loop/'));
    assert.deepEqual(throughLoop.map((p) => p.uri), []);
  });

  it('an open workspace file shows the editor text; closing it shows the saved file again', async () => {
    const file = path.join(workspace, 'sub', 'unopened.partition.yaml');
    const uri = uriOf(file);
    await client.waitForDiagnostics(uri);
    const from = client.mark();
    const edited = fs.readFileSync(file, 'utf8').replace('  release: ws2016', '  model: microkernelized');
    await client.open(uri, edited, 3);
    const open = await client.waitForDiagnostics(uri, (p) => p.version === 3, from);
    assert.deepEqual(open.diagnostics, expectedDiagnostics(edited, uri));
    assert.ok(!open.diagnostics.some((d) => d.code === 'schema'));
    const closedAt = client.mark();
    await client.close(uri);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, closedAt);
    const again = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1, closedAt);
    assert.equal(again.diagnostics[0].code, 'schema');
  });

  it('watched files: a new layout is checked, a deleted one is cleared', async () => {
    const file = path.join(workspace, 'sub', 'created.partition.yaml');
    fs.writeFileSync(file, 'layout: v1\nname: created\n');
    const from = client.mark();
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    const created = await client.waitForDiagnostics(uriOf(file), () => true, from);
    assert.deepEqual(created.diagnostics, expectedDiagnostics(fs.readFileSync(file, 'utf8'), uriOf(file)));
    fs.rmSync(file);
    const deletedAt = client.mark();
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Deleted }]);
    const deleted = await client.waitForDiagnostics(uriOf(file), () => true, deletedAt);
    assert.deepEqual(deleted.diagnostics, []);
  });

  describe('severities: .partition-lint.yaml and partitionLayout.rules', () => {
    const configured = (): string => path.join(workspace, 'configured', 'typo.partition.yaml');

    afterEach(async () => {
      settings = {};
      await client.configurationChanged();
    });

    it('the nearest .partition-lint.yaml applies to an unopened and an open layout', async () => {
      const uri = uriOf(configured());
      const scanned = await client.waitForDiagnostics(uri, (p) => p.version === undefined);
      assert.deepEqual(scanned.diagnostics.map((d) => [d.code, d.severity]), [['schema', 2]]);
      const from = client.mark();
      await client.open(uri, fs.readFileSync(configured(), 'utf8'), 1);
      const open = await client.waitForDiagnostics(uri, (p) => p.version === 1, from);
      assert.deepEqual(open.diagnostics, expectedDiagnostics(fs.readFileSync(configured(), 'utf8'), uri, { schema: 'warning' }));
      await client.close(uri);
    });

    it('partitionLayout.rules wins over the config file and is read per resource', async () => {
      const uri = uriOf(configured());
      await client.open(uri, fs.readFileSync(configured(), 'utf8'), 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const from = client.mark();
      settings = { rules: { schema: 'info' } };
      await client.configurationChanged();
      const info = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics[0]?.severity === 3, from);
      assert.deepEqual(info.diagnostics.map((d) => [d.code, d.severity]), [['schema', 3]]);
      assert.ok(client.configurationRequests.includes(uri), 'settings are asked for this resource');
      const offAt = client.mark();
      settings = { rules: { schema: 'off' } };
      await client.configurationChanged();
      const off = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 0, offAt);
      assert.deepEqual(off.diagnostics, []);
      await client.close(uri);
    });

    it('a config file change applies at once (didChangeWatchedFiles)', async () => {
      const config = path.join(workspace, 'configured', '.partition-lint.yaml');
      const before = fs.readFileSync(config, 'utf8');
      fs.writeFileSync(config, 'rules:\n  schema: "off"\n');
      try {
        const from = client.mark();
        await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
        const off = await client.waitForDiagnostics(uriOf(configured()), () => true, from);
        assert.deepEqual(off.diagnostics, []);
      } finally {
        fs.writeFileSync(config, before);
        const from = client.mark();
        await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
        await client.waitForDiagnostics(uriOf(configured()), (p) => p.diagnostics.length === 1, from);
      }
    });

    it('a mistake in the settings is shown to the user, and the rest of the settings still apply', async () => {
      const uri = 'untitled:settings-mistake.partition.yaml';
      settings = { rules: { shema: 'off', 'duplicate-key': 'warning' } };
      await client.configurationChanged();
      await client.open(uri, 'layout: v1\nlayout: v1\n');
      const published = await client.waitForDiagnostics(uri);
      assert.deepEqual(published.diagnostics.filter((d) => d.code === 'duplicate-key').map((d) => d.severity), [2]);
      const warning = await client.waitFor(() => client.shown.find((m) => m.includes('shema')), 'a warning about the setting');
      assert.equal(warning, 'Setting partitionLayout.rules: unknown rule "shema" — did you mean "schema"? The entry is ignored.');
      await client.close(uri);
    });
  });

  it('a client without workspace/configuration: the settings it pushes apply', async () => {
    const pushing = await LspClient.start({ configuration: false });
    try {
      const uri = 'untitled:pushed.partition.yaml';
      const text = fs.readFileSync(path.join(lspFixtures, 'schema-typo.partition.yaml'), 'utf8');
      await pushing.open(uri, text, 1);
      await pushing.waitForDiagnostics(uri, (p) => p.version === 1);
      const from = pushing.mark();
      await pushing.configurationChanged({ partitionLayout: { rules: { schema: 'warning' } } });
      const warned = await pushing.waitForDiagnostics(uri, () => true, from);
      assert.deepEqual(warned.diagnostics, expectedDiagnostics(text, uri, { schema: 'warning' }));
      assert.deepEqual(pushing.configurationRequests, []);
    } finally {
      await pushing.stop();
    }
  });

  it('parses each version once: diagnostics, hover, completion, symbols and the preview share it', async () => {
    settings = { trace: { server: 'verbose' } };
    await client.configurationChanged();
    const uri = 'untitled:once.partition.yaml';
    const text = fs.readFileSync(path.join(repoRoot, 'test-fixtures/valid/modern-gpu-nic.partition.yaml'), 'utf8');
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.hover(uri, { line: 20, character: 12 });
    await client.completion(uri, { line: 45, character: 14 });
    await client.symbols(uri);
    await client.definition(uri, { line: 46, character: 15 });
    await client.allocation(uri);
    const validations = client.logs.filter((m) => m.startsWith(`validated ${uri} version 1 `));
    assert.equal(validations.length, 1, client.logs.join('\n'));
    await client.close(uri);
    settings = {};
    await client.configurationChanged();
  });

  it('a large text is checked completely in a worker: same diagnostics, the server keeps answering', async () => {
    const worker = await LspClient.start({ initializationOptions: { backgroundFileSize: 1000, debounceMs: 100 }, settings: () => ({ trace: { server: 'verbose' } }) });
    try {
      const uri = 'untitled:large.partition.yaml';
      const text = `${fs.readFileSync(path.join(lspFixtures, 'schema-typo.partition.yaml'), 'utf8')}${'# filler\n'.repeat(200)}bogus: 1\n`;
      await worker.open(uri, text, 1);
      const published = await worker.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(published.diagnostics, expectedDiagnostics(text, uri));
      assert.ok(worker.logs.some((m) => m.startsWith(`validated ${uri} version 1 in a worker`)), worker.logs.join('\n'));
      // Features that need the model answer nothing for such a text, at once.
      assert.equal(await worker.hover(uri, { line: 11, character: 12 }), null);
      // Rapid edits: older checks are cancelled, only the latest version is published.
      const from = worker.mark();
      for (let v = 2; v <= 6; v++) await worker.change(uri, v, `${text}extra${v}: 1\n`);
      const last = await worker.waitForDiagnostics(uri, (p) => p.version === 6, from);
      assert.deepEqual(last.diagnostics, expectedDiagnostics(`${text}extra6: 1\n`, uri));
      assert.deepEqual(worker.diagnostics.slice(from).filter((p) => p.uri === uri).map((p) => p.version), [6]);
      // A small document is still served normally.
      await worker.open('untitled:small.partition.yaml', 'layout: v1\n');
      assert.ok((await worker.waitForDiagnostics('untitled:small.partition.yaml')).diagnostics.length > 0);
      assert.ok(await worker.hover('untitled:small.partition.yaml', { line: 0, character: 1 }));
    } finally {
      await worker.stop();
    }
  });

  it('a text over the size limit gets one clear diagnostic instead of a check', async () => {
    const small = await LspClient.start({ initializationOptions: { maxFileSize: 1000 } });
    try {
      const uri = 'untitled:big.partition.yaml';
      await small.open(uri, `layout: v1\n${'# filler\n'.repeat(200)}`);
      const { diagnostics } = await small.waitForDiagnostics(uri);
      assert.deepEqual(diagnostics, [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } },
          severity: 2,
          source: 'partition-lint',
          code: 'file-too-large',
          message: 'This file has 1,811 characters; the editor checks layouts of up to 1,000 characters: run partition-lint on it to check it.',
        },
      ]);
      assert.equal(await small.hover(uri, { line: 0, character: 2 }), null);
    } finally {
      await small.stop();
    }
  });
});
