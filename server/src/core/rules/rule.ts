import type { LayoutModel } from '../model/types';
import type { RelatedInfo, Severity, TextRange } from '../types';

export interface RuleContext {
  model: LayoutModel;
  /** Reports one problem of the rule being run. */
  report(range: TextRange, message: string, related?: RelatedInfo[]): void;
}

export interface RuleMeta {
  /** stable id, the diagnostic's `code` */
  id: string;
  /** default severity */
  severity: Severity;
  /** one sentence: when it fires */
  summary: string;
}

/** A semantic rule: reads the model, reports findings. One file per rule (or a tight family). */
export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}
