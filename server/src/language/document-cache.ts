import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LayoutModel } from '../core/model/types';
import type { SeveritySetting } from '../core/types';
import { validate, type ValidateResult } from '../core/validate';

export type RuleSeverities = Readonly<Record<string, SeveritySetting>>;

/** The editor checks layouts up to this many UTF-16 code units (about 10,000 partitions). */
export const DEFAULT_MAX_CHARS = 4 * 1024 * 1024;

/** One validation of one document version: every feature reads it. */
export interface Analysis {
  uri: string;
  version: number;
  doc: TextDocument;
  /** undefined when the text is over the size limit and was not validated */
  result?: ValidateResult;
  /** set when the text was too large to validate */
  tooLarge?: { chars: number; limit: number };
  /** the rule severities the findings were computed with */
  rules: RuleSeverities;
  /** milliseconds spent in validate() */
  elapsedMs: number;
}

export function rulesKey(rules: RuleSeverities): string {
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
    private readonly maxChars: number = DEFAULT_MAX_CHARS,
    private readonly onValidated: (a: Analysis) => void = () => undefined,
  ) {}

  /**
   * The analysis of this document version. With `rules`, findings must have been computed with
   * those severities (diagnostics, code actions); without, any severities do (the model and the
   * positions do not depend on them).
   */
  get(doc: TextDocument, rules?: RuleSeverities): Analysis {
    const cached = this.latest.get(doc.uri);
    if (cached && cached.version === doc.version && cached.doc === doc && (rules === undefined || rulesKey(rules) === rulesKey(cached.rules))) return cached;
    const analysis = this.analyse(doc, rules ?? cached?.rules ?? {});
    this.latest.set(doc.uri, analysis);
    if (analysis.result?.model) this.lastWithModel.set(doc.uri, analysis);
    else if (!analysis.result) this.lastWithModel.delete(doc.uri);
    return analysis;
  }

  /** The cached analysis of exactly this version, if any. */
  peek(uri: string, version: number): Analysis | undefined {
    const a = this.latest.get(uri);
    return a && a.version === version ? a : undefined;
  }

  /** The model of the latest version that had one (the latest itself when it parses). */
  lastModel(uri: string): LayoutModel | undefined {
    return this.lastWithModel.get(uri)?.result?.model;
  }

  /** Validates a text that is not open (a workspace file read from disk) without keeping it. */
  analyseUncached(doc: TextDocument, rules: RuleSeverities): Analysis {
    return this.analyse(doc, rules);
  }

  forget(uri: string): void {
    this.latest.delete(uri);
    this.lastWithModel.delete(uri);
  }

  private analyse(doc: TextDocument, rules: RuleSeverities): Analysis {
    const text = doc.getText();
    const base = { uri: doc.uri, version: doc.version, doc, rules };
    if (text.length > this.maxChars) return { ...base, tooLarge: { chars: text.length, limit: this.maxChars }, elapsedMs: 0 };
    const started = performance.now();
    const result = validate(text, { rules });
    const analysis: Analysis = { ...base, result, elapsedMs: performance.now() - started };
    this.onValidated(analysis);
    return analysis;
  }
}
