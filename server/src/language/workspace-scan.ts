import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FileChangeType, type FileEvent, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findLayoutFiles } from '../files/find-layout-files';
import { CONFIG_FILE_NAME, isLayoutFile, LANGUAGE_ID } from '../names';
import { decodeUtf8 } from '../core/parse/text-checks';
import { diagnosticsOf } from './diagnostics';
import type { DocumentCache, RuleSeverities } from './document-cache';
import { describeError, firstLine, type Logger } from './logger';
import { fileKey, pathToUri, uriToPath } from './uris';

/** A workspace with more layout files than this is checked only up to this many. */
const MAX_FILES = 20_000;

export interface WorkspaceHost {
  /** is this file open in the editor (then the editor's text, not the disk's, is checked) */
  isOpen(file: string): boolean;
  rulesFor(uri: string): Promise<RuleSeverities>;
  publish(params: PublishDiagnosticsParams): void;
  logger: Logger;
}

/**
 * Diagnostics for every `*.partition.yaml` of the workspace folders that is not open: found by a
 * walk on `initialized` (skipping node_modules and .git), kept current by didChangeWatchedFiles.
 */
export class WorkspaceScan {
  private readonly folders = new Set<string>();
  /** layout files on disk whose diagnostics this class published, by fileKey, with their URI */
  private readonly published = new Map<string, string>();
  /** per file: a counter that makes an older read of a file drop its result */
  private readonly generation = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly host: WorkspaceHost,
    private readonly cache: DocumentCache,
  ) {}

  /** Adds folders and checks their layout files (files are read one after another). */
  async addFolders(uris: string[]): Promise<void> {
    const added: string[] = [];
    for (const uri of uris) {
      const dir = uriToPath(uri);
      if (dir && !this.folders.has(dir)) {
        this.folders.add(dir);
        added.push(dir);
      }
    }
    for (const dir of added) {
      const { files } = await findLayoutFiles(dir, MAX_FILES);
      for (const file of files) {
        if (this.disposed || !this.folders.has(dir)) return;
        await this.check(file);
      }
    }
  }

  removeFolders(uris: string[]): void {
    for (const uri of uris) {
      const dir = uriToPath(uri);
      if (!dir) continue;
      this.folders.delete(dir);
      for (const [key, fileUri] of this.published) {
        const file = uriToPath(fileUri);
        if (file && isInside(file, dir) && !this.inFolder(file)) this.clear(key, fileUri);
      }
    }
  }

  /** A layout was closed in the editor: show its saved text's problems again. */
  async closed(uri: string): Promise<void> {
    const file = uriToPath(uri);
    if (file && isLayoutFile(file) && this.inFolder(file)) await this.check(file, uri);
  }

  /** workspace/didChangeWatchedFiles. Returns true when a config file changed (every layout needs checking again). */
  async filesChanged(changes: FileEvent[]): Promise<boolean> {
    let configChanged = false;
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      if (path.basename(file) === CONFIG_FILE_NAME) {
        configChanged = true;
        continue;
      }
      if (!isLayoutFile(file) || this.host.isOpen(file)) continue;
      if (change.type === FileChangeType.Deleted) {
        this.bump(fileKey(file));
        this.clear(fileKey(file), this.published.get(fileKey(file)) ?? change.uri);
      } else if (this.inFolder(file)) await this.check(file, change.uri);
    }
    return configChanged;
  }

  /** Checks again every layout file of the workspace that is not open. */
  async recheckAll(): Promise<void> {
    for (const [key, uri] of [...this.published]) {
      const file = uriToPath(uri);
      if (this.disposed) return;
      if (file && this.published.has(key)) await this.check(file, uri);
    }
  }

  dispose(): void {
    this.disposed = true;
  }

  private inFolder(file: string): boolean {
    for (const dir of this.folders) if (isInside(file, dir)) return true;
    return false;
  }

  private bump(key: string): number {
    const g = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, g);
    return g;
  }

  private clear(key: string, uri: string): void {
    this.published.delete(key);
    this.host.publish({ uri, diagnostics: [] });
  }

  /** Reads a file from disk, validates it and publishes its diagnostics (unless it is open by then). */
  private async check(file: string, uri = pathToUri(file)): Promise<void> {
    try {
      await this.checkFile(file, uri);
    } catch (e) {
      // One file that cannot be checked does not stop the others.
      this.host.logger.failure(`checking ${file}`, `checking ${file} failed: ${firstLine(e)}`, describeError(e));
    }
    // Let requests and notifications in between two files of a large workspace.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private async checkFile(file: string, uri: string): Promise<void> {
    const key = fileKey(file);
    const gen = this.bump(key);
    if (this.host.isOpen(file)) return;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (e) {
      this.host.logger.warn(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      if (this.published.has(key)) this.clear(key, uri);
      return;
    }
    const rules = await this.host.rulesFor(uri);
    if (this.disposed || this.generation.get(key) !== gen || this.host.isOpen(file)) return;
    // The editor drops a byte-order mark when it opens a file: positions are counted without it.
    const text = decodeUtf8(bytes).text.replace(/^\ufeff/, '');
    const doc = TextDocument.create(uri, LANGUAGE_ID, 0, text);
    const analysis = await this.cache.checkUncached(doc, rules);
    if (!analysis || this.disposed || this.generation.get(key) !== gen || this.host.isOpen(file)) return;
    this.published.set(key, uri);
    this.host.publish({ uri, diagnostics: diagnosticsOf(analysis) });
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
