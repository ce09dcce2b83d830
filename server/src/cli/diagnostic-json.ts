import type { LineIndex } from '../core/parse/lines';
import type { Finding } from '../core/types';

/** A finding as the CLI's JSON prints it: 1-based lines and columns. */
export interface DiagnosticJson {
  rule: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toDiagnosticJson(f: Finding, lines: LineIndex): DiagnosticJson {
  const s = lines.position(f.range.start);
  const e = lines.position(f.range.end);
  return { rule: f.rule, severity: f.severity, message: f.message, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}
