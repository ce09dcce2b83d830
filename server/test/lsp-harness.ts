/**
 * A real LSP client for tests: spawns the built server (`node server/out/src/server.js --stdio`)
 * and talks JSON-RPC to it over its stdin/stdout. No mocked connection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../src/names';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  ConfigurationRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PrepareRenameRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FileEvent,
  type Hover,
  type Location,
  type LocationLink,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
  type PrepareRenameResult,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { allocationRequest, type AllocationResult } from '../src/protocol';
import { repoRoot } from './support';

const serverPath = path.join(repoRoot, 'server', 'out', 'src', 'server.js');

export interface StartOptions {
  /** folder given as the workspace folder */
  workspace?: string;
  initializationOptions?: Record<string, unknown>;
  /** answer to workspace/configuration for one resource (the `partitionLayout` section) */
  settings?: (scopeUri: string | undefined) => unknown;
  /** the client supports workspace/configuration (default true) */
  configuration?: boolean;
  /** the client takes one edit range for all completion items (itemDefaults.editRange) */
  editRangeDefault?: boolean;
  /** the script to run instead of the built server (a test entry that wraps it) */
  serverModule?: string;
  /** extra environment variables for the server process */
  env?: NodeJS.ProcessEnv;
}

export const uriOf = (file: string): string => pathToFileURL(file).href;

export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  readonly registrations: string[] = [];
  readonly configurationRequests: Array<string | undefined> = [];
  stderr = '';
  private readonly waiters = new Set<() => void>();
  private exited = false;

  private constructor(
    readonly conn: ProtocolConnection,
    readonly child: ChildProcess,
  ) {}

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, opts.serverModule ?? serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(conn, child);
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    child.on('exit', () => {
      client.exited = true;
      client.poke();
    });
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.push(p);
      client.poke();
    });
    conn.onNotification(LogMessageNotification.type, (p) => {
      client.logs.push(p.message);
      client.poke();
    });
    conn.onNotification(ShowMessageNotification.type, (p) => {
      client.shown.push(p.message);
      client.poke();
    });
    conn.onRequest(ShowMessageRequest.type, (p) => {
      client.shown.push(p.message);
      client.poke();
      return null;
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => {
      client.configurationRequests.push(item.scopeUri);
      return opts.settings ? opts.settings(item.scopeUri) : null;
    }));
    conn.onRequest(RegistrationRequest.type, (p) => {
      for (const r of p.registrations) client.registrations.push(r.method);
      client.poke();
    });
    conn.listen();
    const folder = opts.workspace;
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? uriOf(folder) : null,
      workspaceFolders: folder ? [{ uri: uriOf(folder), name: path.basename(folder) }] : null,
      initializationOptions: { debounceMs: 50, ...opts.initializationOptions },
      capabilities: {
        workspace: {
          configuration: opts.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false }, ...(opts.editRangeDefault ? { completionList: { itemDefaults: ['editRange'] } } : {}) },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        },
      },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private poke(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Waits until `check` returns a value (re-checked on every message from the server). */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): boolean => {
        let v: T | undefined;
        try {
          v = check();
        } catch (e) {
          finish();
          reject(e);
          return true;
        }
        if (v !== undefined) {
          finish();
          resolve(v);
          return true;
        }
        if (this.exited) {
          finish();
          reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => void attempt();
      if (!attempt()) this.waiters.add(waiter);
    });
  }

  /** The first diagnostics notification for `uri` at or after index `from` that satisfies `pred`. */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.diagnostics.slice(from).find((p) => p.uri === uri && pred(p)), `diagnostics for ${uri}`);
  }

  /** Index for `waitForDiagnostics(..., from)`: only notifications after this call count. */
  mark(): number {
    return this.diagnostics.length;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'partition-yaml', version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[] | string): Promise<void> {
    const contentChanges = typeof changes === 'string' ? [{ text: changes }] : changes;
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** didChangeConfiguration; `settings` is what a client without workspace/configuration pushes. */
  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  completion(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  resolve(item: CompletionItem): Promise<CompletionItem> {
    return this.conn.sendRequest(CompletionResolveRequest.type, item);
  }

  definition(uri: string, position: Position): Promise<Location | Location[] | LocationLink[] | null> {
    return this.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Promise<Location[] | null> {
    return this.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration } });
  }

  prepareRename(uri: string, position: Position): Promise<PrepareRenameResult | null> {
    return this.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position });
  }

  rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName });
  }

  symbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<Array<Command | CodeAction> | null> {
    return this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
  }

  allocation(uri: string): Promise<AllocationResult | null> {
    return this.conn.sendRequest(allocationRequest, { uri });
  }

  /** Shuts the server down politely and waits for it to exit (kills it after 5 s). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), exited]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
    clearTimeout(kill);
    this.conn.dispose();
  }

  get alive(): boolean {
    return !this.exited;
  }
}

/** A fresh temporary folder holding copies of the given fixture folders' contents. */
export function tempWorkspace(...sources: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lsp-'));
  for (const src of sources) fs.cpSync(src, dir, { recursive: true });
  return dir;
}

/**
 * Caret markers: a comment line `#   ^ label` marks the column of `^` on the nearest line above
 * that is not a marker. Returns each label's offset in the text.
 */
export function markers(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split('\n');
  let offset = 0;
  let target = -1;
  const starts: number[] = [];
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  lines.forEach((line, i) => {
    const m = /^\s*#\s*(\^)\s+(\S+)\s*$/.exec(line.replace(/\r$/, ''));
    if (!m) {
      target = i;
      return;
    }
    if (target < 0) throw new Error(`marker "${m[2]}" has no line above it`);
    if (out.has(m[2])) throw new Error(`marker "${m[2]}" is used twice`);
    if (line.indexOf('^') > lines[target].replace(/\r$/, '').length) throw new Error(`marker "${m[2]}" points past the end of its line`);
    out.set(m[2], starts[target] + line.indexOf('^'));
  });
  return out;
}
