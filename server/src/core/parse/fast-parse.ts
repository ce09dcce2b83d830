import { EVENT_ID, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import { Document, type Scalar } from 'yaml';
import type { TextRange } from '../types';
import { SourceLocations, type PairLocation } from './locations';

/**
 * The fast path of parsing: js-yaml's event parser (about ten times faster than building a `yaml`
 * Document) for the plain YAML that layouts are made of. It builds exactly the data and positions
 * that convert.ts builds from a `yaml` Document — same scalar resolution (yaml's own YAML 1.2 core
 * tags), same ranges — and gives up (undefined) on anything outside that plain subset: a syntax
 * error, several documents, anchors, aliases, tags, tabs, a lone CR, block or multi-line scalars,
 * scalar values below their key, multi-line flow collections, complex or explicit keys, duplicate
 * keys, empty list entries, comments where yaml would stretch a collection's range over them. The caller then parses
 * with `yaml`, which reports everything. A property test holds the two paths equal.
 */
export function fastParse(original: string, documentRange: TextRange): { data: unknown; locations: SourceLocations } | undefined {
  // CRLF: read "\r\n" as " \n" (same length, so the same offsets; a space before a line break means
  // nothing in the plain subset taken here). A lone CR is left to yaml.
  // Tabs are where YAML parsers disagree most: left to yaml.
  if (original.includes('\t')) return undefined;
  let text = original;
  if (original.includes('\r')) {
    if (/\r(?!\n)/.test(original)) return undefined;
    text = original.replace(/\r\n/g, ' \n');
  }
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  if (events.length < 2 || events[0].type !== EVENT_ID.DOCUMENT) return undefined;
  const first = events[0];
  if (first.explicitStart || first.explicitEnd || first.directives.length > 0) return undefined;
  const locations = new SourceLocations(documentRange);
  const builder = new Builder(text, original, events, locations);
  try {
    const root = events[1].type === EVENT_ID.POP ? undefined : builder.node(false);
    if (builder.index !== events.length - 1 || events[builder.index].type !== EVENT_ID.POP) return undefined;
    return { data: root ? root.value : null, locations };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

const GIVE_UP = Symbol('give up');

// Sticky patterns, reset before each use (made once: this runs for every node of large files).
const REST_OF_LINE = /[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/y;
const SEPARATORS = /[ \t,]*/y;
const ONLY_SPACE_LEFT = /\s*$/y;
const INDENTED_COMMENT = /(?:[ \t]*\r?\n)*[ \t]+#/y;

interface Built {
  value: unknown;
  range: TextRange;
  /** where the node ends with what its line adds (a comment, the line break), as `yaml` counts it */
  nodeEnd: number;
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
  index = 0;

  constructor(
    private readonly text: string,
    /** the text as given (CRLF kept): where yaml places an empty value depends on it */
    private readonly original: string,
    private readonly events: Event[],
    private readonly locations: SourceLocations,
  ) {
    this.index = 1;
  }

  /** The node starting at the current event; `flow`: inside a flow collection. */
  node(flow: boolean): Built {
    const e = this.events[this.index++];
    if (e.type === EVENT_ID.SCALAR) return this.scalar(e, flow);
    if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) {
      if (e.anchorStart !== -1 || e.tagStart !== -1) throw GIVE_UP;
      const isFlow = e.style === 2;
      return e.type === EVENT_ID.SEQUENCE ? this.sequence(e.start, isFlow, flow) : this.mapping(e.start, isFlow, flow);
    }
    throw GIVE_UP; // aliases, documents
  }

  private scalar(e: ScalarEvent, flow: boolean): Built {
    if (e.anchorStart !== -1 || e.tagStart !== -1 || e.style > 3 || e.valueStart < 0) throw GIVE_UP;
    const quoted = e.style !== 1;
    const start = quoted ? e.valueStart - 1 : e.valueStart;
    const end = quoted ? e.valueEnd + 1 : e.valueEnd;
    if (this.hasLineBreak(start, end)) throw GIVE_UP;
    const raw = getScalarValue(this.text, e);
    const value = quoted ? raw : resolvePlain(raw);
    return { value, range: { start, end }, nodeEnd: flow ? end : this.lineEnd(end) };
  }

  private sequence(start: number, isFlow: boolean, inFlow: boolean): Built {
    const arr: unknown[] = [];
    const items: TextRange[] = [];
    let last: Built | undefined;
    while (this.events[this.index].type !== EVENT_ID.POP) {
      const item = this.node(isFlow || inFlow);
      arr.push(item.value);
      items.push(item.range);
      last = item;
    }
    this.index++;
    const range = this.collectionRange(start, isFlow, last, ']');
    this.locations.setBuilt(arr, { range, items });
    return { value: arr, range, nodeEnd: isFlow && !inFlow ? this.lineEnd(range.end) : range.end };
  }

  private mapping(start: number, isFlow: boolean, inFlow: boolean): Built {
    const obj: Record<string, unknown> = {};
    const pairs: Array<[string, PairLocation]> = [];
    const seen = new Set<unknown>();
    let last: Built | undefined;
    while (this.events[this.index].type !== EVENT_ID.POP) {
      const keyEvent = this.events[this.index];
      if (keyEvent.type !== EVENT_ID.SCALAR) throw GIVE_UP; // complex keys
      const key = this.node(true);
      if (this.isExplicitKey(key.range.start) || seen.has(key.value) || key.range.end - key.range.start > 1024) throw GIVE_UP;
      seen.add(key.value);
      const valueEvent = this.events[this.index];
      let value: Built;
      if (valueEvent.type === EVENT_ID.SCALAR && valueEvent.valueStart < 0) {
        if (isFlow || inFlow || valueEvent.anchorStart !== -1 || valueEvent.tagStart !== -1) throw GIVE_UP;
        this.index++;
        const at = this.emptyValueAt(key.range.end);
        value = { value: null, range: { start: at, end: at }, nodeEnd: at };
      } else {
        value = this.node(isFlow || inFlow);
        // a scalar value below its key (not a nested collection) is unusual enough to leave to yaml
        if (!isFlow && !inFlow && valueEvent.type === EVENT_ID.SCALAR && this.hasLineBreak(key.range.end, value.range.start)) throw GIVE_UP;
      }
      const name = String(key.value);
      if (name === '__proto__') Object.defineProperty(obj, name, { value: value.value, writable: true, enumerable: true, configurable: true });
      else obj[name] = value.value;
      pairs.push([name, { key: key.range, value: value.range }]);
      last = value;
    }
    this.index++;
    // yaml stretches a block mapping whose last value is empty over the comments and blank lines that
    // follow; only the case with nothing after it (the end of the text) is taken here.
    if (last && last.range.start === last.range.end && !isFlow) {
      ONLY_SPACE_LEFT.lastIndex = last.range.end;
      if (!ONLY_SPACE_LEFT.test(this.text)) throw GIVE_UP;
    }
    const range = this.collectionRange(start, isFlow, last, '}');
    this.locations.setBuilt(obj, { range, pairs });
    return { value: obj, range, nodeEnd: isFlow && !inFlow ? this.lineEnd(range.end) : range.end };
  }

  /** A block collection ends where its last node does; a flow one after its closing bracket (on the same line). */
  private collectionRange(start: number, isFlow: boolean, last: Built | undefined, close: string): TextRange {
    if (!isFlow) {
      if (!last) throw GIVE_UP;
      // yaml may count an indented comment after a block collection as part of it: not taken here.
      INDENTED_COMMENT.lastIndex = last.nodeEnd;
      if (INDENTED_COMMENT.test(this.text)) throw GIVE_UP;
      return { start, end: last.nodeEnd };
    }
    const from = last ? last.range.end : start + 1;
    SEPARATORS.lastIndex = from;
    SEPARATORS.exec(this.text);
    const at = SEPARATORS.lastIndex;
    if (this.text[at] !== close || this.hasLineBreak(start, at)) throw GIVE_UP;
    return { start, end: at + 1 };
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
    while (t[i] === ' ' || t[i] === '\t') i++;
    if (t[i] !== ':') throw GIVE_UP;
    i++;
    while (t[i] === ' ' || t[i] === '\t') i++;
    if (t[i] === '#') throw GIVE_UP;
    return i;
  }

  private isExplicitKey(keyStart: number): boolean {
    let i = keyStart - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t')) i--;
    return this.text[i] === '?';
  }
}
