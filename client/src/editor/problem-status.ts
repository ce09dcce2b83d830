import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../server/src/protocol';
import { COMMANDS, LANGUAGE_ID } from '../commands/manifest';

/** What the status-bar item shows, for a test to read. */
export interface ProblemStatusView {
  visible: boolean;
  text: string;
  tooltip: string;
  command: string | undefined;
  /** the layout it counts */
  uri: string | undefined;
}

/**
 * A status-bar item while a layout is the active editor (or, when a webview such as the preview
 * has the focus, still visible beside it): the layout's partition-lint problems by severity, as the
 * Problems panel counts them; a click opens the allocation preview.
 */
export class ProblemStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private uri: vscode.Uri | undefined;
  private shown = false;

  constructor() {
    this.item = vscode.window.createStatusBarItem('partitionLayout.problems', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Partition Layout Problems';
    this.item.command = { command: COMMANDS.openPreview.id, title: COMMANDS.openPreview.title };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.update()),
      // A document whose language changes is closed and opened again.
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.uri && e.uris.some((u) => u.toString() === this.uri?.toString())) this.update();
      }),
    );
    this.update();
  }

  /** What the item shows now. */
  get view(): ProblemStatusView {
    const tooltip = this.item.tooltip;
    return { visible: this.shown, text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''), command: typeof this.item.command === 'string' ? this.item.command : this.item.command?.command, uri: this.uri?.toString() };
  }

  private update(): void {
    const layout = layoutEditor();
    this.uri = layout?.document.uri;
    if (!layout) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of vscode.languages.getDiagnostics(layout.document.uri)) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
      else counts.info++;
    }
    const total = counts.error + counts.warning + counts.info;
    this.item.text = total === 0 ? '$(pass) Layout' : `$(error) ${counts.error} $(warning) ${counts.warning}${counts.info > 0 ? ` $(info) ${counts.info}` : ''} Layout`;
    const summary = total === 0 ? 'no problems' : [plural(counts.error, 'error'), plural(counts.warning, 'warning'), counts.info > 0 ? `${counts.info} info` : ''].filter(Boolean).join(', ');
    const file = layout.document.uri.path.split('/').pop() ?? '';
    this.item.tooltip = `Partition Layout: ${summary} in ${file}. Click to open the allocation preview.`;
    this.item.accessibilityInformation = { label: `Partition Layout: ${summary}. Open the allocation preview.`, role: 'button' };
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The active layout editor; when no text editor is active (a webview has the focus), a visible layout editor. */
function layoutEditor(): vscode.TextEditor | undefined {
  const isLayout = (e: vscode.TextEditor | undefined): e is vscode.TextEditor => e?.document.languageId === LANGUAGE_ID;
  const active = vscode.window.activeTextEditor;
  if (active) return isLayout(active) ? active : undefined;
  return vscode.window.visibleTextEditors.find(isLayout);
}
