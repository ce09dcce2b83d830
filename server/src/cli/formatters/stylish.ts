import type { Finding, Severity } from '../../core/types';
import { codeFrame } from '../code-frame';
import { makeStyle, oneLine, type Style } from '../style';
import { countSeverities, type FileResult, type ReportContext } from '../types';

/**
 * The default, human format: problems grouped by file,
 *
 *   hosts/lab.partition.yaml
 *      3:5   error    Unknown property "virtualprocessors" — did you mean ...  schema
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 infos)
 *
 * with the source lines under each problem when verbose.
 */
export function formatStylish(results: readonly FileResult[], ctx: ReportContext): string {
  const style = makeStyle(ctx.color);
  const out: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out.push(style.underline(oneLine(r.file)));
    out.push(...fileRows(r, style, ctx.verbose));
    out.push('');
  }
  out.push(summary(results, style));
  return `${out.join('\n')}\n`;
}

/** The rows of one file's problems, columns aligned (also used for the allocation command's errors). */
export function fileRows(r: FileResult, style: Style, verbose: boolean): string[] {
  const rows = r.findings.map((f) => {
    const p = r.lines.position(f.range.start);
    return { f, line: String(p.line + 1), col: String(p.character + 1), message: oneLine(f.message) };
  });
  const wLine = Math.max(...rows.map((x) => x.line.length));
  const wCol = Math.max(...rows.map((x) => x.col.length));
  const wSev = Math.max(...rows.map((x) => x.f.severity.length));
  const wMsg = Math.max(...rows.map((x) => x.message.length));
  const out: string[] = [];
  for (const x of rows) {
    const loc = `${x.line.padStart(wLine)}:${x.col.padEnd(wCol)}`;
    const sev = severityText(x.f.severity, style, wSev);
    out.push(`  ${style.dim(loc)}  ${sev}  ${x.message.padEnd(wMsg)}  ${style.dim(x.f.rule)}`.trimEnd());
    if (verbose) {
      out.push(codeFrame(r.lines, x.f.range, style));
      for (const rel of x.f.related ?? []) out.push(relatedRow(r, rel, style));
      out.push('');
    }
  }
  if (verbose && out[out.length - 1] === '') out.pop();
  return out;
}

function relatedRow(r: FileResult, rel: NonNullable<Finding['related']>[number], style: Style): string {
  const p = r.lines.position(rel.range.start);
  return `      ${style.dim('↳')} ${p.line + 1}:${p.character + 1}  ${oneLine(rel.message)}`;
}

function severityText(s: Severity, style: Style, width: number): string {
  const padded = s.padEnd(width);
  return s === 'error' ? style.red(padded) : s === 'warning' ? style.yellow(padded) : style.blue(padded);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(results: readonly FileResult[], style: Style): string {
  const c = countSeverities(results);
  const total = c.error + c.warning + c.info;
  const files = plural(results.length, 'file');
  if (results.length === 0) return style.red('✖ no files were checked');
  if (total === 0) return style.green(`✔ ${files} checked, no problems`);
  const withProblems = results.filter((r) => r.findings.length > 0).length;
  const text = `✖ ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}) in ${withProblems} of ${files}`;
  return style.bold(c.error > 0 ? style.red(text) : c.warning > 0 ? style.yellow(text) : style.blue(text));
}
