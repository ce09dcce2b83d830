import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../src/core/parse/lines';
import { validate } from '../src/core/validate';
import { LspClient } from './lsp-harness';
import { fixturesDir } from './support';

/**
 * Bad input (docs/decisions.md, "Parsing and bad input") through the server: every bad input is sent with didOpen and with didChange; the server
 * publishes what validate() finds (or, past the size limit, one clear diagnostic), answers every
 * request on it, and afterwards still answers hover and diagnostics correctly.
 */
const good = fs.readFileSync(path.join(fixturesDir, 'valid', 'modern-gpu-nic.partition.yaml'), 'utf8');

function garbage(): string {
  // Deterministic bytes 0..255, NULs included, as text (what a client sends for a binary file).
  let s = '';
  let x = 12345;
  for (let i = 0; i < 4096; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(x & 0xff);
  }
  return `\u0000${s}`;
}

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (const [i, c] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) laughs.push(`${c}: &${c} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);

const CASES: Array<{ name: string; text: string; exact: boolean }> = [
  { name: 'empty', text: '', exact: true },
  { name: 'braces', text: '{{{', exact: true },
  { name: 'binary', text: garbage(), exact: true },
  { name: 'bom', text: `\ufeff${good}`, exact: true },
  { name: 'crlf', text: good.replace(/\n/g, '\r\n').replace('  iommu: true', '  iommu: yes please'), exact: true },
  { name: 'tabs', text: 'layout: v1\nhost:\n\tmemory: 1GiB\n\tlogicalProcessors: 4\n', exact: true },
  { name: 'several-documents', text: `${good}---\n${good}`, exact: true },
  { name: 'unknown-tags', text: good.replace('layout: v1', 'layout: !!binary v1').replace('name: hv-lab-01', 'name: !custom hv-lab-01'), exact: true },
  { name: 'billion-laughs', text: `${laughs.join('\n')}\n`, exact: true },
  { name: 'merge-keys', text: 'defaults: &d { role: child, parent: root, virtualProcessors: 2, memory: 2GiB }\nlayout: v1\nname: merge\nhypervisor: { model: microkernelized }\nhost: { logicalProcessors: 4, memory: 16GiB }\npartitions:\n  - { name: root, role: root }\n  - <<: *d\n    name: web01\n', exact: true },
  { name: 'deep-sequences', text: `${'['.repeat(10_000)}${']'.repeat(10_000)}`, exact: false },
  { name: 'deep-block-sequences', text: `layout:\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}x\n`, exact: false },
  { name: 'deep-mappings', text: `a: ${'{b: '.repeat(10_000)}1${'}'.repeat(10_000)}`, exact: false },
  { name: 'numbers-for-strings', text: 'layout: 1\nname: 2\nhypervisor: { model: 3, release: 2016 }\nhost: { logicalProcessors: "eight", memory: 16, devices: [{ id: 7, class: 8 }] }\npartitions:\n  - { name: 1, role: 2, devices: [7], parent: 3 }\n', exact: true },
  { name: 'huge', text: `${good}${'# padding the file to twenty megabytes of text\n'.repeat(440_000)}bogus: true\n`, exact: true },
];

// The core's bad-input fixtures, when they are there.
const badInputDir = path.join(fixturesDir, 'bad-input');
if (fs.existsSync(badInputDir))
  for (const f of fs.readdirSync(badInputDir).filter((x) => x.endsWith('.partition.yaml')).sort()) CASES.push({ name: `fixture-${f}`, text: fs.readFileSync(path.join(badInputDir, f), 'utf8'), exact: true });

function expected(text: string): Diagnostic[] {
  const lines = new LineIndex(text);
  return validate(text).findings.map((f) => ({ range: { start: lines.position(f.range.start), end: lines.position(f.range.end) }, severity: ({ error: 1, warning: 2, info: 3 } as const)[f.severity], source: 'partition-lint', code: f.rule, message: f.message }));
}

const strip = (ds: Diagnostic[]): Diagnostic[] => ds.map(({ codeDescription: _c, tags: _t, relatedInformation: _r, ...d }) => d);

describe('LSP server survives bad input over a real stdio connection', function () {
  this.timeout(240_000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  /** Sends every request a user could trigger on the document; each must be answered (null or a result). */
  async function everyRequest(uri: string): Promise<void> {
    const positions = [{ line: 0, character: 0 }, { line: 0, character: 3 }, { line: 2, character: 4 }, { line: 40, character: 10 }];
    for (const p of positions) {
      await client.hover(uri, p);
      await client.completion(uri, p);
      await client.definition(uri, p);
      await client.references(uri, p, true);
      await client.prepareRename(uri, p).catch((e: Error) => assert.ok(e.message.length > 0));
    }
    await client.symbols(uri);
    await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, []);
    await client.allocation(uri);
  }

  function check(name: string, text: string, exact: boolean, published: Diagnostic[]): void {
    if (exact) assert.deepEqual(strip(published), expected(text));
    else {
      assert.ok(published.some((d) => d.code === 'yaml-syntax' && d.severity === 1), `${name}: no yaml-syntax error`);
      assert.ok(published.every((d) => d.code === 'yaml-syntax'), `${name}: only yaml-syntax is reported`);
    }
  }

  for (const c of CASES) {
    it(`${c.name}: didOpen, didChange, requests`, async () => {
      const uri = `untitled:bad/${c.name}.partition.yaml`;
      await client.open(uri, c.text, 1);
      check(c.name, c.text, c.exact, (await client.waitForDiagnostics(uri, (p) => p.version === 1)).diagnostics);
      await everyRequest(uri);
      // From a good text to the bad one and back, as an edit.
      await client.change(uri, 2, good);
      assert.deepEqual(strip((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics), expected(good));
      await client.change(uri, 3, c.text);
      check(c.name, c.text, c.exact, (await client.waitForDiagnostics(uri, (p) => p.version === 3)).diagnostics);
      await everyRequest(uri);
      await client.close(uri);
      assert.ok(client.alive, 'the server exited');
    });
  }

  it('a fresh server whose first documents nest 10,000 levels deep keeps running', async () => {
    // The first parses of a server run its regular expressions deep inside the YAML parser's recursion.
    const fresh = await LspClient.start();
    try {
      const deep = CASES.find((c) => c.name === 'deep-sequences')!.text;
      const uri = 'untitled:bad/fresh-deep.partition.yaml';
      await fresh.open(uri, deep, 1);
      // Each version is checked (the test waits for it), so the parser runs on the deep text again and again.
      for (let v = 2; v <= 6; v++) {
        await fresh.change(uri, v, v % 2 === 0 ? `${deep} ` : deep);
        const published = await fresh.waitForDiagnostics(uri, (p) => p.version === v);
        assert.ok(published.diagnostics.some((d) => d.code === 'yaml-syntax'));
      }
      await fresh.change(uri, 7, good);
      assert.deepEqual(strip((await fresh.waitForDiagnostics(uri, (p) => p.version === 7)).diagnostics), expected(good));
    } finally {
      await fresh.stop();
    }
  });

  it('afterwards the server still answers hover and diagnostics correctly', async () => {
    const uri = 'untitled:bad/after.partition.yaml';
    const text = fs.readFileSync(path.join(fixturesDir, 'lsp', 'workspace', 'schema-typo.partition.yaml'), 'utf8');
    await client.open(uri, text);
    assert.deepEqual(strip((await client.waitForDiagnostics(uri)).diagnostics), expected(text));
    const h = await client.hover(uri, { line: 11, character: 12 });
    assert.ok(h, 'no hover');
    assert.match((h.contents as MarkupContent).value, /^\*\*nic0\*\* — network device\n\nOwner: \*\*root\*\*, the root, by default: no child lists it\./);
    assert.equal(client.stderr, '', 'the server wrote to stderr');
  });
});
