import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportScriptRequest } from '../../../server/src/protocol';
import type { Command } from './command-manager';
import { COMMANDS, LANGUAGE_ID, SHOW_PROBLEMS_COMMAND } from './manifest';

const OPEN_PROBLEMS = 'Open Problems';

/**
 * `Partition Layout: Export Deployment Script`: the Hyper-V PowerShell script `partition-lint export`
 * writes for the active layout, as an untitled PowerShell document beside it (README "Export"). A
 * layout with errors gets no script: an error message says so and offers the Problems panel.
 */
export class ExportScriptCommand implements Command {
  readonly id = COMMANDS.exportScript.id;
  readonly title = COMMANDS.exportScript.title;

  constructor(private readonly client: LanguageClient) {}

  /** Returns the script's document (undefined when the layout gets none). */
  async execute(): Promise<vscode.TextDocument | undefined> {
    const layout = vscode.window.activeTextEditor?.document;
    if (!layout || layout.languageId !== LANGUAGE_ID) throw new Error('open a layout (*.partition.yaml) first: the script is written from it');
    const name = path.basename(layout.uri.path);
    const result = await this.client.sendRequest(exportScriptRequest, { uri: layout.uri.toString() });
    if ('error' in result) throw new Error(result.error);
    if ('refused' in result) {
      if (result.refused === 'export') throw new Error(`no script for ${name}: ${result.messages.join(' ')}`);
      const n = result.errors;
      // Not awaited: the message stays until the user answers, and the command is done.
      void vscode.window
        .showErrorMessage(`${name} has ${n} error${n === 1 ? '' : 's'}: fix ${n === 1 ? 'it' : 'them'} to export a deployment script.`, OPEN_PROBLEMS)
        .then((choice) => (choice === OPEN_PROBLEMS ? vscode.commands.executeCommand(SHOW_PROBLEMS_COMMAND) : undefined));
      return undefined;
    }
    const script = await vscode.workspace.openTextDocument({ language: 'powershell', content: result.script });
    await vscode.window.showTextDocument(script, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return script;
  }
}
