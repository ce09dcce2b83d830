import { EVENT_ID, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import { Document, type Scalar } from 'yaml';
import type { TextRange } from '../types';
import { MAX_ALIAS_EXPANSION, MAX_DEPTH } from './convert';
import { SourceLocations, type PairLocation } from './locations';

/**
 * The parse path of every well-formed layout: js-yaml's event parser (about ten times faster than
 * building a `yaml` Document) turned into exactly the data and positions that convert.ts builds
 * from a `yaml` Document — same scalar resolution (yaml's own YAML 1.2 core tags), same ranges
 * (yaml's rules for where a collection ends: over the comment lines indented below its last value),
 * aliases expanded into copies placed on the alias. It takes comments anywhere, anchors and aliases,
 * block, multi-line and quoted scalars, flow collections over several lines, CRLF and a BOM.
 *
 * It gives up (undefined) on what is not a well-formed layout or is rare enough to leave to `yaml`,
 * which then reports everything: a syntax error, several documents, directives, tags, tabs, a lone
 * CR, complex, explicit or multi-line keys, duplicate keys, unknown aliases, alias bombs, deep
 * nesting, empty entries of flow collections. A property test holds the two paths equal.
 */
export interface FastParsed {
  data: unknown;
  locations: SourceLocations;
  /** every anchor, in text order (reparse-entry.ts re-parses an entry with those above it known) */
  anchors: AnchorDef[];
  /** nodes created by expanding aliases, counted against MAX_ALIAS_EXPANSION */
  expanded: number;
}

/** An anchor: where its `&name` is, and the data it names (a container's positions follow it in the locations). */
export interface AnchorDef {
  name: string;
  /** the `&name` token; reparse-entry.ts keeps it in place as the text is edited */
  at: TextRange;
  value: unknown;
}

/**
 * How a part of a text is parsed on its own (reparse-entry.ts): `depth` is the nesting depth of its
 * first node in the whole text, `anchors` are those defined above it, `expanded` the alias expansions
 * already counted; it may define no anchor itself.
 */
export interface PartContext {
  depth: number;
  anchors: ReadonlyMap<string, unknown>;
  expanded: number;
}

/**
 * Parses `original`; with `into`, the positions are added to those locations instead of new ones;
 * with `part`, the text is one part of a larger text (see PartContext).
 */
export function fastParse(original: string, documentRange: TextRange, into?: SourceLocations, part?: PartContext): FastParsed | undefined {
  // Tabs are where YAML parsers disagree most: left to yaml.
  if (original.includes('\t')) return undefined;
  let text = original;
  // CRLF: read "\r\n" as " \n" (same length, so the same offsets; a space before a line break means
  // nothing to YAML outside quotes, and a quoted scalar over several lines is left to yaml then).
  // A lone CR is left to yaml.
  let crlf = false;
  if (text.includes('\r')) {
    if (/\r(?!\n)/.test(text)) return undefined;
    text = text.replace(/\r\n/g, ' \n');
    crlf = true;
  }
  // A byte-order mark at the start: read as a line break (same length; an empty first line is nothing).
  if (text.charCodeAt(0) === 0xfeff) text = `\n${text.slice(1)}`;
  // One anywhere else (yaml skips some of them): left to yaml.
  if (text.includes('\ufeff')) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  if (events.length < 2 || events[0].type !== EVENT_ID.DOCUMENT) return undefined;
  const first = events[0];
  // Directives (js-yaml drops the ones it does not know; yaml warns about them): left to yaml.
  if (first.directives.length > 0 || text.startsWith('%') || text.includes('\n%')) return undefined;
  const locations = into ?? new SourceLocations(documentRange);
  const builder = new Builder(text, original, events, locations, crlf, part);
  try {
    const root = events[1].type === EVENT_ID.POP ? undefined : builder.node(false, part?.depth ?? 0);
    if (builder.index !== events.length - 1 || events[builder.index].type !== EVENT_ID.POP) return undefined;
    return { data: root ? root.value : null, locations, anchors: builder.defs, expanded: builder.expanded };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

const GIVE_UP = Symbol('give up');

// Sticky patterns, reset before each use (made once: this runs for every node of large files).
const REST_OF_LINE = /[ ]*(?:#[^\n]*)?(?:\n|$)/y;
const ANCHOR_NAME = /^[A-Za-z0-9_.-]+$/;
const BLOCK_HEADER = /[|>][0-9+-]{0,2}[ ]*(?:#[^\n]*)?\n/y;

interface Built {
  value: unknown;
  range: TextRange;
  /** block context: where the node ends with the rest of its line (a comment, the line break) */
  lineEnd: number;
  /** an empty value (null written as nothing) */
  empty?: boolean;
  /** a block collection: its column */
  blockIndent?: number;
  /** a block sequence, or a block mapping that is an entry of one */
  seqLike?: boolean;
  /** a `|` or `>` scalar */
  blockScalar?: boolean;
}

/** What an anchor names: the built node (its data is copied for each alias). */
interface Anchored {
  value: unknown;
  /** true while the anchored collection is being built (an alias to it inside would loop) */
  open: boolean;
}

/** yaml's YAML 1.2 core tags, in the order yaml tries them on a plain scalar. */
const CORE_TAGS = new Document().schema.tags.filter((t) => t.default === true && 'test' in t && t.test instanceof RegExp) as Array<{ test: RegExp; resolve: (s: string, onError: (m: string) => void, o: object) => unknown }>;
const RESOLVE_OPTIONS = new Document().options;

function resolvePlain(s: string): unknown {
  // Most plain scalars are words: one starting with a letter that cannot begin null, true or false
  // matches none of the core tags (numbers start with a digit, a sign, "." or "0x"/"0o").
  const c = s.charCodeAt(0);
  if (((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) && !'nNtTfF'.includes(s[0])) return s;
  for (const tag of CORE_TAGS) {
    if (tag.test.test(s)) {
      const r = tag.resolve(s, () => {
        throw GIVE_UP;
      }, RESOLVE_OPTIONS);
      return r !== null && typeof r === 'object' && 'value' in r ? (r as Scalar).value : r;
    }
  }
  return s;
}

class Builder {
  index = 1;
  private readonly anchors = new Map<string, Anchored>();
  /** every anchor defined, in text order */
  readonly defs: AnchorDef[] = [];
  /** set just before a block sequence's entry is built, read by a mapping that starts there */
  private seqItem = false;
  /** nodes created by expanding aliases (yaml's alias-bomb budget) */
  expanded: number;
  /** parsing one part of a larger text: it may define no anchor */
  private readonly part: boolean;

  constructor(
    private readonly text: string,
    /** the text as given (CRLF kept) */
    private readonly original: string,
    private readonly events: Event[],
    private readonly locations: SourceLocations,
    private readonly crlf: boolean,
    part: PartContext | undefined,
  ) {
    this.part = part !== undefined;
    this.expanded = part?.expanded ?? 0;
    if (part) for (const [name, value] of part.anchors) this.anchors.set(name, { value, open: false });
  }

  /** Registers an anchor (`&name` at start..end, 0-based offsets of the name without `&`). */
  private define(start: number, end: number, anchored: Anchored): void {
    if (this.part) throw GIVE_UP;
    const name = this.anchorName(start, end);
    this.anchors.set(name, anchored);
    this.defs.push({ name, at: { start: start - 1, end }, value: anchored.value });
  }

  /** The node starting at the current event; `flow`: inside a flow collection. */
  node(flow: boolean, depth: number): Built {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const e = this.events[this.index++];
    if (e.type === EVENT_ID.SCALAR) {
      const built = this.scalar(e, flow);
      if (e.anchorStart !== -1) this.define(e.anchorStart, e.anchorEnd, { value: built.value, open: false });
      return built;
    }
    if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) {
      if (e.tagStart !== -1) throw GIVE_UP;
      const isFlow = e.style === 2;
      // A mapping inside a flow sequence without braces ("[a: 1]") is a single pair: left to yaml.
      if (isFlow && this.text[e.start] !== (e.type === EVENT_ID.SEQUENCE ? '[' : '{')) throw GIVE_UP;
      let anchored: Anchored | undefined;
      const defined = this.defs.length;
      if (e.anchorStart !== -1) {
        anchored = { value: undefined, open: true };
        this.define(e.anchorStart, e.anchorEnd, anchored);
      }
      const built = e.type === EVENT_ID.SEQUENCE ? this.sequence(e.start, isFlow, flow, depth) : this.mapping(e.start, isFlow, flow, depth);
      if (anchored) {
        anchored.value = built.value;
        anchored.open = false;
        this.defs[defined].value = built.value;
      }
      return built;
    }
    if (e.type === EVENT_ID.ALIAS) {
      const target = this.anchors.get(this.anchorName(e.anchorStart, e.anchorEnd));
      if (!target || target.open) throw GIVE_UP;
      const range = { start: e.anchorStart - 1, end: e.anchorEnd };
      const value = this.copy(target.value, range, depth);
      return { value, range, lineEnd: flow ? range.end : this.lineEnd(range.end) };
    }
    throw GIVE_UP; // documents
  }

  /** An anchor's or alias's name; unusual names (yaml warns about some) are left to yaml. */
  private anchorName(start: number, end: number): string {
    const name = this.text.slice(start, end);
    if (!ANCHOR_NAME.test(name)) throw GIVE_UP;
    return name;
  }

  /** A fresh copy of aliased data, every container placed on the alias (as convert.ts does). */
  private copy(value: unknown, at: TextRange, depth: number): unknown {
    if (++this.expanded > MAX_ALIAS_EXPANSION || depth > MAX_DEPTH) throw GIVE_UP;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const arr: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) arr[i] = this.copy(value[i], at, depth + 1);
      this.locations.setBuilt(arr, { range: at, items: arr.map(() => at) });
      return arr;
    }
    const obj: Record<string, unknown> = {};
    const pairs: Array<[string, PairLocation]> = [];
    for (const [k, v] of Object.entries(value)) {
      const c = this.copy(v, at, depth + 1);
      if (k === '__proto__') Object.defineProperty(obj, k, { value: c, writable: true, enumerable: true, configurable: true });
      else obj[k] = c;
      pairs.push([k, { key: at, value: at }]);
    }
    this.locations.setBuilt(obj, { range: at, pairs });
    return obj;
  }

  private scalar(e: ScalarEvent, flow: boolean): Built {
    if (e.tagStart !== -1 || e.valueStart < 0) throw GIVE_UP;
    if (e.style >= 4) return this.blockScalar(e);
    const quoted = e.style !== 1;
    const start = quoted ? e.valueStart - 1 : e.valueStart;
    const end = quoted ? e.valueEnd + 1 : e.valueEnd;
    // A quoted scalar over several lines keeps the spaces before a line break that CRLF became.
    if (quoted && this.crlf && this.hasLineBreak(start, end)) throw GIVE_UP;
    const raw = getScalarValue(this.text, e);
    const value = quoted ? raw : resolvePlain(raw);
    return { value, range: { start, end }, lineEnd: flow ? end : this.lineEnd(end) };
  }

  /**
   * `|` and `>` scalars: yaml's range runs from the header to the end of the last line it keeps
   * (trailing blank lines only with "+").
   */
  private blockScalar(e: ScalarEvent): Built {
    if (this.crlf) throw GIVE_UP;
    const t = this.text;
    const headerLineStart = t.lastIndexOf('\n', e.valueStart - 2) + 1;
    let start = -1;
    for (let i = headerLineStart; i < e.valueStart; i++) {
      const c = t.charCodeAt(i);
      if (c !== 0x7c /* | */ && c !== 0x3e /* > */) continue;
      BLOCK_HEADER.lastIndex = i;
      if (BLOCK_HEADER.test(t) && BLOCK_HEADER.lastIndex === e.valueStart) {
        start = i;
        break;
      }
    }
    if (start < 0) throw GIVE_UP;
    // an empty block scalar: left to yaml
    if (t.slice(e.valueStart, e.valueEnd).trim() === '') throw GIVE_UP;
    let end = e.valueEnd;
    if (e.chomping !== 3) {
      // Drop the trailing blank lines: end after the last line with content.
      let i = end;
      while (i > e.valueStart) {
        const prev = t.lastIndexOf('\n', i - 2) + 1;
        // a trailing line of spaces no longer than the indentation is empty; a longer one is content
        const line = t.slice(prev, i).replace(/\n$/, '');
        if (line.trim() !== '' || line.length > e.indent) break;
        i = prev;
      }
      end = i;
    }
    const value = getScalarValue(t, e);
    return { value, range: { start, end }, lineEnd: end, blockScalar: true };
  }

  private sequence(start: number, isFlow: boolean, inFlow: boolean, depth: number): Built {
    const arr: unknown[] = [];
    const items: TextRange[] = [];
    let last: Built | undefined;
    while (this.events[this.index].type !== EVENT_ID.POP) {
      const ev = this.events[this.index];
      let item: Built;
      if (ev.type === EVENT_ID.SCALAR && ev.valueStart < 0) {
        // an empty entry ("-" with nothing after it)
        if (isFlow || inFlow || ev.anchorStart !== -1 || ev.tagStart !== -1) throw GIVE_UP;
        this.index++;
        const at = this.emptyEntryAt(start, items.length === 0 ? start : (last as Built).lineEnd);
        item = { value: null, range: { start: at, end: at }, lineEnd: at, empty: true };
      } else {
        this.seqItem = !isFlow && !inFlow;
        item = this.node(isFlow || inFlow, depth + 1);
      }
      arr.push(item.value);
      items.push(item.range);
      last = item;
    }
    this.index++;
    const range = this.collectionRange(start, isFlow, last, ']');
    this.locations.setBuilt(arr, { range, items });
    return this.collection(arr, range, isFlow, inFlow, true);
  }

  private mapping(start: number, isFlow: boolean, inFlow: boolean, depth: number): Built {
    const isSeqItem = this.seqItem;
    this.seqItem = false;
    const obj: Record<string, unknown> = {};
    const pairs: Array<[string, PairLocation]> = [];
    const seen = new Set<unknown>();
    let last: Built | undefined;
    while (this.events[this.index].type !== EVENT_ID.POP) {
      const keyEvent = this.events[this.index];
      if (keyEvent.type !== EVENT_ID.SCALAR || keyEvent.anchorStart !== -1 || keyEvent.style >= 4) throw GIVE_UP; // complex, anchored, block keys
      const key = this.node(true, depth + 1);
      if (this.isExplicitKey(key.range.start) || seen.has(key.value) || key.range.end - key.range.start > 1024 || this.hasLineBreak(key.range.start, key.range.end)) throw GIVE_UP;
      seen.add(key.value);
      const valueEvent = this.events[this.index];
      let value: Built;
      if (valueEvent.type === EVENT_ID.SCALAR && valueEvent.valueStart < 0) {
        if (isFlow || inFlow || valueEvent.anchorStart !== -1 || valueEvent.tagStart !== -1) throw GIVE_UP;
        this.index++;
        const at = this.emptyValueAt(key.range.end);
        value = { value: null, range: { start: at, end: at }, lineEnd: at, empty: true };
      } else {
        value = this.node(isFlow || inFlow, depth + 1);
      }
      const name = String(key.value);
      if (name === '__proto__') Object.defineProperty(obj, name, { value: value.value, writable: true, enumerable: true, configurable: true });
      else obj[name] = value.value;
      pairs.push([name, { key: key.range, value: value.range }]);
      last = value;
    }
    this.index++;
    const range = this.collectionRange(start, isFlow, last, isSeqItem && !isFlow ? 'entry' : '}');
    this.locations.setBuilt(obj, { range, pairs });
    return this.collection(obj, range, isFlow, inFlow, isSeqItem);
  }

  private collection(value: unknown, range: TextRange, isFlow: boolean, inFlow: boolean, seqLike: boolean): Built {
    if (isFlow) return { value, range, lineEnd: inFlow ? range.end : this.lineEnd(range.end) };
    return { value, range, lineEnd: range.end, blockIndent: this.column(range.start), seqLike };
  }

  /** Past blank lines and indentation: where the next content starts. */
  private toContent(from: number): number {
    let i = from;
    while (this.text.charCodeAt(i) === 0x20 || this.text.charCodeAt(i) === 0x0a) i++;
    return i;
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /**
   * A block collection ends where its last node does, stretched as yaml does over the comment lines
   * after it. After a scalar (not `|`/`>`), an alias or a flow collection: the comment lines indented
   * past the collection. After a nested block collection: a run of comment lines whose first one is
   * indented at least as far as that collection (yaml holds the run for a next entry of the nested
   * collection that never comes). A flow collection ends after its closing bracket.
   */
  private collectionRange(start: number, isFlow: boolean, last: Built | undefined, close: ']' | '}' | 'entry'): TextRange {
    if (!isFlow) {
      if (!last) throw GIVE_UP;
      if (last.empty) return { start, end: this.afterEmpty(last.lineEnd) };
      if (last.blockIndent !== undefined) {
        const end = this.commentRun(last.lineEnd, last.blockIndent);
        // Where a sequence is involved (this one, one of its entries, or the last value), yaml also
        // takes the blank lines and the indentation after such comments.
        if (end !== last.lineEnd && (close !== '}' || last.seqLike)) return { start, end: this.toContent(end) };
        return { start, end };
      }
      if (last.blockScalar) return { start, end: last.lineEnd };
      return { start, end: this.overComments(last.lineEnd, this.column(start) + 1) };
    }
    const at = this.skipFlowSpace(last ? last.range.end : start + 1);
    if (this.text[at] !== close) throw GIVE_UP;
    return { start, end: at + 1 };
  }

  /** `end` (at a line start) stretched over the blank and comment lines after it, while the comments are indented at least `indent`. */
  private overComments(end: number, indent: number): number {
    const t = this.text;
    if (end > 0 && t.charCodeAt(end - 1) !== 0x0a) return end;
    let i = end;
    let result = end;
    while (i < t.length) {
      let j = i;
      while (t.charCodeAt(j) === 0x20) j++;
      const c = t.charCodeAt(j);
      if (c === 0x0a) {
        i = j + 1;
        continue;
      }
      if (c !== 0x23 /* # */ || j - i < indent) break;
      const nl = t.indexOf('\n', j);
      result = i = nl === -1 ? t.length : nl + 1;
    }
    return result;
  }

  /** `end` (at a line start) stretched over a run of comment lines (blank lines between) whose first one is indented at least `indent`. */
  private commentRun(end: number, indent: number): number {
    const first = this.overComments(end, indent);
    if (first === end) return end;
    return this.overComments(first, 0);
  }

  /** An empty last value ends the collection where it is, unless comments follow (left to yaml: its rules there are not worth copying). */
  private afterEmpty(at: number): number {
    const t = this.text;
    let i = at;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 0x23) throw GIVE_UP;
      if (c !== 0x20 && c !== 0x0a) break;
      i++;
    }
    return at;
  }

  /** Inside a flow collection: past spaces, line breaks, commas and comments. */
  private skipFlowSpace(from: number): number {
    const t = this.text;
    let i = from;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x2c /* , */) i++;
      else if (c === 0x23 /* # */) {
        const nl = t.indexOf('\n', i);
        if (nl === -1) return t.length;
        i = nl + 1;
      } else return i;
    }
  }

  /** After a node in block context, yaml counts the rest of its line when that is blank or a comment. */
  private lineEnd(end: number): number {
    REST_OF_LINE.lastIndex = end;
    return REST_OF_LINE.exec(this.text) ? REST_OF_LINE.lastIndex : end;
  }

  private hasLineBreak(start: number, end: number): boolean {
    const nl = this.text.indexOf('\n', start);
    return nl !== -1 && nl < end;
  }

  /** An empty value sits after the key's ":" and the spaces that follow it. */
  private emptyValueAt(keyEnd: number): number {
    const t = this.original;
    let i = keyEnd;
    while (t[i] === ' ') i++;
    if (t[i] !== ':') throw GIVE_UP;
    i++;
    while (t[i] === ' ') i++;
    if (t[i] === '#') throw GIVE_UP;
    return i;
  }

  /** An empty sequence entry sits after its "-" and the spaces that follow it. */
  private emptyEntryAt(seqStart: number, from: number): number {
    const t = this.original;
    let i = from === seqStart ? seqStart : from;
    while (t[i] === ' ' || t[i] === '\n' || t[i] === '\r') i++;
    if (t[i] !== '-') throw GIVE_UP;
    i++;
    while (t[i] === ' ') i++;
    if (t[i] === '#') throw GIVE_UP;
    return i;
  }

  private isExplicitKey(keyStart: number): boolean {
    let i = keyStart - 1;
    while (i >= 0 && this.text[i] === ' ') i--;
    return this.text[i] === '?';
  }
}
