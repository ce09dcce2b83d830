import * as vscode from 'vscode';
import { LAYOUT_SUFFIX } from '../../../server/src/protocol';
import { COMMANDS, LANGUAGE_ID } from './manifest';
import type { Command } from './command-manager';
import { STARTER_LAYOUT, STARTER_NAME } from './starter-layout';

const BASE_NAME = 'layout';

/**
 * `Partition Layout: New Layout File`: opens a new, unsaved layout holding a valid starter. With a
 * workspace folder open the document is bound to a free `layout[-N].partition.yaml` in that folder,
 * so that Save writes a file the extension recognises; without one it is a plain untitled document.
 * Nothing is written to disk until the user saves.
 */
export class NewLayoutFileCommand implements Command {
  readonly id = COMMANDS.newLayoutFile.id;
  readonly title = COMMANDS.newLayoutFile.title;

  async execute(): Promise<void> {
    const target = await freeUntitledTarget();
    let document: vscode.TextDocument;
    if (target) {
      document = await vscode.workspace.openTextDocument(target);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(target, new vscode.Position(0, 0), STARTER_LAYOUT);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not put the starter layout into ${target.fsPath}`);
    } else {
      document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: STARTER_LAYOUT });
    }
    if (document.languageId !== LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);

    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const name = document.getText().indexOf(`name: ${STARTER_NAME}`);
    if (name >= 0) {
      const start = document.positionAt(name + 'name: '.length);
      editor.selection = new vscode.Selection(start, start.translate(0, STARTER_NAME.length));
      editor.revealRange(editor.selection);
    }
  }
}

/** An untitled URI bound to `layout[-N].partition.yaml` in the workspace folder that is neither on disk nor open. */
async function freeUntitledTarget(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; n <= 99; n++) {
    const file = vscode.Uri.joinPath(folder.uri, `${n === 1 ? BASE_NAME : `${BASE_NAME}-${n}`}${LAYOUT_SUFFIX}`);
    if (open.has(file.path) || (await exists(file))) continue;
    return file.with({ scheme: 'untitled' });
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
