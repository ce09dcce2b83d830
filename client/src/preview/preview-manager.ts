import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * The allocation preview (issue 4). Placeholder with the agreed interface: the extension creates one
 * manager and calls `open()` from the `partitionLayout.openPreview` command.
 */
export class PreviewManager implements vscode.Disposable {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {}

  async open(): Promise<void> {
    void this.context;
    void this.client;
  }

  dispose(): void {
    // nothing yet
  }
}
