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
import type { PreviewView, ToWebview, ViewMessage } from '../src/preview/preview-messages';
import { apply } from '../src/preview/view-diff';
import { analyse, fixtureText, newSession, repoRoot } from './preview-harness';
import * as fake from './preview-fake-vscode';
import { pendingTimers, settled, until } from './preview-fake-vscode';

interface Call {
  method: string;
  params: { uri: string };
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

class FakeClient {
  readonly calls: Call[] = [];
  sendRequest(type: { method: string }, params: { uri: string }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.calls.push({ method: type.method, params, resolve, reject });
      fake.recordedSomething();
    });
  }
}

type Manager = InstanceType<typeof ManagerModule.PreviewManager>;

/** The views a webview would hold after each view or patch message (a patch applied to the message it names). */
function viewsShown(posted: readonly unknown[]): ViewMessage[] {
  const shown: ViewMessage[] = [];
  for (const m of posted as ToWebview[]) {
    if (m.type === 'view') shown.push(m);
    else if (m.type === 'patch') {
      const { base, view: change, ...rest } = m;
      const held = shown.at(-1);
      assert.equal(held?.seq, base, 'a patch changes the message before it');
      const next: ViewMessage = { ...rest, type: 'view' };
      const view = change ? apply(held.view, change) : held.view;
      if (view) next.view = view as PreviewView;
      shown.push(next);
    }
  }
  return shown;
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
  const shown = (): ViewMessage[] => viewsShown(panel().posted);

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

    const timers = pendingTimers();
    for (let i = 0; i < 5; i++) fake.events.change.fire({ document: doc, contentChanges: [{}] });
    assert.equal(pendingTimers(), timers + 1, 'five quick edits, one pending request');
    await until(() => client.calls.length === 2, 'one request after the burst');
    assert.equal(pendingTimers(), timers, 'and nothing more pending');

    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    await until(() => client.calls.length === 3, 'a request for the next edit');
    const edited = text.replace('memory: 32GiB', 'memory: 48GiB');
    await answer(client.calls[2], edited, 3);
    await until(() => shown().length === 2, 'the newer view');
    await answer(client.calls[1], text, 2);
    await settled();
    const models = shown();
    assert.equal(models.length, 2, 'the late, older answer is dropped');
    assert.equal(models[1].version, 3);
  });

  it('ignores edits of other documents', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    const timers = pendingTimers();
    fake.events.change.fire({ document: new fake.FakeDocument(fake.Uri.file('/other.partition.yaml'), ''), contentChanges: [{}] });
    assert.equal(pendingTimers(), timers, 'no request pending');
    await settled();
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
    await settled();
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
    await settled();
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
        seq: 1,
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
    await settled();
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
    const timers = pendingTimers();
    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    fake.events.change.fire({ document: new fake.FakeDocument(fake.Uri.file('/other.partition.yaml'), ''), contentChanges: [{}] });
    assert.equal(pendingTimers(), timers, 'no request pending while hidden');
    await settled();
    assert.equal(client.calls.length, 1, 'no request while hidden');
    p.visible = true;
    p.viewState.fire({ webviewPanel: p });
    assert.equal(client.calls.length, 2, 'one request when shown, at once');
  });

  it('answers the webview’s filter and page requests from the last answer, without asking the server again', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'ready' });
    panel().receive.fire({ type: 'query', query: { filter: 'gpu', offsets: {} } });
    const last = shown().at(-1)!;
    assert.deepEqual(last.query, { filter: 'gpu', offsets: {} });
    assert.deepEqual(last.view?.partitions.rows.map((r) => r.name), ['render01']);
    assert.deepEqual(last.view?.devices.rows.map((r) => r.id), ['gpu0']);
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
  it('after the first view, posts only what changed: a patch much smaller than the view, giving the view a fresh preview shows', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'ready' });
    const first = posted('view')[0];
    const edited = text.replace('memory: 16GiB', 'memory: 20GiB');
    fake.events.change.fire({ document: doc, contentChanges: [{}] });
    await until(() => client.calls.length === 2, 'the request after the edit');
    await answer(client.calls[1], edited, 2);
    await until(() => posted('patch').length === 1, 'the patch');
    const patch = posted('patch')[0];
    assert.equal(patch.base, first.seq);
    const sizes = { patch: JSON.stringify(patch).length, view: JSON.stringify(first).length };
    assert.ok(sizes.patch * 4 < sizes.view, `the patch (${sizes.patch} bytes) is a fraction of the view (${sizes.view} bytes)`);
    const fresh = await newSession();
    const whole = fresh.answer(doc.uri.toString(), FILE, await analyse(edited, 2)) as ViewMessage;
    assert.equal(whole.type, 'view');
    assert.deepEqual(shown().at(-1)?.view, whole.view);
    assert.match(JSON.stringify(shown().at(-1)?.view?.partitions.rows.find((r) => r.name === 'edge01')), /"memory":"20 GiB"/);
  });

  it('sends the whole view when the webview asks for it again, and patches that view next', async function () {
    const opened = manager.open();
    await until(() => client.calls.length === 1, 'the request');
    await answer(client.calls[0]);
    await opened;
    panel().receive.fire({ type: 'ready' });
    panel().receive.fire({ type: 'resync' });
    const views = posted('view');
    assert.equal(views.length, 2);
    assert.ok((views[1].seq as number) > (views[0].seq as number));
    panel().receive.fire({ type: 'query', query: { filter: 'web', offsets: {} } });
    assert.equal(posted('patch').at(-1)?.base, views[1].seq);
    assert.deepEqual(shown().at(-1)?.view?.partitions.rows.map((r) => r.name), ['web01']);
  });
});
