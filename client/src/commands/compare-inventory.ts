import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { driftRequest } from '../../../server/src/protocol';
import type { Command } from './command-manager';
import { pickInventory } from './inventory-picker';
import { COMMANDS, LANGUAGE_ID } from './manifest';

/**
 * `Partition Layout: Compare with Host Inventory`: the drift-* diagnostics of the active layout against
 * a host's inventory (`partition-lint drift`). They stay on the layout until it is closed or the
 * command runs again for it; the layout's own diagnostics are unaffected.
 */
export class CompareInventoryCommand implements Command, vscode.Disposable {
  readonly id = COMMANDS.compareInventory.id;
  readonly title = COMMANDS.compareInventory.title;
  private readonly collection = vscode.languages.createDiagnosticCollection('partition-lint drift');
  private readonly onClose: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    // A closed editor tab is when the user closes the layout; VS Code disposes the document itself later.
    this.onClose = [
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        if (e.closed.length > 0) this.forgetClosedLayouts();
      }),
    ];
  }

  private forgetClosedLayouts(): void {
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) open.add(tab.input.uri.toString());
    }
    const closed: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (!open.has(uri.toString())) closed.push(uri);
    });
    for (const uri of closed) this.collection.delete(uri);
  }

  /** Returns how many differences were found (undefined when nothing was compared). */
  async execute(inventory?: unknown): Promise<number | undefined> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) throw new Error('open a layout (*.partition.yaml) first: the comparison is shown on it');
    const source = await pickInventory(inventory, `Compare ${vscode.workspace.asRelativePath(document.uri)} with a host inventory`);
    if (!source) return undefined;
    const result = await this.client.sendRequest(driftRequest, { uri: document.uri.toString(), inventoryUri: source.toString() });
    if ('error' in result) throw new Error(result.error);
    const diagnostics = await this.client.protocol2CodeConverter.asDiagnostics(result.diagnostics);
    this.collection.set(document.uri, diagnostics);
    const n = diagnostics.length;
    void vscode.window.showInformationMessage(
      n === 0 ? `The host matches ${vscode.workspace.asRelativePath(document.uri)}.` : `${n} difference${n === 1 ? '' : 's'} between the host and the layout: see the Problems panel.`,
    );
    return n;
  }

  dispose(): void {
    for (const d of this.onClose) d.dispose();
    this.collection.dispose();
  }
}
