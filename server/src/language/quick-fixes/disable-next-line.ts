import type { SourceLocations } from '../../core/parse/locations';
import { findDirectives } from '../../core/suppress';
import type { TextRange } from '../../core/types';
import { eolAt, indentationAt } from './text';
import type { QuickFixProvider } from './types';

const DIRECTIVE = 'partition-lint-disable-next-line';
const REASON = 'reason';
/** A syntax error is not a rule to waive; unused-disable is only suppressible for the whole file. */
const NOT_SUPPRESSIBLE = new Set(['yaml-syntax', 'unused-disable']);

/**
 * Disable a rule for this line: `# partition-lint-disable-next-line RULE -- reason` above the
 * diagnostic's first line, indented like it; or the rule added to such a comment already there.
 */
export const disableNextLine: QuickFixProvider = {
  rules: '*',
  provide(ctx) {
    if (NOT_SUPPRESSIBLE.has(ctx.rule)) return undefined;
    const { text, result } = ctx;
    const lines = result.parsed.lines;
    const line = lines.position(ctx.range.start).line;
    let start = lines.lineStart(line);
    if (start === 0 && text.startsWith('\uFEFF')) start = 1;
    const title = `Disable ${ctx.rule} for this line`;

    const above = line > 0 ? findDirectives(text, lines).find((d) => d.kind === 'next-line' && d.line === line - 1) : undefined;
    if (above) {
      // No rule named disables them all; a rule named there is already disabled.
      if (above.rules.length === 0 || above.rules.includes(ctx.rule)) return undefined;
      const at = endOfRuleList(text, above.range);
      return { title, edits: [{ range: { start: at, end: at }, newText: `, ${ctx.rule}` }] };
    }
    // A comment line inside a block scalar or a multi-line string would become part of the text.
    if (result.parsed.locations && insideMultiLineScalar(result.parsed.data, result.parsed.locations, start)) return undefined;
    const comment = `${indentationAt(text, start)}# ${DIRECTIVE} ${ctx.rule} -- ${REASON}`;
    // The reason is left selected, to be typed over.
    const select = { edit: 0, start: comment.length - REASON.length, end: comment.length };
    return { title, edits: [{ range: { start, end: start }, newText: comment + eolAt(text, start) }], select };
  },
};

/** Offset just after the last rule id of a disable-next-line comment (before ` -- reason`). */
function endOfRuleList(text: string, comment: TextRange): number {
  const body = text.slice(comment.start, comment.end);
  const at = body.indexOf(DIRECTIVE) + DIRECTIVE.length;
  const list = body.slice(at).split(/\s--/)[0];
  return comment.start + at + list.replace(/[\s,]+$/, '').length;
}

/** True when `offset` lies inside (not at the start or end of) a string value that spans lines. */
function insideMultiLineScalar(data: unknown, locations: SourceLocations, offset: number): boolean {
  const inside = (r: TextRange): boolean => r.start < offset && offset < r.end;
  const visit = (value: unknown, depth: number): boolean => {
    if (typeof value !== 'object' || value === null || depth > 100) return false;
    const loc = locations.of(value);
    if (!loc || !inside(loc.range)) return false;
    if (loc.kind === 'seq') {
      const arr = value as unknown[];
      return loc.items.some((r, i) => (typeof arr[i] === 'string' ? inside(r) : visit(arr[i], depth + 1)));
    }
    const obj = value as Record<string, unknown>;
    for (const [key, pair] of loc.pairs) {
      const v = obj[key];
      if (typeof v === 'string' ? inside(pair.value) : visit(v, depth + 1)) return true;
    }
    return false;
  };
  return visit(data, 0);
}
