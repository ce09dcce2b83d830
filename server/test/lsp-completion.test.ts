import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, markers } from './lsp-harness';
import { fixturesDir } from './support';

/** Completion over a real connection, at the caret markers of test-fixtures/completion/*. */
describe('LSP completion over a real stdio connection', function () {
  let client: LspClient;
  const docs = new Map<string, { uri: string; doc: TextDocument; at: Map<string, number> }>();

  before(async () => {
    client = await LspClient.start();
    const dir = path.join(fixturesDir, 'completion');
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.partition.yaml'))) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const uri = `untitled:completion/${name}`;
      await client.open(uri, text);
      await client.waitForDiagnostics(uri);
      for (const [label, offset] of markers(text)) docs.set(label, { uri, doc: TextDocument.create(uri, 'partition-yaml', 1, text), at: new Map([[label, offset]]) });
    }
  });
  after(async () => {
    await client.stop();
  });

  /** The items at a marker, in the order the editor shows them (sortText, then label). */
  async function itemsAt(label: string): Promise<{ items: CompletionItem[]; doc: TextDocument; offset: number }> {
    const d = docs.get(label);
    assert.ok(d, `no marker ${label}`);
    const offset = d.at.get(label)!;
    const result = await client.completion(d.uri, d.doc.positionAt(offset));
    const items = Array.isArray(result) ? result : (result as CompletionList | null)?.items ?? [];
    items.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
    return { items, doc: d.doc, offset };
  }
  const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
  const edit = (i: CompletionItem): TextEdit => i.textEdit as TextEdit;

  it('keys of a partition: only those not yet written, required ones first, while the YAML does not parse', async () => {
    const { items, doc, offset } = await itemsAt('partition-key');
    assert.deepEqual(labels(items), ['virtualProcessors', 'generation', 'guest', 'processorAffinity', 'devices', 'networkAdapters', 'gpuPartition', 'virtualizationStack', 'highAvailability', 'mmioSpace']);
    const vp = items[0];
    assert.equal(vp.detail, 'integer ≥ 1 · required');
    assert.match((vp.documentation as { value: string }).value, /^Number of virtual processors\./);
    // Replaces the typed "vi" with the key and its colon.
    assert.deepEqual(edit(vp), { range: { start: doc.positionAt(offset - 2), end: doc.positionAt(offset) }, newText: 'virtualProcessors: ' });
    const guest = items.find((i) => i.label === 'guest')!;
    assert.equal(edit(guest).newText, 'guest:\n      ');
  });

  it('top-level keys: the ones missing', async () => {
    const { items } = await itemsAt('top-key');
    assert.deepEqual(labels(items), ['hypervisor', 'host']);
    assert.equal(edit(items[1]).newText, 'host:\n  ');
  });

  it('keys of a new device after "- "', async () => {
    const { items } = await itemsAt('device-item-key');
    assert.deepEqual(labels(items), ['id', 'class', 'address', 'locationPath', 'driver', 'assignable', 'iommuGroup', 'mmio', 'mmioLow', 'gpuPartitions']);
  });

  it('enum values with their documentation: releases', async () => {
    const { items } = await itemsAt('release');
    assert.deepEqual(labels(items), ['ws2008', 'ws2008r2', 'ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025']);
    assert.equal(items[4].detail, 'Windows Server 2016');
    // The cursor is right after "release:": the value gets its space.
    assert.equal(edit(items[7]).newText, ' ws2025');
    assert.match((items[0].documentation as { value: string }).value, /The Hyper-V release whose limits and features apply/);
  });

  it('enum values: generation 1 or 2', async () => {
    const { items } = await itemsAt('generation');
    assert.deepEqual(labels(items), ['1', '2']);
  });

  it('parent: partitions that can host a child first, never the partition itself', async () => {
    const { items } = await itemsAt('parent');
    assert.deepEqual(labels(items), ['root', 'lab', 'render01']);
    assert.equal(items[0].detail, 'the root partition');
    assert.equal(items[1].detail, 'child with virtualizationStack: true (nested virtualization)');
    assert.equal(items[2].detail, 'child without virtualizationStack: cannot host partitions');
  });

  it('devices of a child: assignable unowned devices first, then the rest marked (not assignable, already assigned, platform last)', async () => {
    const { items } = await itemsAt('devices-flow');
    assert.deepEqual(labels(items), ['nic1', 'nic0', 'disk0', 'gpu1', 'acpi']);
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description, i.detail]),
      [
        ['nic1', 'assignable', 'network · assignable · unassigned (the root owns it)'],
        ['nic0', 'not assignable', 'network · not assignable (no assignable: true): the root keeps it'],
        ['disk0', 'not assignable', 'storage · not assignable (no assignable: true): the root keeps it'],
        ['gpu1', 'already assigned to render01', 'gpu · already assigned to render01 (a device has one owner)'],
        ['acpi', 'platform: stays in the root', 'platform · platform device: the root keeps it (power management, plug and play)'],
      ],
    );
  });

  it("devices of the root: the ones no child has first, platform devices included", async () => {
    const { items } = await itemsAt('devices-root');
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['nic1', 'root owns it'],
        ['disk0', 'root owns it'],
        ['acpi', 'root owns it'],
        ['gpu0', 'assigned to web01'],
        ['gpu1', 'assigned to render01'],
      ],
    );
  });

  it('networkAdapters: switch names, those not yet listed first, with type, uplinks and users', async () => {
    const { items } = await itemsAt('network-adapters');
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description, i.detail]),
      [
        ['storage-net', 'external', 'external switch · uplinks nic1 · SR-IOV'],
        ['lab', 'private', 'private switch · used by vdi01'],
        ['lan', 'external · already listed', 'external switch · uplinks nic0 · used by vdi02'],
      ],
    );
    const resolved = await client.resolve(items[1]);
    assert.match((resolved.documentation as { value: string }).value, /^\*\*lab\*\* — private switch: links the children on it with each other only/);
  });

  it("a switch's devices: unbound network devices first, then those bound elsewhere, marked", async () => {
    const { items } = await itemsAt('switch-devices');
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['nic3', 'unbound'],
        ['nic1', 'uplink of switch storage-net'],
        ['nic2', 'assigned to edge01'],
      ],
    );
  });

  it('gpuPartition: partitionable GPUs with a free partition first, with used / offered', async () => {
    const { items, doc, offset } = await itemsAt('gpu-partition');
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description, i.detail]),
      [
        ['gpu1', '0/4 partitions used', 'partitionable GPU · 4 free of 4 partitions'],
        ['gpu0', '1/1 partitions used', 'partitionable GPU · none free of 1 partition (used by vdi01)'],
      ],
    );
    assert.deepEqual(edit(items[0]), { range: { start: doc.positionAt(offset), end: doc.positionAt(offset) }, newText: ' gpu1' });
  });

  it("a child's devices: switch uplinks and partitioned GPUs are marked, not offered first", async () => {
    const { items } = await itemsAt('devices-child-switches');
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['nic0', 'uplink of switch lan'],
        ['nic1', 'uplink of switch storage-net'],
        ['nic3', 'not assignable'],
        ['gpu0', 'partitioned GPU: use gpuPartition'],
        ['gpu1', 'partitioned GPU: use gpuPartition'],
        ['disk0', 'not assignable'],
        ['nic2', 'already assigned to edge01'],
      ],
    );
  });

  it('a device item gets its facts as documentation when the editor resolves it', async () => {
    const { items } = await itemsAt('devices-flow');
    const nic0 = items.find((i) => i.label === 'nic0')!;
    assert.equal(nic0.documentation, undefined);
    const resolved = await client.resolve(nic0);
    assert.equal((resolved.documentation as { value: string }).value.split('\n\n').slice(0, 2).join('\n\n'), '**nic0** — network device\n\nOwner: **root**, the root: listed in its `devices` (the root owns every device no child lists anyway).');
    const parent = (await itemsAt('parent')).items[1];
    assert.match(((await client.resolve(parent)).documentation as { value: string }).value, /^\*\*lab\*\* — child partition of \*\*root\*\*, generation 2, runs its own virtualization stack/);
  });

  it('a client that takes one edit range for all items gets it once', async () => {
    const slim = await LspClient.start({ editRangeDefault: true });
    try {
      const d = docs.get('release')!;
      await slim.open(d.uri, d.doc.getText());
      await slim.waitForDiagnostics(d.uri);
      const offset = d.at.get('release')!;
      const list = (await slim.completion(d.uri, d.doc.positionAt(offset))) as CompletionList;
      assert.deepEqual(list.itemDefaults, { editRange: { start: d.doc.positionAt(offset), end: d.doc.positionAt(offset) } });
      assert.deepEqual(list.items.map((i) => [i.label, i.textEditText, i.textEdit]), ['ws2008', 'ws2008r2', 'ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025'].map((r) => [r, ` ${r}`, undefined]));
    } finally {
      await slim.stop();
    }
  });

  it('devices in a block list: the typed prefix is replaced', async () => {
    const { items, doc, offset } = await itemsAt('devices-block');
    assert.deepEqual(labels(items), ['nic1', 'nic0', 'disk0', 'gpu0', 'acpi']);
    assert.deepEqual(edit(items[0]).range, { start: doc.positionAt(offset - 1), end: doc.positionAt(offset) });
  });

  it('synthetic classes: only network and storage are VMBus classes, and storage is already listed', async () => {
    const { items } = await itemsAt('synthetic-flow');
    assert.deepEqual(labels(items), ['network']);
    assert.equal(items[0].detail, 'served by root through nic0, nic1');
  });

  it('nothing to complete inside a comment', async () => {
    const d = docs.get('release')!;
    assert.equal(await client.completion(d.uri, { line: 0, character: 5 }), null);
  });
});
