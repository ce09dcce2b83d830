import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError, type CodeAction, type DocumentSymbol, type Location, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allocationModel } from '../src/core/model/allocation';
import { validate } from '../src/core/validate';
import { codeActions } from '../src/language/code-actions';
import { LspClient, markers } from './lsp-harness';
import { fixturesDir } from './support';

/** Definition, references, rename, symbols, code actions and the allocation request over a real connection. */
describe('LSP navigation, rename, symbols, code actions, allocation over a real stdio connection', function () {
  const text = fs.readFileSync(path.join(fixturesDir, 'hover', 'ownership.partition.yaml'), 'utf8');
  const uri = 'untitled:navigation/ownership.partition.yaml';
  const doc = TextDocument.create(uri, 'partition-yaml', 1, text);
  const at = markers(text);
  const pos = (label: string) => doc.positionAt(at.get(label)!);
  /** The range of the n-th (0-based) whole-word occurrence of `word` in the text. */
  const word = (w: string, n = 0): Range => {
    const re = new RegExp(`(?<![\\w-])${w}(?![\\w-])`, 'g');
    let m: RegExpExecArray | null = null;
    for (let i = 0; i <= n; i++) m = re.exec(text);
    assert.ok(m, `${w} #${n} not found`);
    return { start: doc.positionAt(m.index), end: doc.positionAt(m.index + w.length) };
  };
  /** Occurrences of a word outside comments, in order. */
  const uses = (w: string): Range[] => {
    const out: Range[] = [];
    const re = new RegExp(`(?<![\\w-])${w}(?![\\w-])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const line = doc.positionAt(m.index).line;
      if (!/^\s*#/.test(text.split('\n')[line])) out.push({ start: doc.positionAt(m.index), end: doc.positionAt(m.index + w.length) });
    }
    return out;
  };
  const apply = (edit: WorkspaceEdit | null): string => {
    const edits = edit?.changes?.[uri] ?? [];
    return TextDocument.applyEdits(doc, edits as TextEdit[]);
  };
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
  });
  after(async () => {
    await client.stop();
  });

  describe('go to definition', () => {
    it('from a devices entry to the device id in host.devices', async () => {
      assert.deepEqual(await client.definition(uri, pos('ref-gpu0')), [{ uri, range: word('gpu0', 0) }]);
    });
    it('from a parent value to the partition name', async () => {
      assert.deepEqual(await client.definition(uri, pos('parent-ref')), [{ uri, range: uses('root')[0] }]);
    });
    it('nothing for an id no device has', async () => {
      assert.equal(await client.definition(uri, pos('ref-unknown')), null);
    });
  });

  describe('find references', () => {
    it('every listing of a device, with or without its declaration', async () => {
      const nic1 = uses('nic1');
      assert.equal(nic1.length, 3);
      assert.deepEqual(await client.references(uri, pos('device-nic1-conflict'), true), nic1.map((range) => ({ uri, range })));
      assert.deepEqual(await client.references(uri, pos('ref-nic1'), false), nic1.slice(1).map((range) => ({ uri, range })));
    });
    it('every parent naming a partition', async () => {
      const refs = (await client.references(uri, pos('partition-root'), false)) as Location[];
      assert.equal(refs.length, 4);
      assert.deepEqual(refs, uses('root').slice(2).map((range) => ({ uri, range })));
    });
  });

  describe('rename', () => {
    it('prepareRename gives the name under the cursor', async () => {
      assert.deepEqual(await client.prepareRename(uri, pos('ref-gpu0')), { range: word('gpu0', 1), placeholder: 'gpu0' });
    });

    it('a device id: the definition and every devices entry', async () => {
      const edit = await client.rename(uri, pos('ref-gpu0'), 'gpu-a');
      assert.deepEqual(edit?.changes?.[uri]?.map((e) => e.range), uses('gpu0'));
      const renamed = validate(apply(edit));
      assert.equal(renamed.model?.ownership.get('gpu-a')?.owner?.name, 'render01');
      assert.equal(renamed.model?.ownership.has('gpu0'), false);
    });

    it('a partition name: its name and every parent', async () => {
      const edit = await client.rename(uri, pos('parent-ref'), 'host-root');
      assert.equal(edit?.changes?.[uri]?.length, 5);
      const renamed = validate(apply(edit)).model!;
      assert.equal(renamed.root?.name, 'host-root');
      assert.deepEqual(renamed.root?.children.map((c) => c.name), ['web01', 'render01', 'edge01', 'edge02']);
    });

    it('quotes a name that would not read back as a string, and keeps existing quotes', async () => {
      const quoted = 'untitled:navigation/quoted.partition.yaml';
      await client.open(quoted, 'partitions:\n  - name: root\n    role: root\n  - name: web\n    parent: "root"\n');
      await client.waitForDiagnostics(quoted);
      const edit = await client.rename(quoted, { line: 1, character: 11 }, '2024');
      assert.deepEqual(edit?.changes?.[quoted], [
        { range: { start: { line: 1, character: 10 }, end: { line: 1, character: 14 } }, newText: '"2024"' },
        { range: { start: { line: 4, character: 13 }, end: { line: 4, character: 17 } }, newText: '2024' },
      ]);
      await client.close(quoted);
    });

    const rejects = async (p: Promise<unknown>, message: string): Promise<void> => {
      await assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof ResponseError);
        assert.equal(e.message, message);
        return true;
      });
    };

    it('refuses a name the schema does not accept', async () => {
      await rejects(client.rename(uri, pos('partition-root'), 'Root Partition'), '"Root Partition" is not a valid partition name: use lower-case letters, digits and -, starting with a letter or digit.');
      await rejects(client.rename(uri, pos('ref-gpu0'), 'gpu 0'), '"gpu 0" is not a valid device id: use no spaces, commas, brackets, braces or #.');
    });

    it('refuses a name already in use', async () => {
      await rejects(client.rename(uri, pos('ref-gpu0'), 'nic0'), 'The layout already uses the device id "nic0" (line 24): renaming "gpu0" to it would merge the two; choose another name.');
    });

    it('refuses what is not a device id, partition name or switch name', async () => {
      await rejects(client.prepareRename(uri, pos('class-value')), 'Only device ids (in host.devices, devices lists and gpuPartition), partition names (name and parent) and switch names (in host.switches and networkAdapters) can be renamed.');
    });
  });

  it('document symbols: hypervisor, host with its devices, partitions', async () => {
    const symbols = (await client.symbols(uri)) as DocumentSymbol[];
    const outline = (s: DocumentSymbol): unknown => ({ name: s.name, detail: s.detail, kind: s.kind, ...(s.children?.length ? { children: s.children.map(outline) } : {}) });
    assert.deepEqual(symbols.map(outline), [
      { name: 'hypervisor', detail: 'microkernelized · Windows Server 2025', kind: 2 },
      {
        name: 'host',
        detail: '32 logical processors · 128GiB',
        kind: 19,
        children: [
          {
            name: 'devices',
            detail: '5',
            kind: 18,
            children: [
              { name: 'nic0', detail: 'network · 0000:03:00.0 · owner root', kind: 13 },
              { name: 'nic1', detail: 'network · 0000:03:00.1 · owner edge01', kind: 13 },
              { name: 'gpu0', detail: 'gpu · 0000:65:00.0 · owner render01', kind: 13 },
              { name: 'disk0', detail: 'storage · owner root', kind: 13 },
              { name: 'acpi', detail: 'platform · owner root', kind: 13 },
            ],
          },
        ],
      },
      {
        name: 'partitions',
        detail: '5',
        kind: 18,
        children: [
          { name: 'root', detail: 'root · 8 VPs · 8GiB', kind: 5 },
          { name: 'web01', detail: 'child of root · 2 VPs · 2GiB dynamic (1GiB–4GiB)', kind: 5 },
          { name: 'render01', detail: 'child of root · 8 VPs · 32GiB', kind: 5 },
          { name: 'edge01', detail: 'child of root · 4 VPs · 16GB', kind: 5 },
          { name: 'edge02', detail: 'child of root · 2 VPs · 2GiB', kind: 5 },
        ],
      },
    ]);
    // Every selection range lies inside its symbol's range; a partition's selection is its name.
    const inside = (a: Range, b: Range) => doc.offsetAt(b.start) <= doc.offsetAt(a.start) && doc.offsetAt(a.end) <= doc.offsetAt(b.end);
    const walk = (s: DocumentSymbol): void => {
      assert.ok(inside(s.selectionRange, s.range), s.name);
      s.children?.forEach(walk);
    };
    symbols.forEach(walk);
    assert.deepEqual(symbols[2].children![1].selectionRange, word('web01'));
  });

  it('code actions: the server answers with codeActions() of the same document and diagnostics', async () => {
    const withProblems = 'untitled:navigation/actions.partition.yaml';
    const problemText = fs.readFileSync(path.join(fixturesDir, 'lsp', 'workspace', 'schema-typo.partition.yaml'), 'utf8');
    await client.open(withProblems, problemText);
    const { diagnostics } = await client.waitForDiagnostics(withProblems);
    for (const d of diagnostics) {
      const actual = await client.codeActions(withProblems, d.range, [d]);
      const expected = codeActions(TextDocument.create(withProblems, 'partition-yaml', 1, problemText), validate(problemText), { textDocument: { uri: withProblems }, range: d.range, context: { diagnostics: [d] } });
      assert.deepEqual(actual, JSON.parse(JSON.stringify(expected)));
    }
    await client.close(withProblems);
  });

  it('code actions for a client that runs partitionLayout.selectRange: what to type over is selected after the edit', async () => {
    const selecting = await LspClient.start({ initializationOptions: { selectRangeCommand: true } });
    try {
      const u = 'untitled:navigation/select.partition.yaml';
      const t = text.replace('    virtualProcessors: 2\n', '    virtualprocessors: 2\n');
      const before = TextDocument.create(u, 'partition-yaml', 1, t);
      await selecting.open(u, t);
      const { diagnostics } = await selecting.waitForDiagnostics(u);
      const selectedBy = async (d: (typeof diagnostics)[number], title: string): Promise<string> => {
        const actions = ((await selecting.codeActions(u, d.range, [d])) ?? []) as CodeAction[];
        const action = actions.find((a) => a.title.startsWith(title));
        assert.ok(action?.edit?.changes, `${title}: offered ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(action.command?.command, 'partitionLayout.selectRange');
        const [args] = action.command.arguments as Array<{ uri: string; range: Range }>;
        assert.equal(args.uri, u);
        return TextDocument.create(u, 'partition-yaml', 2, TextDocument.applyEdits(before, action.edit.changes[u])).getText(args.range);
      };
      const typo = diagnostics.find((d) => String(d.message).startsWith('unknown property "virtualprocessors"'))!;
      assert.equal(await selectedBy(typo, 'Disable schema for this line'), 'reason');
      const missing = diagnostics.find((d) => String(d.message).includes('missing the required property "virtualProcessors"'))!;
      assert.equal(await selectedBy(missing, 'Add the required "virtualProcessors: 1"'), '1');
    } finally {
      await selecting.stop();
    }
  });

  it('the allocation request returns the model of the current version', async () => {
    const result = await client.allocation(uri);
    const v = validate(text);
    assert.deepEqual(result, { uri, version: 1, allocation: JSON.parse(JSON.stringify(allocationModel(v.model!, v.findings, v.parsed.lines))), problems: { error: 0, warning: 0, info: 0, ...countBySeverity(v.findings) } });
    assert.equal(await client.allocation('untitled:not-open.partition.yaml'), null);
  });
});

function countBySeverity(findings: Array<{ severity: 'error' | 'warning' | 'info' }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.severity] = (out[f.severity] ?? 0) + 1;
  return out;
}
