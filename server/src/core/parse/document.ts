import { parseDocument, type YAMLError } from 'yaml';
import type { Finding, TextRange } from '../types';
import { convert, MAX_ALIAS_EXPANSION, MAX_DEPTH } from './convert';
import { fastParse, type AnchorDef } from './fast-parse';
import { LineIndex } from './lines';
import type { SourceLocations } from './locations';
import { findDeepNesting, findNonText, MAX_PARSE_NESTING } from './text-checks';

export interface ParsedLayout {
  text: string;
  lines: LineIndex;
  /** Plain data of the document (null when the text is not YAML text at all). */
  data: unknown;
  locations: SourceLocations | undefined;
  /** yaml-syntax and duplicate-key findings. */
  findings: Finding[];
  /** True when any yaml-syntax error was found: then no schema or rule findings are computed. */
  broken: boolean;
  /** Set by the fast path: an edit may re-parse only the entry it touched (reparse-entry.ts). */
  reusable?: Reusable;
}

/** What re-parsing one entry needs to know of the rest of the text. */
export interface Reusable {
  /** every anchor, in text order */
  anchors: AnchorDef[];
  /** alias expansions counted so far (at least as many as the text has) */
  expanded: number;
}

export const YAML_OPTIONS = { uniqueKeys: true, keepSourceTokens: false, prettyErrors: false, strict: true } as const;

/** Parses a layout's text, keeping offsets. Never throws. */
export function parseLayout(text: string): ParsedLayout {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const nonText = findNonText(text);
  if (nonText) {
    findings.push(syntax(`This is not a YAML text file: it contains ${nonText.what}.`, { start: nonText.offset, end: nonText.offset + 1 }));
    return { text, lines, data: null, locations: undefined, findings, broken: true };
  }

  // Refused before parsing: the YAML parser's recursion cannot be relied on past a few hundred levels.
  const deep = findDeepNesting(text);
  if (deep !== undefined) {
    findings.push(syntax(`Values nest more than ${MAX_PARSE_NESTING} levels deep here; no layout nests that deep: flatten it.`, { start: deep, end: deep + 1 }));
    return { text, lines, data: null, locations: undefined, findings, broken: true };
  }

  // A missing property of the document itself is anchored on line 1.
  const end = text.length;
  const firstLineEnd = Math.min(end, text.indexOf('\n') === -1 ? end : text.indexOf('\n'));
  const documentAnchor: TextRange = { start: 0, end: Math.max(0, firstLineEnd - (text[firstLineEnd - 1] === '\r' ? 1 : 0)) };

  // Every well-formed layout, in any YAML style, takes the fast path (fast-parse.ts); text that is not
  // well-formed, or that the fast path leaves to yaml, goes through yaml, which reports each problem.
  const fast = fastParse(text, documentAnchor);
  if (fast) return { text, lines, data: fast.data, locations: fast.locations, findings, broken: false, reusable: { anchors: fast.anchors, expanded: fast.expanded } };

  const doc = parseDocument(text, YAML_OPTIONS);
  // A tab used as indentation makes the parser report follow-on errors on the same line: one problem, one finding.
  const tabLines = new Set(doc.errors.filter((e) => e.code === 'TAB_AS_INDENT').map((e) => lines.position(e.pos[0]).line));
  for (const e of doc.errors) {
    if (e.code !== 'TAB_AS_INDENT' && tabLines.has(lines.position(e.pos[0]).line)) continue;
    findings.push(fromYamlError(e, text, lines));
  }
  for (const w of doc.warnings) findings.push(fromYamlError(w, text, lines));
  dedupe(findings);

  const converted = convert(doc.contents, documentAnchor);
  for (const p of converted.problems) {
    if (p.kind === 'alias-limit')
      findings.push(syntax(`Aliases here expand the document past ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes (an alias bomb); write the values out or use fewer nested aliases.`, p.range));
    else if (p.kind === 'alias-unknown') findings.push(syntax(`The alias *${p.name ?? ''} refers to no anchor: define &${p.name ?? ''} on a value above it, or write the value out.`, p.range));
    else if (p.kind === 'alias-cycle') findings.push(syntax('This alias refers to the node that contains it, which would repeat forever; point it at another anchor.', p.range));
    else findings.push(syntax(`Values nest more than ${MAX_DEPTH} levels deep here; no layout nests that deep: flatten it.`, p.range));
  }
  const broken = findings.some((f) => f.rule === 'yaml-syntax' && f.severity === 'error');
  return { text, lines, data: converted.data, locations: converted.locations, findings, broken };
}

