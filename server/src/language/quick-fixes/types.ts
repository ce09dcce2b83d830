import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, TextRange } from '../../core/types';
import type { ValidateResult } from '../../core/validate';

/** One text edit in offsets of the document's current text. */
export interface OffsetEdit {
  range: TextRange;
  newText: string;
}

/** What a quick fix gets: one partition-lint diagnostic of the current document version. */
export interface QuickFixContext {
  /** the document's text (equal to `result.parsed.text`) */
  text: string;
  result: ValidateResult;
  diagnostic: Diagnostic;
  /** the diagnostic's `code`: the rule id */
  rule: string;
  /** the diagnostic's range in offsets */
  range: TextRange;
  /** the core finding with the same rule and range, when this version has it */
  finding?: Finding;
}

/** A fix, before it becomes an LSP CodeAction. Edits must not overlap. */
export interface QuickFix {
  title: string;
  edits: OffsetEdit[];
  isPreferred?: boolean;
  /**
   * What to select once the edits are applied, for the user to type over (a placeholder, the
   * `reason` of a disable comment): characters `start`..`end` of `edits[edit].newText`.
   */
  select?: { edit: number; start: number; end: number };
}

/** One kind of quick fix: the rules it applies to and how it builds the fix. */
export interface QuickFixProvider {
  /** rule ids it fixes, or `*` for every rule */
  rules: readonly string[] | '*';
  provide(ctx: QuickFixContext): QuickFix | undefined;
}
