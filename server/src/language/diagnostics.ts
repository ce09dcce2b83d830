import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl } from '../core/rules/docs-url';
import type { Finding, Severity } from '../core/types';
import { formatCount } from '../core/util/sizes';
import { DIAGNOSTIC_SOURCE } from '../names';
import type { Analysis, DocumentCache, RuleSeverities } from './document-cache';
import { toRange } from './positions';
import { describeError, firstLine, type Logger } from './logger';

/** The code of the one diagnostic given for a text over the editor's size limit (not a rule of the CLI). */
const TOO_LARGE_CODE = 'file-too-large';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A finding as an LSP diagnostic: same rule, range and message as the CLI, with a link to the rule's page. */
export function toDiagnostic(f: Finding, doc: TextDocument): Diagnostic {
  const d: Diagnostic = {
    range: toRange(doc, f.range),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    message: f.message,
  };
  if (f.related && f.related.length > 0) d.relatedInformation = f.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.range) }, message: r.message }));
  if (f.rule === 'unused-disable') d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function diagnosticsOf(a: Analysis): Diagnostic[] {
  if (a.result) return a.result.findings.map((f) => toDiagnostic(f, a.doc));
  const large = a.large;
  if (!large) return [];
  if (large.findings) return large.findings.map((f) => toDiagnostic(f, a.doc));
  if (large.tooLarge === undefined && large.failure === undefined) return [];
  const firstLine = a.doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '');
  const message =
    large.tooLarge !== undefined
      ? `This file has ${formatCount(large.chars)} characters; the editor checks layouts of up to ${formatCount(large.tooLarge)} characters: run partition-lint on it to check it.`
      : `The editor could not check this file (${large.failure}): run partition-lint on it to check it.`;
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(firstLine.length, 200) } },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: TOO_LARGE_CODE,
      message,
    },
  ];
}

/** What the scheduler needs from the server: kept small so the wiring stays in server.ts. */
export interface DiagnosticsHost {
  document(uri: string): TextDocument | undefined;
  rulesFor(uri: string): Promise<RuleSeverities>;
  publish(params: PublishDiagnosticsParams): void;
  logger: Logger;
}

/** A validation that took at most this many milliseconds is not debounced: its next change is checked at once. */
export const QUICK_CHECK_MS = 25;

/**
 * The debounce after a change, adapted to what checking an edit of the document costs: none when the
 * last such check was quick (or none was made yet), or when the previous change came at least that
 * cost ago (the checks keep up with the typing, and each one publishes); else, in a burst of changes
 * faster than the checks, twice that cost (the burst coalesces into one check), never more than `maxMs`.
 */
export function adaptiveDelay(lastCostMs: number | undefined, maxMs: number, sincePreviousChangeMs = Infinity): number {
  if (lastCostMs === undefined || lastCostMs <= QUICK_CHECK_MS || sincePreviousChangeMs >= lastCostMs) return 0;
  return Math.min(maxMs, Math.round(lastCostMs * 2));
}

/** How many costs of recent checks the debounce looks at. */
const COSTS_KEPT = 3;

/**
 * What a check cost: its wall time, or the process's CPU time when that was less (on a busy machine
 * the wall time also counts other programs; the CPU time also counts V8's collector threads).
 */
export function checkCost(a: Pick<Analysis, 'elapsedMs' | 'cpuMs'>): number {
  return a.cpuMs === undefined ? a.elapsedMs : Math.min(a.elapsedMs, a.cpuMs);
}

/**
 * The least of the recent costs: checks slowed by a garbage collection, or by code not yet optimised
 * (the first edits after opening), do not set the debounce; a document whose every check is costly does.
 */
export function typicalCost(costs: readonly number[] | undefined): number | undefined {
  return costs && costs.length > 0 ? Math.min(...costs) : undefined;
}

/**
 * Pushes diagnostics for open documents: at once on open, debounced on change (by default by what the
 * recent checks of edits of the document cost, adaptiveDelay; a newer version cancels a pending run,
 * and a run whose version is no longer current publishes nothing), and an empty list on close.
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** what the last checks of an edit of each document cost, newest last (opening costs more: a full parse) */
  private readonly cost = new Map<string, number[]>();
  /** when each open document last changed, its opening included (performance.now()) */
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly host: DiagnosticsHost,
    private readonly cache: DocumentCache,
    /** a fixed debounce, or one adapted to the cost of checking an edit (adaptiveDelay) */
    private readonly debounce: number | { adaptiveUpTo: number },
  ) {}

  /** The content of an open document changed (its first version is its opening). */
  changed(doc: TextDocument): void {
    // A large version still being checked in a worker is out of date now: stop it.
    this.cache.cancel(doc.uri);
    const previous = this.changedAt.get(doc.uri);
    const first = previous === undefined;
    const now = performance.now();
    const since = first ? Infinity : now - previous;
    this.changedAt.set(doc.uri, now);
    const delay = typeof this.debounce === 'number' ? this.debounce : adaptiveDelay(typicalCost(this.cost.get(doc.uri)), this.debounce.adaptiveUpTo, since);
    this.schedule(doc.uri, first ? 0 : delay, !first);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.cost.delete(uri);
    this.changedAt.delete(uri);
    this.cache.forget(uri);
    this.host.publish({ uri, diagnostics: [] });
  }

  /** Settings or a config file changed: check every open document again. */
  revalidate(uris: Iterable<string>): void {
    for (const uri of uris) this.schedule(uri, 0, false);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(uri);
  }

  private schedule(uri: string, delay: number, edit: boolean): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      if (this.timers.get(uri) === timer) this.timers.delete(uri);
      void this.run(uri, edit);
    }, delay);
    this.timers.set(uri, timer);
  }

  private async run(uri: string, edit: boolean): Promise<void> {
    try {
      const doc = this.host.document(uri);
      if (!doc) return;
      const version = doc.version;
      const rules = await this.host.rulesFor(uri);
      const current = this.host.document(uri);
      // A newer version arrived while the settings were read: its own run publishes.
      if (!current || current.version !== version || this.timers.has(uri)) return;
      const analysis = await this.cache.check(current, rules);
      if (analysis && edit) this.cost.set(uri, [...(this.cost.get(uri) ?? []), checkCost(analysis)].slice(-COSTS_KEPT));
      // Cancelled by a newer version, or the document changed or closed during a worker's check.
      if (!analysis || this.host.document(uri)?.version !== version || this.timers.has(uri)) return;
      this.host.publish({ uri, version, diagnostics: diagnosticsOf(analysis) });
    } catch (e) {
      // shown once per document, so a failure on every keystroke is not a flood of messages
      this.host.logger.failure(`checking ${uri}`, `checking ${uri} failed: ${firstLine(e)}`, describeError(e));
    }
  }
}
