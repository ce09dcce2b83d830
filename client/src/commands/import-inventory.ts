import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { importInventoryRequest } from '../../../server/src/protocol';
import type { Command } from './command-manager';
import { pickInventory } from './inventory-picker';
import { COMMANDS } from './manifest';

/**
 * `Partition Layout: Import Host Inventory`: picks a host's inventory (the JSON of
 * collect-partition-inventory.ps1), writes the layout `partition-lint import` makes of it beside the
 * inventory (under a free name: an existing file is never replaced) and opens it.
 */
export class ImportInventoryCommand implements Command {
  readonly id = COMMANDS.importInventory.id;
  readonly title = COMMANDS.importInventory.title;

  constructor(private readonly client: LanguageClient) {}

  async execute(inventory?: unknown): Promise<vscode.Uri | undefined> {
    const source = await pickInventory(inventory, 'Import Host Inventory: choose the JSON that collect-partition-inventory.ps1 wrote');
    if (!source) return undefined;
    const result = await this.client.sendRequest(importInventoryRequest, { inventoryUri: source.toString() });
    if ('error' in result) throw new Error(result.error);
    const target = await freeTarget(vscode.Uri.joinPath(source, '..'), result.fileName);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.layout));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
    return target;
  }
}

/** `name.partition.yaml` in `folder`, or `name-2.partition.yaml`... when it is taken. */
async function freeTarget(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const stem = fileName.replace(/\.partition\.yaml$/, '');
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${n === 1 ? stem : `${stem}-${n}`}.partition.yaml`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}