/** Drops repeated findings (same rule, range and message), keeping the first. */
function dedupe(findings: Finding[]): void {
  const seen = new Set<string>();
  let w = 0;
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.range.start}\u0000${f.range.end}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings[w++] = f;
  }
  findings.length = w;
}

function syntax(message: string, range: TextRange): Finding {
  return { rule: 'yaml-syntax', severity: 'error', message, range };
}

function fromYamlError(e: YAMLError, text: string, lines: LineIndex): Finding {
  const end = text.length;
  let start = Math.min(e.pos[0], end);
  let stop = Math.max(start, Math.min(e.pos[1], end));
  const raw = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const severity = e.name === 'YAMLWarning' ? 'warning' : 'error';
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const key = duplicateKeyText(text, start);
      return { rule: 'duplicate-key', severity: 'error', message: `Duplicate key "${key}": this mapping already has it, and the later value is the one used; remove one of them.`, range: { start, end: Math.max(stop, start + key.length) } };
    }
    case 'MULTIPLE_DOCS':
      return syntax('This file holds more than one YAML document; a layout is exactly one document: remove this "---" and what follows, or move it to its own file.', { start, end: Math.min(end, start + 3) });
    case 'TAB_AS_INDENT':
      return syntax('A tab is used for indentation here; YAML indents with spaces only: replace the tab with spaces.', { start, end: stop });
    case 'RESOURCE_EXHAUSTION':
      return syntax('Values nest too deeply for the YAML parser here; no layout nests that deep: flatten it.', { start, end: stop });
    case 'TAG_RESOLVE_FAILED': {
      const tag = text.slice(start, stop).split(/\s/)[0];
      return { rule: 'yaml-syntax', severity, message: `Unknown tag ${tag}: a layout uses plain YAML values; remove the tag.`, range: { start, end: stop } };
    }
    default: {
      const unclosed = /end with a ([\]}])/.exec(raw);
      if (unclosed) {
        const opener = findUnclosed(text, unclosed[1] === ']' ? '[' : '{', start);
        if (opener !== undefined) {
          const kind = unclosed[1] === ']' ? 'flow sequence' : 'flow mapping';
          const line = lines.position(opener).line + 1;
          return syntax(`The ${kind} opened with "${text[opener]}" on line ${line} is never closed: add "${unclosed[1]}" after its last entry.`, { start: opener, end: opener + 1 });
        }
      }
      if (start >= end && end > 0) {
        // Errors placed past the end of the text: move them onto the last character.
        start = Math.max(0, end - 1);
        stop = end;
      }
      return { rule: 'yaml-syntax', severity, message: sentence(raw), range: { start, end: stop } };
    }
  }
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The key text starting at `start`: up to ": " / ":" at the end of the line (quoted keys kept whole). */
function duplicateKeyText(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  const line = text.slice(start, nl === -1 ? text.length : nl).replace(/\r$/, '');
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(line);
  if (quoted) return quoted[1].slice(1, -1);
  const m = /^(.*?)\s*:(\s|$)/.exec(line);
  return (m ? m[1] : line).trim();
}

/** The last opener of the given kind before `before` that no closer matches, skipping comments and quotes. */
function findUnclosed(text: string, open: '[' | '{', before: number): number | undefined {
  const close = open === '[' ? ']' : '}';
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < Math.min(before + 1, text.length); i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n' && quote === '') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      if (stack.length > 0 || /[\s:[{,-]/.test(text[i - 1] ?? ' ')) quote = c;
      continue;
    }
    if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    if (c === open) stack.push(i);
    else if (c === close) stack.pop();
  }
  return stack.length > 0 ? stack[stack.length - 1] : undefined;
}
