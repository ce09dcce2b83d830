import type { Finding } from '../../core/types';
import type { ValidateResult } from '../../core/validate';
import { deployScript } from './deploy-script';
import { planExport } from './plan';
import { undoScript } from './undo-script';

export interface ExportOptions {
  /** the layout's file name, for the script's header */
  file: string;
  /** write the undo script instead of the deployment script */
  undo?: boolean;
}

export type ExportResult =
  | { ok: true; script: string }
  /** `errors`: the layout has errors (its findings); `export`: what a script cannot express (rule `export`) */
  | { ok: false; reason: 'errors' | 'export'; findings: Finding[] };

/**
 * A validated layout as a Hyper-V PowerShell script (README "Export", docs/decisions.md). A layout with errors is refused
 * with those errors; its warnings and infos become comments in the script's header.
 */
export function exportLayout(result: ValidateResult, options: ExportOptions): ExportResult {
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 || !result.model) return { ok: false, reason: 'errors', findings: errors };
  const planned = planExport(result.model);
  if (!planned.plan) return { ok: false, reason: 'export', findings: planned.problems };
  const warnings = result.findings.map((f) => {
    const p = result.parsed.lines.position(f.range.start);
    return `${p.line + 1}:${p.character + 1} ${f.severity} ${f.message} (${f.rule})`;
  });
  const source = { file: options.file, warnings };
  return { ok: true, script: options.undo ? undoScript(planned.plan, source) : deployScript(planned.plan, source) };
}
