import type { LineIndex } from './parse/lines';
import { RULE_IDS } from './rules/index';
import { INTERNAL_ERROR } from './rules/internal-error';
import type { Finding, TextRange } from './types';
import { didYouMean } from './util/suggest';

export interface Directive {
  kind: 'next-line' | 'file';
  /** 0-based line of the comment */
  line: number;
  /** range of the comment, from "#" to its end */
  range: TextRange;
  /** named rule ids; empty means every rule (next-line only) */
  rules: string[];
}

const DIRECTIVE = /#\s*partition-lint-disable-(next-line|file)(?![\w-])([^\r\n]*)/g;

/** Finds `# partition-lint-disable-next-line` and `# partition-lint-disable-file` comments. */
export function findDirectives(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  if (!text.includes('partition-lint-disable')) return out;
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const start = m.index;
    const pos = lines.position(start);
    const before = text.slice(lines.lineStart(pos.line), start);
    // A comment starts at the line's start or after whitespace, and not inside a quoted string.
    if (before.length > 0 && !/\s$/.test(before)) continue;
    if ((before.match(/"/g) ?? []).length % 2 === 1 || (before.match(/'/g) ?? []).length % 2 === 1) continue;
    const list = m[2].split(/\s--/)[0];
    const rules = list.split(/[\s,]+/).map((r) => r.trim()).filter((r) => r.length > 0);
    out.push({ kind: m[1] as Directive['kind'], line: pos.line, range: { start, end: start + m[0].length }, rules });
  }
  return out;
}

/**
 * Drops findings that a directive suppresses and reports directives that suppress nothing
 * (`unused-disable`). `reportUnused` is false when the text has syntax errors.
 */
export function applyDirectives(findings: Finding[], directives: Directive[], lines: LineIndex, reportUnused: boolean): Finding[] {
  if (directives.length === 0) return findings;
  const used = directives.map(() => new Set<string>());
  const fileRules = new Map<string, number[]>();
  const nextLine = new Map<number, number[]>();
  directives.forEach((d, i) => {
    if (d.kind === 'file') for (const r of d.rules) fileRules.set(r, [...(fileRules.get(r) ?? []), i]);
    else nextLine.set(d.line + 1, [...(nextLine.get(d.line + 1) ?? []), i]);
  });

  const suppressed = (f: Finding): boolean => {
    // a bug in partition-lint is never hidden by a comment
    if (f.rule === INTERNAL_ERROR) return false;
    let hit = false;
    for (const i of fileRules.get(f.rule) ?? []) {
      used[i].add(f.rule);
      hit = true;
    }
    const line = lines.position(f.range.start).line;
    for (const i of nextLine.get(line) ?? []) {
      const d = directives[i];
      if (d.rules.length === 0) {
        used[i].add('*');
        hit = true;
      } else if (d.rules.includes(f.rule)) {
        used[i].add(f.rule);
        hit = true;
      }
    }
    return hit;
  };

  const kept = findings.filter((f) => !suppressed(f));
  if (!reportUnused) return kept;

  const unused: Finding[] = [];
  directives.forEach((d, i) => {
    const what = `partition-lint-disable-${d.kind}`;
    if (d.rules.length === 0) {
      if (d.kind === 'file') unused.push(unusedFinding(d.range, `"${what}" names no rule; name the rules to disable for the whole file, e.g. "# ${what} root-memory-low".`));
      else if (!used[i].has('*')) unused.push(unusedFinding(d.range, `This "${what}" comment suppresses nothing: no problem starts on the next line; remove it.`));
      return;
    }
    for (const r of new Set(d.rules)) {
      if (used[i].has(r)) continue;
      if (!RULE_IDS.has(r)) unused.push(unusedFinding(d.range, `"${r}" is not a partition-lint rule${didYouMean(r, RULE_IDS) || '; see the rules table in the README'}`));
      else if (d.kind === 'file') unused.push(unusedFinding(d.range, `"${what} ${r}" suppresses nothing: no ${r} problem is in this file; remove it.`));
      else unused.push(unusedFinding(d.range, `"${what} ${r}" suppresses nothing: no ${r} problem starts on the next line; remove it.`));
    }
  });
  // unused-disable findings can themselves be disabled for the file.
  return [...kept, ...unused.filter((f) => !fileRules.has(f.rule))];
}

function unusedFinding(range: TextRange, message: string): Finding {
  return { rule: 'unused-disable', severity: 'warning', message, range };
}
