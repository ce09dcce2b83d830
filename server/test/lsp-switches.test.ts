import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError, type DocumentSymbol, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validate } from '../src/core/validate';
import { LspClient, markers } from './lsp-harness';
import { fixturesDir } from './support';

/**
 * Switch names and GPU partitions over a real connection (test-fixtures/hover/switches): definition,
 * references and rename of switch names (`host.switches[].name`, `networkAdapters` entries), device
 * ids in a switch's `devices` and in `gpuPartition`, and the outline's switches.
 */
describe('LSP switch names and GPU partitions over a real stdio connection', function () {
  const text = fs.readFileSync(path.join(fixturesDir, 'hover', 'switches.partition.yaml'), 'utf8');
  const uri = 'untitled:switches/switches.partition.yaml';
  const doc = TextDocument.create(uri, 'partition-yaml', 1, text);
  const at = markers(text);
  const pos = (label: string) => doc.positionAt(at.get(label)!);
  /** Whole-word occurrences of `w` outside comment lines, in order. */
  const uses = (w: string): Range[] => {
    const out: Range[] = [];
    const re = new RegExp(`(?<![\\w-])${w}(?![\\w-])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const line = doc.positionAt(m.index).line;
      if (!/^\s*#/.test(text.split('\n')[line])) out.push({ start: doc.positionAt(m.index), end: doc.positionAt(m.index + w.length) });
    }
    return out;
  };
  const apply = (edit: WorkspaceEdit | null): string => TextDocument.applyEdits(doc, (edit?.changes?.[uri] ?? []) as TextEdit[]);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => `${String(d.code)}: ${String(d.message)}`), [], 'the fixture is a valid layout');
  });
  after(async () => {
    await client.stop();
  });

  it('go to definition: from a networkAdapters entry to the switch, from gpuPartition and an uplink to the device', async () => {
    assert.deepEqual(await client.definition(uri, pos('adapter-lan')), [{ uri, range: uses('lan')[0] }]);
    assert.deepEqual(await client.definition(uri, pos('adapter-lab')), [{ uri, range: uses('lab')[0] }]);
    assert.deepEqual(await client.definition(uri, pos('gpu-partition-ref')), [{ uri, range: uses('gpu0')[0] }]);
    assert.deepEqual(await client.definition(uri, pos('switch-uplink-ref')), [{ uri, range: uses('nic1')[0] }]);
  });

  it('find references: every adapter on a switch; every gpuPartition of a GPU; a device used as an uplink', async () => {
    const lan = uses('lan');
    assert.equal(lan.length, 3);
    assert.deepEqual(await client.references(uri, pos('switch-lan-definition'), true), lan.map((range) => ({ uri, range })));
    assert.deepEqual(await client.references(uri, pos('adapter-lan'), false), lan.slice(1).map((range) => ({ uri, range })));
    assert.deepEqual(await client.references(uri, pos('gpu-partition-ref'), true), uses('gpu0').map((range) => ({ uri, range })));
    assert.deepEqual(await client.references(uri, pos('device-nic0-uplink'), false), uses('nic0').slice(1).map((range) => ({ uri, range })));
  });

  it('rename a switch: its name and every networkAdapters entry; the result is still valid', async () => {
    assert.deepEqual(await client.prepareRename(uri, pos('adapter-lan')), { range: uses('lan')[1], placeholder: 'lan' });
    const edit = await client.rename(uri, pos('adapter-lan'), 'uplink-a');
    assert.deepEqual(edit?.changes?.[uri]?.map((e) => e.range), uses('lan'));
    const renamed = apply(edit);
    const v = validate(renamed);
    assert.deepEqual(v.findings.map((f) => f.rule), []);
    assert.deepEqual(v.model?.host.switchByName.get('uplink-a')?.users.map((p) => p.name), ['vdi01', 'vdi02']);
  });

  it('rename a GPU from gpuPartition: the device and every gpuPartition', async () => {
    const edit = await client.rename(uri, pos('gpu-partition-ref'), 'gpu-p0');
    assert.deepEqual(edit?.changes?.[uri]?.map((e) => e.range), uses('gpu0'));
    assert.deepEqual(validate(apply(edit)).model?.gpus.map((g) => [g.device.id, g.users.map((p) => p.name)]), [['gpu-p0', ['vdi01', 'vdi02']]]);
  });

  it('refuses a switch name the schema does not accept, or one in use', async () => {
    const rejects = (p: Promise<unknown>, message: string) =>
      assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof ResponseError);
        assert.equal(e.message, message);
        return true;
      });
    await rejects(client.rename(uri, pos('adapter-lan'), 'LAN 1'), '"LAN 1" is not a valid switch name: use lower-case letters, digits and -, starting with a letter or digit.');
    const labLine = doc.positionAt(text.indexOf('- name: lab')).line + 1;
    await rejects(client.rename(uri, pos('adapter-lan'), 'lab'), `The layout already uses the switch name "lab" (line ${labLine}): renaming "lan" to it would merge the two; choose another name.`);
  });

  it('the outline lists the switches under host, with type, uplinks, SR-IOV and the adapters on them', async () => {
    const symbols = (await client.symbols(uri)) as DocumentSymbol[];
    const host = symbols.find((s) => s.name === 'host')!;
    assert.deepEqual(host.children?.map((c) => [c.name, c.detail]), [['devices', '6'], ['switches', '2']]);
    const switches = host.children![1].children!;
    assert.deepEqual(switches.map((s) => [s.name, s.detail, s.kind]), [
      ['lan', 'external · uplinks nic0, nic1 · SR-IOV · adapters of vdi01, vdi02', 11],
      ['lab', 'private · adapters of vdi01', 11],
    ]);
    assert.deepEqual(switches[0].selectionRange, uses('lan')[0]);
  });
});
