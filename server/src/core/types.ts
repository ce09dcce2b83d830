/** Shared types of the validation core. Offsets are UTF-16 code-unit offsets into the text. */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextRange {
  start: number;
  end: number;
}

export interface RelatedInfo {
  range: TextRange;
  message: string;
}

/** One problem found in a layout, before severity overrides and suppressions are applied. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: TextRange;
  related?: RelatedInfo[];
}
