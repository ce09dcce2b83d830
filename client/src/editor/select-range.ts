import * as vscode from 'vscode';
import { SELECT_RANGE_COMMAND, type SelectRangeArgs } from '../../../server/src/protocol';
import type { Command } from '../commands/command-manager';

/**
 * The command a quick fix runs after its edit to leave what the user should type over selected (a
 * placeholder, a disable comment's `reason`). Internal: not in the Command Palette.
 */
export class SelectRangeCommand implements Command {
  readonly id = SELECT_RANGE_COMMAND;
  readonly title = 'Select Range';

  async execute(...args: unknown[]): Promise<void> {
    const target = args[0] as Partial<SelectRangeArgs> | undefined;
    if (!target || typeof target.uri !== 'string' || !target.range) return;
    const uri = target.uri;
    const active = vscode.window.activeTextEditor;
    const editor = active?.document.uri.toString() === uri ? active : (vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri) ?? (await vscode.window.showTextDocument(vscode.Uri.parse(uri))));
    const { start, end } = target.range;
    const selection = new vscode.Selection(start.line, start.character, end.line, end.character);
    editor.selection = selection;
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
