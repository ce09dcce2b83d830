import type * as vscode from 'vscode';

/** Placeholder until the language client lands (issue 3). */
export function activate(_context: vscode.ExtensionContext): void {
  // nothing yet
}

export function deactivate(): void {
  // nothing yet
}
