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
  private readonly onClose: vscode.Disposable;

  constructor(private readonly client: LanguageClient) {
    this.onClose = vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri));
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
    this.onClose.dispose();
    this.collection.dispose();
  }
}
