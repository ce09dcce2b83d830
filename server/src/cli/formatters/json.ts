import { toDiagnosticJson } from '../diagnostic-json';
import type { FileResult } from '../types';

/** `[{ file, diagnostics: [{ rule, severity, message, line, column, endLine, endColumn }] }]`, 1-based; every checked file. */
export function formatJson(results: readonly FileResult[]): string {
  const data = results.map((r) => ({ file: r.file, diagnostics: r.findings.map((f) => toDiagnosticJson(f, r.lines)) }));
  return `${JSON.stringify(data, null, 2)}\n`;
}
