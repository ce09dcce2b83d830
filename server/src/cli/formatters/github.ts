import type { Severity } from '../../core/types';
import { toDiagnosticJson } from '../diagnostic-json';
import type { FileResult, ReportContext } from '../types';

/**
 * GitHub Actions workflow commands, one line per problem, errors first:
 * `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::message`
 * (warning and info become `::warning` and `::notice`).
 */
export function formatGithub(results: readonly FileResult[], ctx: ReportContext): string {
  const lines: Array<{ rank: number; text: string }> = [];
  for (const r of results) {
    for (const f of r.findings) {
      const d = toDiagnosticJson(f, r.lines);
      const props = [
        ['file', r.file],
        ['line', String(d.line)],
        ['col', String(d.column)],
        ['endLine', String(d.endLine)],
        ['endColumn', String(d.endColumn)],
        ['title', f.rule],
      ];
      lines.push({ rank: RANK[f.severity], text: command(COMMAND[f.severity], props, f.message) });
    }
  }
  for (const failure of ctx.failures) {
    const props = failure.file === undefined ? [['title', 'partition-lint']] : [['file', failure.file], ['title', 'partition-lint']];
    lines.push({ rank: 0, text: command('error', props, failure.message) });
  }
  // a stable sort keeps file and position order within a severity
  lines.sort((a, b) => a.rank - b.rank);
  return lines.map((l) => `${l.text}\n`).join('');
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function command(name: string, props: string[][], message: string): string {
  return `::${name} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(message)}`;
}

/** Escaping of a workflow command's message (as @actions/core's escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value (as @actions/core's escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
