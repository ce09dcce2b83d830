import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CommandManager } from './commands/command-manager';
import { CONFIGURATION_SECTION, LANGUAGE_ID, WATCHED_FILES } from './commands/manifest';
import { NewLayoutFileCommand } from './commands/new-layout-file';
import { OpenPreviewCommand } from './commands/open-preview';
import { ImportInventoryCommand } from './commands/import-inventory';
import { CompareInventoryCommand } from './commands/compare-inventory';
import { ExportScriptCommand } from './commands/export-script';
import { ProblemStatus } from './editor/problem-status';
import { renameMiddleware } from './editor/rename-refusals';
import { SelectRangeCommand } from './editor/select-range';
import { PreviewManager, VIEW_TYPE } from './preview/preview-manager';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';

/** What activate() returns: the running pieces, for integration tests and other extensions. */
export interface PartitionLayoutApi {
  readonly client: LanguageClient;
  readonly previewManager: PreviewManager;
  readonly problemStatus: ProblemStatus;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PartitionLayoutApi> {
  const serverModule = serverModulePath(context);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const watchers = WATCHED_FILES.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: {
      // The server pulls per-resource settings with workspace/configuration; this makes the client
      // tell it when the `partitionLayout` section changes, so it drops its cached settings.
      configurationSection: CONFIGURATION_SECTION,
      fileEvents: watchers,
    },
    // Quick fixes may select a placeholder after their edit with this client's select command.
    initializationOptions: { selectRangeCommand: true },
    middleware: renameMiddleware(() => client),
  };
  // The id names the trace setting the client reads: `partitionLayout.trace.server`.
  const languageClient = new LanguageClient(CONFIGURATION_SECTION, 'Partition Layout', serverOptions, clientOptions);
  client = languageClient;

  const previewManager = new PreviewManager(context, languageClient);
  const commands = new CommandManager((message, error) => languageClient.error(message, error, false));
  commands.register(new NewLayoutFileCommand());
  commands.register(new OpenPreviewCommand(previewManager));
  commands.register(new ImportInventoryCommand(languageClient));
  const compare = commands.register(new CompareInventoryCommand(languageClient));
  commands.register(new ExportScriptCommand(languageClient));
  commands.register(new SelectRangeCommand());
  const problemStatus = new ProblemStatus();
  // Reopens a preview that was open before a window reload (activation event onWebviewPanel:…).
  context.subscriptions.push(commands, previewManager, problemStatus, compare, vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, previewManager));

  try {
    await languageClient.start();
  } catch (error) {
    // The commands stay usable; the client's output channel has the server's own output.
    const cause = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Partition Layout: the language server did not start: ${cause}`);
  }
  return { client: languageClient, previewManager, problemStatus };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  // stop() throws unless the client runs (e.g. when the server failed to start).
  if (running?.isRunning()) await running.stop();
}

/** The bundled server in the packaged extension (dist/server.js), else the tsc output of a checkout. */
function serverModulePath(context: vscode.ExtensionContext): string {
  const bundled = context.asAbsolutePath('dist/server.js');
  return fs.existsSync(bundled) ? bundled : context.asAbsolutePath('server/out/src/server.js');
}
