import type { LineIndex } from '../core/parse/lines';
import type { Finding } from '../core/types';

/** One checked layout as the formatters see it. */
export interface FileResult {
  /** the name to show: the path as given (or found in a folder or by a glob), or the stdin name */
  file: string;
  text: string;
  lines: LineIndex;
  /** the findings to report (after --quiet), sorted by position */
  findings: Finding[];
}

/** A path that could not be checked (unreadable, matches nothing, or its config file is wrong). */
export interface FileFailure {
  /** the file, when the problem is about one file */
  file?: string;
  /** one line, without the "partition-lint: " prefix */
  message: string;
}

export interface ReportContext {
  cwd: string;
  color: boolean;
  verbose: boolean;
  /** partition-lint's version */
  version: string;
  failures: FileFailure[];
}

export type Formatter = (results: readonly FileResult[], ctx: ReportContext) => string;

/** Counts by severity. */
export function countSeverities(results: readonly FileResult[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const r of results) for (const f of r.findings) c[f.severity]++;
  return c;
}
