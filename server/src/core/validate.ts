import { buildModel } from './model/build';
import type { LayoutModel } from './model/types';
import { parseLayout, type ParsedLayout } from './parse/document';
import { reparseEntry } from './parse/reparse-entry';
import { guarded, internalErrorFinding } from './rules/internal-error';
import type { Rule, RuleContext } from './rules/rule';
import { MODEL_RULES } from './rules/index';
import { schemaFindings } from './schema/schema-findings';
import { applyDirectives, findDirectives } from './suppress';
import type { Finding, SeveritySetting } from './types';

export interface ValidateOptions {
  /** Severity per rule id: overrides the defaults; `off` drops the rule. */
  rules?: Readonly<Record<string, SeveritySetting>>;
}

export interface ValidateResult {
  parsed: ParsedLayout;
  /** The layout model; undefined when the text is not a YAML document (syntax errors). */
  model?: LayoutModel;
  /** Findings with severities and suppressions applied, sorted by position. */
  findings: Finding[];
}

/**
 * The single entry point of the core: text -> parse -> schema -> model -> rules -> findings.
 * Every consumer (CLI, language server, preview, benchmark) calls this. It never throws on any text.
 */
export function validate(text: string, options: ValidateOptions = {}): ValidateResult {
  return validateParsed(parseLayout(text), options);
}

/**
 * validate() for the next version of a text, given the result of an earlier version: re-parses only
 * the list entry an edit touched when it can (parse/reparse-entry.ts), else everything; re-uses the
 * parse when the text is unchanged (only severities changed). Gives exactly what validate(text)
 * gives. `prev` is consumed: do not read it afterwards.
 */
export function revalidate(prev: ValidateResult, text: string, options: ValidateOptions = {}): ValidateResult {
  if (prev.parsed.text === text) return validateParsed(prev.parsed, options);
  return validateParsed(reparseEntry(prev.parsed, text) ?? parseLayout(text), options);
}

function validateParsed(parsed: ParsedLayout, options: ValidateOptions): ValidateResult {
  const text = parsed.text;
  let raw: Finding[] = [...parsed.findings];
  let model: LayoutModel | undefined;
  if (!parsed.broken && parsed.locations) {
    const { data, locations } = parsed;
    raw.push(...guarded('the schema check', () => schemaFindings(data, locations, text)));
    try {
      model = buildModel(data, locations);
    } catch (e) {
      raw.push(internalErrorFinding('building the layout model', e));
    }
    if (model) raw.push(...runRules(model));
  }
  raw = applySeverities(raw, options.rules);
  const directives = findDirectives(text, parsed.lines);
  let findings = applyDirectives(raw, directives, parsed.lines, !parsed.broken);
  if (directives.length > 0) findings = applySeverities(findings, options.rules);
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { parsed, model, findings };
}

/**
 * Runs each rule on the model. Each runs guarded: a rule that throws gives one `internal-error`
 * finding naming it (instead of the findings it reported before the throw), and the other rules'
 * findings are kept.
 */
export function runRules(model: LayoutModel, rules: readonly Rule[] = MODEL_RULES): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const found = guarded(`rule ${rule.id}`, () => {
      const own: Finding[] = [];
      const ctx: RuleContext = {
        model,
        report: (range, message, related) => {
          own.push(related && related.length > 0 ? { rule: rule.id, severity: rule.severity, message, range, related } : { rule: rule.id, severity: rule.severity, message, range });
        },
      };
      rule.check(ctx);
      return own;
    });
    out.push(...found);
  }
  return out;
}

/** Applies severity settings: `off` drops a rule's findings, any other setting replaces the default. */
export function applySeverities(findings: Finding[], rules: ValidateOptions['rules']): Finding[] {
  if (!rules) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const s = rules[f.rule];
    if (s === undefined) out.push(f);
    else if (s !== 'off') out.push(s === f.severity ? f : { ...f, severity: s });
  }
  return out;
}
