/**
 * The preview panel's lifecycle on plain node: the real PreviewManager (bundled with esbuild the way
 * the extension is) against a stand-in `vscode` module and a language client whose answers the test
 * releases. Models come from the real core.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type * as ManagerModule from '../src/preview/preview-manager';
import { analyse, fixtureText, repoRoot } from './preview-harness';
import * as fake from './preview-fake-vscode';

interface Call {
  method: string;
  params: { uri: string };
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

class FakeClient {
  readonly calls: Call[] = [];
  sendRequest(type: { method: string }, params: { uri: string }): Promise<unknown> {
    return new Promise((resolve, reject) => this.calls.push({ method: type.method, params, resolve, reject }));
  }
}

type Manager = InstanceType<typeof ManagerModule.PreviewManager>;

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const FILE = 'modern-gpu-nic.partition.yaml';

describe('preview manager (panel lifecycle)', function () {
  let PreviewManager: typeof ManagerModule.PreviewManager;
  let tmp: string;
  let client: FakeClient;
  let manager: Manager;
  let doc: fake.FakeDocument;
  let editor: fake.FakeEditor;
  const text = fixtureText(FILE);

  before(async function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-manager-'));
    const outfile = path.join(tmp, 'preview-manager.js');
    const fakePath = path.join(__dirname, 'preview-fake-vscode.js');
    await esbuild.build({
      entryPoints: [path.join(repoRoot, 'client', 'src', 'preview', 'preview-manager.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
      plugins: [{ name: 'fake-vscode', setup: (b) => b.onResolve({ filter: /^vscode$/ }, () => ({ path: fakePath, external: true })) }],
    });
    PreviewManager = ((await import(pathToFileURL(outfile).href)) as typeof ManagerModule).PreviewManager;
  });

  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  beforeEach(function () {
    fake.reset();
    doc = new fake.FakeDocument(fake.Uri.file(`/layouts/${FILE}`), text);
    editor = new fake.FakeEditor(doc);
    fake.workspace.documents.push(doc);
    fake.window.activeTextEditor = editor;
    fake.window.visibleTextEditors = [editor];
    client = new FakeClient();
    const context = { extensionUri: fake.Uri.file('/ext') };
    manager = new PreviewManager(context as never, client as never);
  });

  afterEach(function () {
    manager.dispose();
    assert.equal(fake.listenerCount(), 0, 'no listener outlives the panel');
  });

  async function answer(call: Call, source = text, version = 1): Promise<void> {
    const m = await analyse(source, version);
    call.resolve({ uri: call.params.uri, ...m });
  }

  const panel = (): fake.FakePanel => fake.recorded.panels[0];
  const posted = (type: string): Array<Record<string, unknown>> => panel().posted.filter((m) => (m as { type: string }).type === type) as Array<Record<string, unknown>>;

  it('says what to do when no layout is open', async function () {
    fake.window.activeTextEditor = undefined;
    fake.window.visibleTextEditors = [];
    await manager.open();
    assert.equal(fake.recorded.panels.length, 0);
    assert.deepEqual(fake.recorded.info, ['Open a *.partition.yaml file to preview its allocation.']);
  });

  it('opens one panel beside the layout, loading only the bundled webview and its stylesheet, and reveals it on the next open', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the allocation request');
    assert.equal(client.calls[0].method, 'partitionLayout/allocation');
    assert.deepEqual(client.calls[0].params, { uri: doc.uri.toString() });
    await answer(client.calls[0]);
    await opened;
    const p = panel();
    assert.deepEqual(p.showOptions, { viewColumn: fake.ViewColumn.Beside, preserveFocus: true });
    assert.equal(p.options.enableScripts, true);
    assert.deepEqual(p.options.localResourceRoots?.map(String), ['file:///ext/dist/webview', 'file:///ext/client/media']);
    assert.equal(p.title, `Allocation: ${FILE}`);
    const nonce = /script-src 'nonce-([^']+)'/.exec(p.webview.html)?.[1];
    assert.ok(nonce);
    assert.ok(p.webview.html.includes(`<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/preview.js">`));
    assert.ok(p.webview.html.includes(`<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/client/media/preview.css" nonce="${nonce}">`));
    assert.ok(p.webview.html.includes(`style-src ${p.webview.cspSource} 'nonce-${nonce}'`));

    const again = manager.open();
    await until(() => client.calls.length === 2, 'a refresh on the second open');
    await answer(client.calls[1]);
    await again;
    assert.equal(fake.recorded.panels.length, 1, 'still one panel');
    assert.equal(p.revealed, 1);
  });

  it('posts the view only after the webview is ready, then on every answer', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    assert.deepEqual(panel().posted, [], 'nothing before the handshake');
    panel().receive.fire({ type: 'ready' });
    const models = posted('view');
    assert.equal(models.length, 1);
    assert.equal(models[0].uri, doc.uri.toString());
    assert.equal(models[0].fileName, FILE);
    assert.equal((models[0].view as { header: { title: string } }).header.title, 'hv-lab-01');
    // the webview reloads (e.g. after being hidden): it gets the state again
    panel().receive.fire({ type: 'ready' });
    assert.equal(posted('view').length, 2);
  });

  it('debounces edits into one request and drops an answer that arrives after a newer one', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the first request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'ready' });

    for (let i = 0; i < 5; i++) fake.events.change.fire({ document: doc, contentChanges: [{}] });
    await until(() => client.calls.length === 2, 'one request after the burst');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(client.calls.length, 2, 'five quick edits, one request');

    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    await until(() => client.calls.length === 3, 'a request for the next edit');
    const edited = text.replace('memory: 32GiB', 'memory: 48GiB');
    await answer(client.calls[2], edited, 3);
    await until(() => posted('view').length === 2, 'the newer view');
    await answer(client.calls[1], text, 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const models = posted('view');
    assert.equal(models.length, 2, 'the late, older answer is dropped');
    assert.equal(models[1].version, 3);
  });

  it('ignores edits of other documents', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    fake.events.change.fire({ document: new fake.FakeDocument(fake.Uri.file('/other.partition.yaml'), ''), contentChanges: [{}] });
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(client.calls.length, 1);
  });

  it('highlights the partition under the cursor, once per change', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'ready' });
    const lines = text.split('\n');
    const at = (needle: string): fake.Selection => {
      const line = lines.findIndex((l) => l.includes(needle));
      return new fake.Selection(new fake.Position(line, 4), new fake.Position(line, 4));
    };
    const before = posted('highlight').length;
    fake.events.selection.fire({ textEditor: editor, selections: [at('- name: render01')] });
    fake.events.selection.fire({ textEditor: editor, selections: [at('devices: [gpu0]')] });
    fake.events.selection.fire({ textEditor: editor, selections: [at('- name: edge01')] });
    const highlights = posted('highlight').slice(before);
    assert.deepEqual(highlights, [
      { type: 'highlight', partition: 'render01' },
      { type: 'highlight', partition: 'edge01' },
    ]);
  });

  it('reveals a clicked definition in the layout’s editor and selects its line', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'ready' });
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('- name: render01'));
    panel().receive.fire({ type: 'reveal', position: { line: line + 1, column: 5 } });
    await until(() => fake.recorded.shown.length === 1 && editor.revealed.length === 1, 'the editor to show the definition');
    const shown = fake.recorded.shown[0];
    assert.equal(shown.document, doc);
    assert.deepEqual(shown.options, { viewColumn: 1, preserveFocus: false });
    assert.deepEqual(editor.selection.anchor, new fake.Position(line, 4));
    assert.deepEqual(editor.selection.active, new fake.Position(line, lines[line].length));
  });

  it('keeps what the webview reports as rendered and ignores malformed messages', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'rendered', partitions: ['root', 'web01'] });
    assert.deepEqual(manager.lastRendered, ['root', 'web01']);
    panel().receive.fire({ type: 'rendered', partitions: [1, 2] });
    panel().receive.fire({ type: 'reveal', position: { line: 0, column: 0 } });
    panel().receive.fire('ready');
    assert.deepEqual(manager.lastRendered, ['root', 'web01']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fake.recorded.shown.length, 0);
  });

  it('follows another layout when its editor becomes active', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    const other = new fake.FakeDocument(fake.Uri.file('/layouts/ws2008-host.partition.yaml'), fixtureText('ws2008-host.partition.yaml'));
    fake.events.activeEditor.fire(new fake.FakeEditor(other));
    await until(() => client.calls.length === 2, 'a request for the other layout');
    assert.equal(client.calls[1].params.uri, other.uri.toString());
    assert.equal(panel().title, 'Allocation: ws2008-host.partition.yaml');
    fake.events.activeEditor.fire(new fake.FakeEditor(new fake.FakeDocument(fake.Uri.file('/notes.md'), '', 'markdown')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(client.calls.length, 2, 'a non-layout editor does not take the preview');
  });

  it('tells the webview when the server fails, and posts nothing after dispose', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    panel().receive.fire({ type: 'ready' });
    client.calls[0].reject(new Error('Client is not running'));
    await opened;
    assert.deepEqual(posted('view'), [
      {
        type: 'view',
        uri: doc.uri.toString(),
        fileName: FILE,
        version: 0,
        stale: true,
        banner: { kind: 'error', text: 'The language server could not compute the allocation: Client is not running' },
        query: { filter: '', offsets: {} },
      },
    ]);

    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    await until(() => client.calls.length === 2, 'the next request');
    const p = panel();
    const count = p.posted.length;
    p.dispose();
    await answer(client.calls[1]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(p.posted.length, count, 'nothing posted to a disposed panel');
    assert.equal(fake.listenerCount(), 0);
  });

  it('refreshes a hidden panel when it is shown again instead of on every edit', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    const p = panel();
    p.visible = false;
    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(client.calls.length, 1, 'no request while hidden');
    p.visible = true;
    p.viewState.fire({ webviewPanel: p });
    await until(() => client.calls.length === 2, 'a request when shown');
  });

  it('answers the webview’s filter and page requests from the last answer, without asking the server again', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'ready' });
    panel().receive.fire({ type: 'query', query: { filter: 'gpu', offsets: {} } });
    const last = posted('view').at(-1) as { query: unknown; view: { partitions: { rows: Array<{ name: string }> }; devices: { rows: Array<{ id: string }> } } };
    assert.deepEqual(last.query, { filter: 'gpu', offsets: {} });
    assert.deepEqual(last.view.partitions.rows.map((r) => r.name), ['render01']);
    assert.deepEqual(last.view.devices.rows.map((r) => r.id), ['gpu0']);
    assert.equal(client.calls.length, 1);
  });

  it('restores a preview VS Code hands back after a reload, following the layout and filter it showed', async function () {
    const restored = new fake.FakePanel('partitionLayout.allocationPreview', 'Allocation Preview', {}, {});
    const done = manager.deserializeWebviewPanel(restored as never, { uri: doc.uri.toString(), query: { filter: 'edge', offsets: {} }, scrollY: 40 });
    await until(() => client.calls.length === 1, 'the request for the saved layout');
    assert.deepEqual(client.calls[0].params, { uri: doc.uri.toString() });
    await answer(client.calls[0]);
    await done;
    assert.equal(restored.title, `Allocation: ${FILE}`);
    assert.ok(restored.webview.html.includes('dist/webview/preview.js'));
    restored.receive.fire({ type: 'ready' });
    const view = restored.posted.filter((m) => (m as { type: string }).type === 'view').at(-1) as { query: unknown; view: { partitions: { rows: Array<{ name: string }> } } };
    assert.deepEqual(view.query, { filter: 'edge', offsets: {} });
    assert.deepEqual(view.view.partitions.rows.map((r) => r.name), ['edge01']);
  });
});
