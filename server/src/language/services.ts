import type { FileEvent, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler } from './diagnostics';
import { DEFAULT_MAX_CHARS, DocumentCache, type Analysis } from './document-cache';
import { Settings } from './settings';
import { fileKey, uriToPath } from './uris';
import { WorkspaceScan } from './workspace-scan';

/** Debounce between the last change and validation, in milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 175;

/** `initializationOptions` the server understands (tests shorten the debounce). */
export interface ServerOptions {
  debounceMs: number;
  /** texts longer than this (UTF-16 code units) get one "too large" diagnostic instead of a check */
  maxFileSize: number;
}

export function serverOptions(params: InitializeParams): ServerOptions {
  const o = (typeof params.initializationOptions === 'object' && params.initializationOptions) || {};
  const num = (v: unknown, dflt: number, min: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : dflt);
  const opts = o as Record<string, unknown>;
  return { debounceMs: num(opts.debounceMs, DEFAULT_DEBOUNCE_MS, 0), maxFileSize: num(opts.maxFileSize, DEFAULT_MAX_CHARS, 1) };
}

/** What the language services need from the connection. */
export interface ServerIo {
  document(uri: string): TextDocument | undefined;
  /** URIs of every open document */
  openUris(): string[];
  publish(params: PublishDiagnosticsParams): void;
  /** `workspace/configuration` for one resource (undefined when the client cannot answer) */
  configuration(uri: string): Promise<unknown>;
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The server's state: one cache, settings per resource, the diagnostics scheduler, the workspace scan. */
export class Services {
  readonly cache: DocumentCache;
  readonly settings: Settings;
  readonly diagnostics: DiagnosticsScheduler;
  readonly workspace: WorkspaceScan;
  private readonly openFiles = new Map<string, string>();

  constructor(
    private readonly io: ServerIo,
    options: ServerOptions,
  ) {
    this.settings = new Settings({ fetch: (uri) => io.configuration(uri), warn: (m) => io.warn(m) });
    this.cache = new DocumentCache(options.maxFileSize, (a) => this.validated(a));
    const rulesFor = (uri: string) => this.settings.rulesFor(uri);
    this.diagnostics = new DiagnosticsScheduler({ document: (uri) => io.document(uri), rulesFor, publish: (p) => io.publish(p), error: (m) => io.error(m) }, this.cache, options.debounceMs);
    this.workspace = new WorkspaceScan({ isOpen: (file) => this.openFiles.has(fileKey(file)), rulesFor, publish: (p) => io.publish(p), log: (m) => io.log(m) }, this.cache);
  }

  /** The analysis of an open document's current version, or undefined when it is not open. */
  analysis(uri: string): Analysis | undefined {
    const doc = this.io.document(uri);
    return doc ? this.cache.get(doc) : undefined;
  }

  /** The analysis with the editor's rule severities for the document (for problem counts). */
  async analysisWithRules(uri: string): Promise<Analysis | undefined> {
    const rules = await this.settings.rulesFor(uri);
    const doc = this.io.document(uri);
    return doc ? this.cache.get(doc, rules) : undefined;
  }

  changed(doc: TextDocument): void {
    const file = uriToPath(doc.uri);
    if (file) this.openFiles.set(fileKey(file), doc.uri);
    this.diagnostics.changed(doc);
  }

  closed(uri: string): void {
    const file = uriToPath(uri);
    if (file) this.openFiles.delete(fileKey(file));
    this.diagnostics.closed(uri);
    this.settings.forget(uri);
    this.background(`checking ${uri} on disk`, this.workspace.closed(uri));
  }

  configurationChanged(pushed: unknown): void {
    this.settings.configurationChanged(pushed);
    this.recheckAll();
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    if (await this.workspace.filesChanged(changes)) {
      this.settings.configFilesChanged();
      this.recheckAll();
    }
  }

  private recheckAll(): void {
    this.diagnostics.revalidate(this.io.openUris());
    this.background('checking the workspace again', this.workspace.recheckAll());
  }

  private background(what: string, p: Promise<unknown>): void {
    p.catch((e: unknown) => this.io.error(`partition-lint: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  }

  private validated(a: Analysis): void {
    if (this.settings.traceFor(a.uri) !== 'verbose') return;
    const n = a.result?.findings.length ?? 0;
    this.io.log(`validated ${a.uri} version ${a.version} in ${a.elapsedMs.toFixed(1)} ms: ${n} problem${n === 1 ? '' : 's'}`);
  }
}
