import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { allocationRequest, isLayoutFile, LANGUAGE_ID } from '../../../server/src/protocol';
import { anchorAt, type CursorAnchor } from './cursor-anchor';
import { SCRIPT_PATH, STYLE_PATH, WEBVIEW_ROOTS, newNonce, previewHtml } from './preview-html';
import { parseFromWebview, parseQuery, type ToWebview, type WebviewState } from './preview-messages';
import { PreviewSession } from './preview-session';

export const VIEW_TYPE = 'partitionLayout.allocationPreview';
const DEBOUNCE_MS = 150;

/**
 * The allocation preview: one webview panel beside the editor that follows the active
 * `*.partition.yaml` editor. The server computes the model (`allocationRequest`); the session turns
 * it into the view the webview shows; this class relays it, answers the webview's filter and page
 * requests, reveals definitions the user clicks, and highlights the partition under the cursor.
 * After a window reload VS Code hands the panel back to `restore` (a WebviewPanelSerializer).
 * Every await is followed by a check that the panel (and this manager) still exist.
 */
export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private panel: vscode.WebviewPanel | undefined;
  /** disposables that live as long as the panel */
  private panelDisposables: vscode.Disposable[] = [];
  /** the followed layout */
  private uri: vscode.Uri | undefined;
  private ready = false;
  /** a change arrived while the panel was hidden: refresh when it shows again */
  private stale = false;
  private disposed = false;
  private timer: NodeJS.Timeout | undefined;
  /** increases per request: a late answer for an older request is dropped */
  private requestSeq = 0;
  private session = new PreviewSession();
  private highlighted: CursorAnchor = {};
  private rendered: readonly string[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {}

  /** The partition names the webview last reported as rendered (read by the integration test). */
  get lastRendered(): readonly string[] {
    return this.rendered;
  }

  /** The followed layout (read by the integration test). */
  get followed(): vscode.Uri | undefined {
    return this.panel ? this.uri : undefined;
  }

  /** Opens (or reveals) the panel beside the active layout and follows that layout. */
  async open(): Promise<void> {
    if (this.disposed) return;
    const editor = activeLayoutEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open a *.partition.yaml file to preview its allocation.');
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Allocation Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
      this.adopt(panel);
    }
    await this.follow(editor.document);
  }

  /** VS Code reopens a preview that was open before a window reload: follow the layout it showed. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.disposed) return;
    if (this.panel) {
      // one preview at a time
      panel.dispose();
      return;
    }
    this.adopt(panel);
    const saved = (typeof state === 'object' && state !== null ? state : {}) as WebviewState;
    const query = parseQuery(saved.query);
    if (query) this.session.ask(query);
    let document: vscode.TextDocument | undefined;
    if (typeof saved.uri === 'string') {
      try {
        document = await vscode.workspace.openTextDocument(vscode.Uri.parse(saved.uri, true));
      } catch {
        document = undefined;
      }
    }
    if (this.disposed || this.panel !== panel) return;
    document ??= activeLayoutEditor()?.document;
    if (document) await this.follow(document);
    else this.post(this.session.unavailable('', 'Allocation', 'Open a *.partition.yaml file to preview its allocation.'));
  }

  dispose(): void {
    this.disposed = true;
    this.panel?.dispose();
    this.disposePanelState();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const roots = WEBVIEW_ROOTS.map((parts) => vscode.Uri.joinPath(this.context.extensionUri, ...parts));
    return { enableScripts: true, localResourceRoots: roots, enableFindWidget: true };
  }

  /** Makes `panel` the preview: its HTML, its messages and the editor events it follows. */
  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    webview.options = this.webviewOptions();
    const asUri = (parts: readonly string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...parts)).toString();
    webview.html = previewHtml({ cspSource: webview.cspSource, scriptUri: asUri(SCRIPT_PATH), styleUri: asUri(STYLE_PATH), nonce: newNonce() });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && this.stale) void this.refresh();
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        this.disposePanelState();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.isFollowed(e.document.uri) && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && isLayout(e.document) && !this.isFollowed(e.document.uri)) void this.follow(e.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.isFollowed(e.textEditor.document.uri)) this.highlightAt(e.selections[0]?.active.line);
      }),
    );
  }

  private disposePanelState(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.requestSeq++;
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    this.ready = false;
    this.session = new PreviewSession();
    this.stale = false;
    this.highlighted = {};
  }

  private async follow(document: vscode.TextDocument): Promise<void> {
    if (!this.panel) return;
    const changed = !this.isFollowed(document.uri);
    this.uri = document.uri;
    this.panel.title = `Allocation: ${path.basename(document.uri.path)}`;
    if (changed) this.highlighted = {};
    await this.refresh();
  }

  private isFollowed(uri: vscode.Uri): boolean {
    return this.uri !== undefined && this.uri.toString() === uri.toString();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.panel && !this.panel.visible) {
      this.stale = true;
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  /** Asks the server for the followed document's allocation and relays what changed. */
  private async refresh(): Promise<void> {
    const uri = this.uri;
    if (!this.panel || !uri) return;
    const seq = ++this.requestSeq;
    this.stale = false;
    const fileName = path.basename(uri.path);
    let message: ToWebview;
    try {
      const result = await this.client.sendRequest(allocationRequest, { uri: uri.toString() });
      if (this.disposed || !this.panel || seq !== this.requestSeq) return;
      message = result
        ? this.session.answer(uri.toString(), fileName, result)
        : this.session.unavailable(uri.toString(), fileName, 'The language server does not know this document yet.');
    } catch (error) {
      if (this.disposed || !this.panel || seq !== this.requestSeq) return;
      message = this.session.unavailable(uri.toString(), fileName, `The language server could not compute the allocation: ${errorText(error)}`);
    }
    this.post(message);
    this.highlightAt(this.cursorLine(), true);
  }

  private cursorLine(): number | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => this.isFollowed(e.document.uri));
    return editor?.selection.active.line;
  }

  /** Highlights the partition (or device) whose definition holds the 0-based `line`. */
  private highlightAt(line: number | undefined, force = false): void {
    const model = this.session.allocation;
    if (!model || line === undefined) return;
    const anchor = anchorAt(model, line + 1);
    if (!force && anchor.partition === this.highlighted.partition && anchor.device === this.highlighted.device) return;
    this.highlighted = anchor;
    this.post({ type: 'highlight', ...anchor });
  }

  private post(message: ToWebview | undefined): void {
    if (!this.panel || !this.ready || !message) return;
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message || this.disposed || !this.panel) return;
    switch (message.type) {
      case 'ready':
        // The script (re)loaded, e.g. after the panel was hidden: send it the current state.
        this.ready = true;
        this.post(this.session.message());
        if (this.highlighted.partition !== undefined || this.highlighted.device !== undefined) this.post({ type: 'highlight', ...this.highlighted });
        break;
      case 'resync':
        // a patch did not fit what the webview holds (it reloaded in between): send the whole view
        this.post(this.session.message());
        break;
      case 'rendered':
        this.rendered = message.partitions;
        break;
      case 'reveal':
        void this.reveal(message.position.line - 1, message.position.column - 1);
        break;
      case 'query':
        this.post(this.session.ask(message.query));
        break;
    }
  }

  /** Shows the followed document with the definition at (0-based) line/character selected. */
  private async reveal(line: number, character: number): Promise<void> {
    const uri = this.session.allocation ? this.uri : undefined;
    if (!uri) return;
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      if (this.disposed) return;
      const at = document.validatePosition(new vscode.Position(line, character));
      const end = document.lineAt(at.line).range.end;
      const selection = new vscode.Selection(at, end.isAfter(at) ? end : at);
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
      if (this.disposed) return;
      editor.selection = selection;
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      if (this.disposed) return;
      void vscode.window.showErrorMessage(`Partition Layout: could not reveal the definition in ${path.basename(uri.path)}: ${errorText(error)}`);
    }
  }
}

function isLayout(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID || isLayoutFile(document.uri.path);
}

/** The active layout editor, else the first visible one. */
function activeLayoutEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && isLayout(active.document)) return active;
  return vscode.window.visibleTextEditors.find((e) => isLayout(e.document));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
