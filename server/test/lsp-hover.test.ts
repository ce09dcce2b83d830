import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, markers } from './lsp-harness';
import { fixturesDir } from './support';

/**
 * Hover over a real connection: for every caret marker of test-fixtures/hover/<name>.partition.yaml,
 * the hover text must equal `<name>.hover.json[label]`. `UPDATE_GOLDEN=1` rewrites the JSON (review it).
 */
const dir = path.join(fixturesDir, 'hover');
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.partition.yaml')).sort();

describe('LSP hover over a real stdio connection', function () {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  const hoverText = async (uri: string, doc: TextDocument, offset: number): Promise<string | null> => {
    const h = await client.hover(uri, doc.positionAt(offset));
    return h ? (h.contents as MarkupContent).value : null;
  };

  for (const name of fixtures) {
    describe(name, () => {
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, 'utf8');
      const uri = `untitled:hover/${name}`;
      const doc = TextDocument.create(uri, 'partition-yaml', 1, text);
      const expectedFile = file.replace(/\.partition\.yaml$/, '.hover.json');
      const actual: Record<string, string | null> = {};

      before(async () => {
        await client.open(uri, text);
        await client.waitForDiagnostics(uri);
      });
      after(() => {
        if (process.env.UPDATE_GOLDEN) fs.writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      });

      for (const [label, offset] of markers(text)) {
        it(label, async () => {
          const h = await client.hover(uri, doc.positionAt(offset));
          actual[label] = h ? (h.contents as MarkupContent).value : null;
          if (h) {
            assert.equal((h.contents as MarkupContent).kind, 'markdown');
            // The hover's range covers the word under the caret.
            const r = h.range!;
            assert.ok(doc.offsetAt(r.start) <= offset && offset <= doc.offsetAt(r.end), `${label}: range does not cover the caret`);
          }
          if (process.env.UPDATE_GOLDEN) return;
          const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Record<string, string | null>;
          assert.ok(label in expected, `${label} missing in ${path.basename(expectedFile)}`);
          assert.equal(actual[label], expected[label]);
        });
      }
    });
  }

  describe('facts a designer needs, spelled out', () => {
    const text = fs.readFileSync(path.join(dir, 'ownership.partition.yaml'), 'utf8');
    const uri = 'untitled:hover/facts.partition.yaml';
    const doc = TextDocument.create(uri, 'partition-yaml', 1, text);
    const at = markers(text);
    before(async () => {
      await client.open(uri, text);
      await client.waitForDiagnostics(uri);
    });

    it('a device reference says who owns it and why, and where its driver runs', async () => {
      const h = await hoverText(uri, doc, at.get('ref-gpu0')!);
      assert.match(h!, /^\*\*gpu0\*\* — gpu device at PCI `0000:65:00\.0`/);
      assert.ok(h!.includes('Owner: **render01**, assigned to it'), h!);
      assert.ok(h!.includes('Driver: `nvlddmkm` runs in **render01**, its owner'), h!);
    });

    it('a device no child lists is the root\'s by default', async () => {
      const h = await hoverText(uri, doc, at.get('device-disk0-default')!);
      assert.ok(h!.includes('Owner: **root**, the root, by default: no child lists it.'), h!);
      assert.ok(h!.includes('Serves synthetic `storage` for web01, render01 through the VSP in **root**.'), h!);
    });

    it('a device listed twice names the other listing', async () => {
      const h = await hoverText(uri, doc, at.get('ref-nic1')!);
      assert.ok(h!.includes('Owner: **edge01**, assigned to it'), h!);
      assert.ok(h!.includes('Also listed by edge02'), h!);
    });

    it('a partition name gives its resources and share of the host', async () => {
      const h = await hoverText(uri, doc, at.get('partition-web01-dynamic')!);
      assert.ok(h!.includes('- Processors: 2 virtual processors = 6.25% of the host\'s 32 logical processors, pinned to LPs 8-9'), h!);
      assert.ok(h!.includes('- Memory: dynamic, starts with 2 GiB = 1.56% of the host\'s 128 GiB; minimum 1 GiB, maximum 4 GiB (3.13%)'), h!);
    });

    it('a size gives exact bytes and its share of host memory', async () => {
      assert.equal(await hoverText(uri, doc, at.get('size-static')!), '**32GiB** = 34,359,738,368 bytes = 25% of the host\'s memory (128 GiB)');
    });

    it('a key shows the schema\'s documentation', async () => {
      const h = await hoverText(uri, doc, at.get('key-virtualProcessors')!);
      assert.equal(h, '**virtualProcessors** · integer ≥ 1\n\nNumber of virtual processors. Required for a child; the root\'s default is all host logical processors (capped by the release\'s root limit).');
    });

    it('nothing to say between values', async () => {
      assert.equal(await client.hover(uri, { line: 4, character: 0 }), null);
    });
  });
});
