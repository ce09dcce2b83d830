import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LayoutModel } from '../core/model/types';
import type { Finding, SeveritySetting } from '../core/types';
import { revalidate, validate, type ValidateResult } from '../core/validate';
import type { BackgroundValidator } from './background-validation';

export type RuleSeverities = Readonly<Record<string, SeveritySetting>>;

export interface SizeLimits {
  /**
   * Texts up to this many UTF-16 code units (about 10,000 partitions) are validated on the main
   * thread and get every feature; longer ones are validated in a worker and get diagnostics only.
   */
  mainThreadChars: number;
  /** Texts longer than this are not validated at all: one "too large" diagnostic says so. */
  maxChars: number;
}

export const DEFAULT_LIMITS: SizeLimits = { mainThreadChars: 4 * 1024 * 1024, maxChars: 64 * 1024 * 1024 };

/** One validation of one document version: every feature reads it. */
export interface Analysis {
  uri: string;
  version: number;
  doc: TextDocument;
  /** the full result (model, positions, findings); undefined for texts checked off the main thread */
  result?: ValidateResult;
  /** a large text: its findings once the worker has checked it, or why it was not checked */
  large?: { chars: number; findings?: Finding[]; failure?: string; tooLarge?: number };
  /** the rule severities the findings were computed with */
  rules: RuleSeverities;
  /** milliseconds spent in validate() */
  elapsedMs: number;
  /**
   * CPU milliseconds the process used during validate(), all its threads (V8's collector's too);
   * undefined when not measured (a worker's check).
   */
  cpuMs?: number;
}

/** The findings of an analysis, wherever they were computed. */
export function findingsOf(a: Analysis): readonly Finding[] {
  return a.result?.findings ?? a.large?.findings ?? [];
}

function rulesKey(rules: RuleSeverities): string {
  return JSON.stringify(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Validates each document version once; diagnostics, hover, completion, symbols, rename and the
 * preview share the result. Only the latest version of a document is kept (plus, while the latest
 * has syntax errors, the last version that had a model, for completion while typing).
 */
export class DocumentCache {
  private readonly latest = new Map<string, Analysis>();
  private readonly lastWithModel = new Map<string, Analysis>();

  constructor(
    private readonly limits: SizeLimits = DEFAULT_LIMITS,
    private readonly onValidated: (a: Analysis) => void = () => undefined,
    private readonly background?: BackgroundValidator,
  ) {}

  /**
   * The analysis of this document version, for features: computed now unless the text is large
   * (then whatever the last check of this version left, which has no model). With `rules`, findings
   * must have been computed with those severities; without, any severities do (the model and the
   * positions do not depend on them).
   */
  get(doc: TextDocument, rules?: RuleSeverities): Analysis {
    const cached = this.current(doc, rules);
    if (cached) return cached;
    const effective = rules ?? this.latest.get(doc.uri)?.rules ?? {};
    const chars = doc.getText().length;
    if (chars > this.limits.mainThreadChars) return { uri: doc.uri, version: doc.version, doc, rules: effective, large: { chars }, elapsedMs: 0 };
    return this.keep(this.analyse(doc, effective, this.latest.get(doc.uri)));
  }

  /**
   * The analysis with findings for diagnostics: large texts are validated in a worker. Resolves to
   * undefined when a newer check of the same document cancelled this one.
   */
  async check(doc: TextDocument, rules: RuleSeverities): Promise<Analysis | undefined> {
    const cached = this.current(doc, rules);
    if (cached && (cached.result || cached.large?.findings || cached.large?.tooLarge || cached.large?.failure)) return cached;
    if (doc.getText().length <= this.limits.mainThreadChars) return this.get(doc, rules);
    const analysis = await this.analyseLarge(doc, rules, doc.uri);
    return analysis && this.keep(analysis);
  }

  /** Validates a text that is not open (a workspace file read from disk) without keeping it. */
  async checkUncached(doc: TextDocument, rules: RuleSeverities): Promise<Analysis | undefined> {
    if (doc.getText().length <= this.limits.mainThreadChars) return this.analyse(doc, rules);
    return this.analyseLarge(doc, rules, `disk:${doc.uri}`);
  }

  /** Stops a running check of a large version (a newer version arrived, or the document closed). */
  cancel(uri: string): void {
    this.background?.cancel(uri);
  }

  /** The model of the latest version that had one (the latest itself when it parses). */
  lastModel(uri: string): LayoutModel | undefined {
    return this.lastWithModel.get(uri)?.result?.model;
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.latest.delete(uri);
    this.lastWithModel.delete(uri);
  }

  private current(doc: TextDocument, rules: RuleSeverities | undefined): Analysis | undefined {
    const cached = this.latest.get(doc.uri);
    if (cached && cached.version === doc.version && cached.doc === doc && (rules === undefined || rulesKey(rules) === rulesKey(cached.rules))) return cached;
    return undefined;
  }

  private keep(analysis: Analysis): Analysis {
    this.latest.set(analysis.uri, analysis);
    if (analysis.result?.model) this.lastWithModel.set(analysis.uri, analysis);
    else if (!analysis.result) this.lastWithModel.delete(analysis.uri);
    return analysis;
  }

  /**
   * Validates one version. With the analysis of an earlier version of the same open document, only
   * the list entry an edit touched is parsed again (revalidate() gives the same result as validate());
   * that earlier analysis is then stale and is replaced in the cache by this one.
   */
  private analyse(doc: TextDocument, rules: RuleSeverities, previous?: Analysis): Analysis {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const text = doc.getText();
    const result = previous?.result && previous.version < doc.version ? revalidate(previous.result, text, { rules }) : validate(text, { rules });
    const used = process.cpuUsage(cpu);
    const analysis: Analysis = { uri: doc.uri, version: doc.version, doc, rules, result, elapsedMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
    this.onValidated(analysis);
    return analysis;
  }

  private async analyseLarge(doc: TextDocument, rules: RuleSeverities, key: string): Promise<Analysis | undefined> {
    const text = doc.getText();
    const base = { uri: doc.uri, version: doc.version, doc, rules };
    if (text.length > this.limits.maxChars || !this.background?.available) return { ...base, large: { chars: text.length, tooLarge: this.background?.available ? this.limits.maxChars : this.limits.mainThreadChars }, elapsedMs: 0 };
    const outcome = await this.background.run(key, text, rules);
    if (outcome === 'cancelled') return undefined;
    const analysis: Analysis = 'failure' in outcome ? { ...base, large: { chars: text.length, failure: outcome.failure }, elapsedMs: 0 } : { ...base, large: { chars: text.length, findings: outcome.findings }, elapsedMs: outcome.elapsedMs };
    this.onValidated(analysis);
    return analysis;
  }
}
