import type { FileEvent, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler } from './diagnostics';
import { BackgroundValidator } from './background-validation';
import { INTERNAL_ERROR } from '../core/rules/internal-error';
import { DEFAULT_LIMITS, DocumentCache, findingsOf, type Analysis } from './document-cache';
import { describeError, firstLine, type Logger } from './logger';
import { Settings } from './settings';
import { fileKey, uriToPath } from './uris';
import { WorkspaceScan } from './workspace-scan';

/** The longest debounce between the last change and validation, in milliseconds (see adaptiveDelay). */
const DEFAULT_DEBOUNCE_MS = 175;

/** `initializationOptions` the server understands (tests shorten the debounce and the limits). */
export interface ServerOptions {
  /** a fixed debounce (tests set one); undefined: adapted to what checking an edit costs, up to DEFAULT_DEBOUNCE_MS */
  debounceMs: number | undefined;
  /** texts longer than this (UTF-16 code units) are validated in a worker and get diagnostics only */
  backgroundFileSize: number;
  /** texts longer than this get one "too large" diagnostic instead of a check */
  maxFileSize: number;
}

export function serverOptions(params: InitializeParams): ServerOptions {
  const o = (typeof params.initializationOptions === 'object' && params.initializationOptions) || {};
  const num = (v: unknown, dflt: number, min: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : dflt);
  const opts = o as Record<string, unknown>;
  return {
    debounceMs: typeof opts.debounceMs === 'number' ? num(opts.debounceMs, DEFAULT_DEBOUNCE_MS, 0) : undefined,
    backgroundFileSize: num(opts.backgroundFileSize, DEFAULT_LIMITS.mainThreadChars, 0),
    maxFileSize: num(opts.maxFileSize, DEFAULT_LIMITS.maxChars, 0),
  };
}

/** What the language services need from the connection. */
export interface ServerIo {
  document(uri: string): TextDocument | undefined;
  /** URIs of every open document */
  openUris(): string[];
  publish(params: PublishDiagnosticsParams): void;
  /** `workspace/configuration` for one resource (undefined when the client cannot answer) */
  configuration(uri: string): Promise<unknown>;
  logger: Logger;
}

/** The server's state: one cache, settings per resource, the diagnostics scheduler, the workspace scan. */
export class Services {
  readonly cache: DocumentCache;
  readonly settings: Settings;
  readonly diagnostics: DiagnosticsScheduler;
  readonly workspace: WorkspaceScan;
  private readonly background: BackgroundValidator;
  private readonly openFiles = new Map<string, string>();

  constructor(
    private readonly io: ServerIo,
    options: ServerOptions,
  ) {
    const logger = io.logger;
    this.settings = new Settings({ fetch: (uri) => io.configuration(uri), warn: (m) => logger.warnUser(m), trace: (t) => logger.setTrace(t) });
    this.background = new BackgroundValidator();
    const limits = { mainThreadChars: Math.min(options.backgroundFileSize, options.maxFileSize), maxChars: options.maxFileSize };
    this.cache = new DocumentCache(limits, (a) => this.validated(a), this.background);
    const rulesFor = (uri: string) => this.settings.rulesFor(uri);
    this.diagnostics = new DiagnosticsScheduler({ document: (uri) => io.document(uri), rulesFor, publish: (p) => io.publish(p), logger }, this.cache, options.debounceMs ?? { adaptiveUpTo: DEFAULT_DEBOUNCE_MS });
    this.workspace = new WorkspaceScan({ isOpen: (file) => this.openFiles.has(fileKey(file)), rulesFor, publish: (p) => io.publish(p), logger }, this.cache);
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
    this.inBackground(`checking ${uri} on disk`, this.workspace.closed(uri));
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
    this.inBackground('checking the workspace again', this.workspace.recheckAll());
  }

  dispose(): void {
    this.diagnostics.dispose();
    this.workspace.dispose();
    this.background.dispose();
  }

  private inBackground(what: string, p: Promise<unknown>): void {
    p.catch((e: unknown) => this.io.logger.failure(what, `${what} failed: ${firstLine(e)}`, describeError(e)));
  }

  private validated(a: Analysis): void {
    const logger = this.io.logger;
    const findings = findingsOf(a);
    // a rule that threw: its diagnostic is in the Problems view; the user also hears of it once
    for (const f of findings) if (f.rule === INTERNAL_ERROR) logger.failure(f.message, f.message);
    if (!logger.enabled('debug')) return;
    const n = findings.length;
    const where = a.result ? '' : ' in a worker';
    logger.debug(`validated ${a.uri} version ${a.version}${where} in ${a.elapsedMs.toFixed(1)} ms: ${n} problem${n === 1 ? '' : 's'}`);
  }
}
