import type { LineIndex } from '../core/parse/lines';
import type { TextRange } from '../core/types';

/**
 * Where the cursor is in the YAML structure, read from the indentation of the lines above it.
 * Completion runs while the user types, when the text often does not parse: the block structure
 * (keys, `- ` items, indentation) still says which mapping or list the cursor is in.
 */

/** A key, or an item of a block list (identified by the line of its dash). */
export type Step = string | { item: number };

export interface LineInfo {
  /** spaces before the first dash or the content */
  indent: number;
  /** column of the first `- ` when the line starts a list item */
  dash?: number;
  /** column of the content after the dashes */
  content: number;
  /** the mapping key the line starts with */
  key?: string;
  /** the text after `key:` (or the whole content when there is no key), comment removed, trimmed */
  rest: string;
  /** nothing but spaces or a comment */
  blank: boolean;
}

const LINE = /^( *)((?:-(?: +|$))*)(.*)$/;
const KEY = /^([A-Za-z0-9_$.<-][A-Za-z0-9_$.<-]*|"[^"]*"|'[^']*')[ \t]*:(?=\s|$)(.*)$/;

function lineInfo(line: string): LineInfo {
  const m = LINE.exec(line) ?? ['', '', '', line];
  const indent = m[1].length;
  const dashes = m[2];
  const content = m[3];
  const dash = dashes.length > 0 ? indent : undefined;
  const trimmed = content.trim();
  const blank = dash === undefined && (trimmed === '' || trimmed.startsWith('#'));
  const k = KEY.exec(content);
  const stripComment = (s: string): string => s.replace(/(^|\s)#.*$/, '').trim();
  if (k) return { indent, dash, content: indent + dashes.length, key: k[1].replace(/^(["'])(.*)\1$/, '$2'), rest: stripComment(k[2]), blank };
  return { indent, dash, content: indent + dashes.length, rest: stripComment(content), blank };
}

interface Found {
  path: Step[];
  /** the line that opens the mapping or list (-1 for the document) */
  owner: number;
  /** lines after the owner belong to it while they start right of this column */
  bound: number;
}

export class YamlLines {
  private readonly infos = new Map<number, LineInfo>();

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {}

  info(n: number): LineInfo {
    let i = this.infos.get(n);
    if (!i) {
      i = lineInfo(this.lines.lineText(n));
      this.infos.set(n, i);
    }
    return i;
  }

  /** Set by `indentOf`: the character after the indentation (-1 at the end of the line). */
  private c = -1;
  /** Set by `indentOf`: the line starts a list item (`- ` or a lone `-`). */
  private dashed = false;

  /**
   * The indentation of line `n` (and, in `c` and `dashed`, what follows it): enough to skip most
   * lines while walking up a large file, without parsing or allocating.
   */
  private indentOf(n: number): number {
    const text = this.text;
    let i = this.lines.lineStart(n);
    const start = i;
    while (i < text.length && text.charCodeAt(i) === 32) i++;
    const c = i < text.length ? text.charCodeAt(i) : -1;
    this.c = c === 10 || c === 13 ? -1 : c;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
    this.dashed = c === 45 && (next === 32 || next === 10 || next === 13 || next === -1);
    return i - start;
  }

  /** After `indentOf`: the line holds nothing but spaces, or a comment. */
  private get skippable(): boolean {
    return this.c === -1 || this.c === 35;
  }

  /** The mapping a key at column `col` of line `n` belongs to. */
  mapAt(n: number, col: number, depth = 0): Found | undefined {
    if (depth > 64) return undefined;
    for (let l = n - 1; l >= 0; l--) {
      const indent = this.indentOf(l);
      if (this.skippable || indent >= col) continue;
      const i = this.info(l);
      if (i.blank) continue;
      if (i.dash !== undefined) {
        if (i.dash >= col) continue;
        const seq = this.seqAt(l, i.dash, depth + 1);
        if (!seq) return undefined;
        const item: Step[] = [...seq.path, { item: l }];
        if (col <= i.content) return { path: item, owner: l, bound: i.dash };
        if (i.key !== undefined && i.rest === '') return { path: [...item, i.key], owner: l, bound: i.content };
        return undefined;
      }
      if (i.indent >= col) continue;
      if (i.key === undefined || i.rest !== '') return undefined;
      const outer = this.mapAt(l, i.indent, depth + 1);
      return outer && { path: [...outer.path, i.key], owner: l, bound: i.indent };
    }
    return { path: [], owner: -1, bound: -1 };
  }

  /** The list whose item has its dash at column `d` of line `n`. */
  seqAt(n: number, d: number, depth = 0): Found | undefined {
    if (depth > 64) return undefined;
    for (let l = n - 1; l >= 0; l--) {
      const indent = this.indentOf(l);
      if (this.skippable || indent > d || (indent === d && this.dashed)) continue;
      const i = this.info(l);
      if (i.blank) continue;
      if (i.dash !== undefined) {
        if (i.dash >= d) continue;
        if (i.key === undefined || i.rest !== '' || i.content > d) return undefined;
        const seq = this.seqAt(l, i.dash, depth + 1);
        return seq && { path: [...seq.path, { item: l }, i.key], owner: l, bound: i.content - 1 };
      }
      if (i.indent > d) continue;
      if (i.key === undefined || i.rest !== '') return undefined;
      const outer = this.mapAt(l, i.indent, depth + 1);
      return outer && { path: [...outer.path, i.key], owner: l, bound: i.indent - 1 };
    }
    return undefined;
  }

  /** The mapping that the key on line `n` is written in. */
  mapOfLine(n: number): Found | undefined {
    const i = this.info(n);
    if (i.dash === undefined) return this.mapAt(n, i.indent);
    const seq = this.seqAt(n, i.dash);
    return seq && { path: [...seq.path, { item: n }], owner: n, bound: i.dash };
  }

  /** Lines after `owner` that belong to it. */
  private *region(f: Found): Generator<number> {
    for (let l = f.owner + 1; l < this.lines.lineCount; l++) {
      const indent = this.indentOf(l);
      if (this.skippable) continue;
      if (indent <= f.bound) return;
      yield l;
    }
  }

  /** Keys written in a mapping at column `col`, other than on line `except`. */
  keysOf(f: Found, col: number, except: number): Set<string> {
    const out = new Set<string>();
    if (f.owner >= 0 && f.owner !== except) {
      const o = this.info(f.owner);
      if (o.dash !== undefined && o.content === col && o.key !== undefined) out.add(o.key);
    }
    for (const l of this.region(f)) {
      if (l === except || this.indentOf(l) !== col) continue;
      const i = this.info(l);
      if (i.dash === undefined && i.key !== undefined) out.add(i.key);
    }
    return out;
  }

  /** Scalar items of a block list at dash column `d`, other than on line `except`. */
  itemsOf(f: Found, d: number, except: number): string[] {
    const out: string[] = [];
    for (const l of this.region(f)) {
      if (l === except || this.indentOf(l) !== d) continue;
      const i = this.info(l);
      if (i.dash !== d || i.key !== undefined) continue;
      if (i.rest) out.push(unquote(i.rest));
    }
    return out;
  }

  /** The value of `key` in the block mapping of a list item (the item whose dash is on line `itemLine`). */
  itemValue(itemLine: number, key: string): string | undefined {
    const first = this.info(itemLine);
    if (first.dash === undefined) return undefined;
    if (first.key === key) return unquote(first.rest);
    for (const l of this.region({ path: [], owner: itemLine, bound: first.dash })) {
      if (this.indentOf(l) !== first.content) continue;
      const i = this.info(l);
      if (i.dash === undefined && i.key === key) return unquote(i.rest);
    }
    return undefined;
  }
}

function unquote(s: string): string {
  return s.replace(/^(["'])(.*)\1$/, '$2');
}

export type CompletionContext =
  | { kind: 'key'; map: Step[]; present: Set<string>; replace: TextRange; indent: number; item?: number }
  | { kind: 'value'; path: Step[]; replace: TextRange; needsSpace: boolean; item?: number }
  | { kind: 'item'; seq: Step[]; present: string[]; replace: TextRange; item?: number };

const FLOW = /^( *)((?:-(?: +|$))*)([A-Za-z0-9_$.<-]+|"[^"]*"|'[^']*')[ \t]*:[ \t]*\[([^\]]*)$/;
const VALUE = /^( *)((?:-(?: +|$))*)([A-Za-z0-9_$.<-]+|"[^"]*"|'[^']*')[ \t]*:([ \t]*)([^\s#[{,][^#[{]*)?$/;
const DASH = /^( *)((?:- +)+)([^:#[{]*)$/;
const PLAIN_KEY = /^( *)([A-Za-z0-9_$.<-]*)$/;

/** The innermost list item a path goes through (its dash line), if any. */
function lastItem(path: Step[]): number | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i];
    if (typeof s !== 'string') return s.item;
  }
  return undefined;
}

/**
 * What can be completed at `offset`: a key of a mapping, the value of a key, or an item of a list
 * (block `- ` or flow `[a, b]`). `isObjectList(seq)` tells whether a list's items are mappings.
 */
export function completionContext(y: YamlLines, offset: number, isObjectList: (seq: Step[]) => boolean): CompletionContext | undefined {
  const pos = y.lines.position(offset);
  const n = pos.line;
  const lineText = y.lines.lineText(n);
  const before = lineText.slice(0, pos.character);
  const after = lineText.slice(pos.character);
  const wordAfter = /^[^\s,\]}#:]*/.exec(after)?.[0].length ?? 0;
  const replaceBack = (len: number): TextRange => ({ start: offset - len, end: offset + wordAfter });

  const flow = FLOW.exec(before);
  if (flow) {
    const map = y.mapOfLine(n);
    if (!map) return undefined;
    const segments = flow[4].split(',');
    const typed = segments[segments.length - 1].trimStart();
    const rest = after.split(']')[0].split(',').slice(1);
    const present = [...segments.slice(0, -1), ...rest].map((s) => unquote(s.trim())).filter((s) => s.length > 0);
    const seq = [...map.path, unquote(flow[3])];
    return { kind: 'item', seq, present, replace: replaceBack(typed.length), item: lastItem(seq) };
  }

  const value = VALUE.exec(before);
  if (value) {
    const map = y.mapOfLine(n);
    if (!map) return undefined;
    const typed = value[5] ?? '';
    const path = [...map.path, unquote(value[3])];
    return { kind: 'value', path, replace: replaceBack(typed.length), needsSpace: value[4] === '', item: lastItem(path) };
  }

  const dash = DASH.exec(before);
  if (dash) {
    const d = dash[1].length;
    const seq = y.seqAt(n, d);
    if (!seq) return undefined;
    const typed = dash[3].trimStart();
    if (isObjectList(seq.path)) {
      const col = d + dash[2].length;
      const item: Found = { path: [...seq.path, { item: n }], owner: n, bound: d };
      return { kind: 'key', map: item.path, present: y.keysOf(item, col, n), replace: replaceBack(typed.length), indent: col, item: n };
    }
    return { kind: 'item', seq: seq.path, present: y.itemsOf(seq, d, n), replace: replaceBack(typed.length), item: lastItem(seq.path) };
  }

  const key = PLAIN_KEY.exec(before);
  if (key) {
    const col = key[1].length;
    const map = y.mapAt(n, col);
    if (!map) return undefined;
    return { kind: 'key', map: map.path, present: y.keysOf(map, col, n), replace: replaceBack(key[2].length), indent: col, item: lastItem(map.path) };
  }
  return undefined;
}
