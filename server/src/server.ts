import * as v8 from 'node:v8';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allocationResult } from './language/allocation-request';
import { exportScriptResult } from './language/export-request';
import { codeActions } from './language/code-actions';
import { completion, resolveCompletion, resolveUri } from './language/completion';
import { definition } from './language/definition';
import type { Analysis } from './language/document-cache';
import { hover } from './language/hover';
import { Logger, type LogLevel } from './language/logger';
import { references } from './language/references';
import { prepareRename, rename } from './language/rename';
import { serverOptions, Services } from './language/services';
import { SETTINGS_SECTION } from './language/settings';
import { documentSymbols } from './language/symbols';
import { allocationRequest, driftRequest, exportScriptRequest, importInventoryRequest } from './protocol';
import { driftResult, importInventoryResult } from './language/inventory-requests';
import { WATCHED_FILE_GLOBS } from './names';
import { packageVersion } from './project-files';
import { isValidationWorker, serveValidation } from './language/background-validation';

// Compile regular expressions on first use instead of tiering them up later: a tier-up inside the
// YAML parser's deepest recursion (a 10,000-deep `[[[…]]]`) aborts the process.
v8.setFlagsFromString('--no-regexp-tier-up');

// The same script runs the validation worker for very large texts (see background-validation.ts).
if (isValidationWorker()) serveValidation();
else startServer();

/** The connection's console method for each log level. */
const LOG_METHOD = { error: 'error', warn: 'warn', info: 'info', debug: 'log' } as const satisfies Record<LogLevel, string>;

function startServer(): void {
  // --stdio, --node-ipc or --socket=N: chosen by the command line.
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let services: Services | undefined;
  let watchers = false;
  let configurationPull = false;
  let configurationEvents = false;
  let folderEvents = false;
  let editRangeDefault = false;
  let selectCommand = false;
  let initialFolders: string[] = [];
  const logger = new Logger({
    write: (level, message) => {
      try {
        connection.console[LOG_METHOD[level]](message);
      } catch {
        // the connection is gone
      }
    },
    show: (level, message) =>
      background('showing a message', connection.sendNotification(ShowMessageNotification.type, { type: level === 'error' ? MessageType.Error : MessageType.Warning, message })),
  });

  /** Fire and forget: a failed notification or registration is logged, never an unhandled rejection. */
  function background(what: string, p: Promise<unknown> | undefined): void {
    p?.catch((e: unknown) => logger.error(`${what} failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  connection.onInitialize((params): InitializeResult => {
    logger.info(`partition-language-server ${packageVersion()} started (Node.js ${process.version}, process ${process.pid}, client ${params.clientInfo?.name ?? 'unknown'} ${params.clientInfo?.version ?? ''})`.trimEnd());
    const caps = params.capabilities;
    configurationPull = caps.workspace?.configuration === true;
    configurationEvents = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    watchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = caps.workspace?.workspaceFolders === true;
    editRangeDefault = caps.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    selectCommand = (params.initializationOptions as { selectRangeCommand?: unknown } | undefined)?.selectRangeCommand === true;
    initialFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (initialFolders.length === 0 && params.rootUri) initialFolders = [params.rootUri];
    services = new Services(
      {
        document: (uri) => documents.get(uri),
        openUris: () => documents.keys(),
        publish: (p) => background('publishing diagnostics', connection.sendDiagnostics(p)),
        configuration: (uri) => (configurationPull ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : Promise.resolve(undefined)),
        logger,
      },
      serverOptions(params),
    );
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '[', ','], resolveProvider: true },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'partition-language-server', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    const s = services;
    if (!s) return;
    if (watchers) background('registering file watchers', connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })) }));
    if (configurationEvents) background('registering for configuration changes', connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }));
    if (folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        s.workspace.removeFolders(e.removed.map((f) => f.uri));
        background('checking added folders', s.workspace.addFolders(e.added.map((f) => f.uri)));
      });
    background('checking the workspace', s.workspace.addFolders(initialFolders));
  });

  documents.onDidChangeContent((e) => services?.changed(e.document));
  documents.onDidClose((e) => services?.closed(e.document.uri));
  connection.onDidChangeConfiguration((p) => services?.configurationChanged(p.settings));
  connection.onDidChangeWatchedFiles((p) => background('checking changed files', services?.watchedFilesChanged(p.changes)));

  /** Runs a feature on the cached analysis of an open document. */
  function withAnalysis<T>(uri: string, feature: (a: Analysis) => T): T | null {
    const a = services?.analysis(uri);
    return a ? feature(a) : null;
  }

  connection.onHover((p) => withAnalysis(p.textDocument.uri, (a) => hover(a, p)));
  connection.onCompletion((p) => withAnalysis(p.textDocument.uri, (a) => completion(a, p, services?.cache.lastModel(a.uri), editRangeDefault)));
  connection.onCompletionResolve((item) => {
    const uri = resolveUri(item);
    return uri ? resolveCompletion(item, services?.cache.lastModel(uri)) : item;
  });
  connection.onDefinition((p) => withAnalysis(p.textDocument.uri, (a) => definition(a, p)));
  connection.onReferences((p) => withAnalysis(p.textDocument.uri, (a) => references(a, p)));
  connection.onPrepareRename((p) => withAnalysis(p.textDocument.uri, (a) => prepareRename(a, p)));
  connection.onRenameRequest((p) => withAnalysis(p.textDocument.uri, (a) => rename(a, p)));
  connection.onDocumentSymbol((p) => withAnalysis(p.textDocument.uri, documentSymbols));
  connection.onCodeAction((p) => withAnalysis(p.textDocument.uri, (a) => (a.result ? codeActions(a.doc, a.result, p, { selectCommand }) : [])));
  connection.onRequest(allocationRequest, async (p) => {
    const a = await services?.analysisWithRules(p.uri);
    return a ? allocationResult(a) : null;
  });
  connection.onRequest(exportScriptRequest, async (p) => {
    const a = await services?.analysisWithRules(p.uri);
    return a ? exportScriptResult(a, p.undo) : { error: `${p.uri} is not open in the editor` };
  });
  connection.onRequest(importInventoryRequest, (p) => importInventoryResult(p.inventoryUri));
  connection.onRequest(driftRequest, async (p) => {
    const a = await services?.analysisWithRules(p.uri);
    return a ? driftResult(a, p.inventoryUri) : { error: `${p.uri} is not open in the editor` };
  });
  connection.onShutdown(() => services?.dispose());

  documents.listen(connection);
  connection.listen();
}
