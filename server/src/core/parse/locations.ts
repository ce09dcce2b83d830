import { isScalar, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextRange } from '../types';

/** Where a key and its value sit in the text. `value` is the key's range when the value is empty. */
export interface PairLocation {
  key: TextRange;
  value: TextRange;
}

/**
 * Where a container of the data came from: its YAML node, or (`at`) the alias it was expanded from —
 * then everything inside it is placed on the alias.
 */
export interface ContainerSource {
  node: YAMLMap | YAMLSeq;
  at?: TextRange;
}

/** A container's ranges recorded while building the data from parser events (fast-parse.ts). */
export interface BuiltLocation {
  range: TextRange;
  /** mapping: its pairs in document order */
  pairs?: Array<[string, PairLocation]>;
  /** sequence: its items' ranges */
  items?: TextRange[];
}

export interface MapLocation {
  kind: 'map';
  range: TextRange;
  pairs: Map<string, PairLocation>;
}

export interface SeqLocation {
  kind: 'seq';
  range: TextRange;
  items: TextRange[];
}

/** A container's ranges, spelled out (computed on demand; use the single lookups on hot paths). */
export type ContainerLocation = MapLocation | SeqLocation;

/** A JSON path: object keys and array indexes from the document root. */
export type JsonPath = ReadonlyArray<string | number>;

const rangeOfNode = (n: unknown, fallback: TextRange): TextRange => {
  const r = (n as YamlNode | null)?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
};

/** The string a mapping key converts to (scalars by value; others as JSON-ish text). */
export function keyText(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return String(key.value);
  return String(key);
}

/**
 * Positions of the plain data converted from YAML. Each object and array of the data keeps its YAML
 * node; key, value and item ranges are looked up on demand. A value reached through an alias has the
 * alias's range.
 */
export class SourceLocations {
  private readonly byContainer = new WeakMap<object, ContainerSource>();
  private readonly built = new WeakMap<object, BuiltLocation>();

  constructor(readonly documentRange: TextRange) {}

  set(container: object, loc: ContainerSource): void {
    this.byContainer.set(container, loc);
  }

  setBuilt(container: object, loc: BuiltLocation): void {
    this.built.set(container, loc);
  }

  /** The ranges recorded for a container by the fast path (fast-parse.ts), if it was built there. */
  builtOf(container: object): BuiltLocation | undefined {
    return this.built.get(container);
  }

  /** The YAML node a container came from (and the alias range when it was reached through one). */
  source(container: object): ContainerSource | undefined {
    return this.byContainer.get(container);
  }

  /** All ranges of a container: its keys and values, or its items. */
  of(container: object): ContainerLocation | undefined {
    const src = this.byContainer.get(container) ?? this.built.get(container);
    if (!src) return undefined;
    const range = this.rangeOf(container);
    if (Array.isArray(container)) return { kind: 'seq', range, items: container.map((_, i) => this.itemRange(container, i)) };
    return { kind: 'map', range, pairs: new Map(this.pairs(container)) };
  }

  /** The range of a whole object or array (the document's range when unknown). */
  rangeOf(container: unknown): TextRange {
    if (!isContainer(container)) return this.documentRange;
    const loc = this.byContainer.get(container);
    if (!loc) return this.built.get(container)?.range ?? this.documentRange;
    return loc.at ?? rangeOfNode(loc.node, this.documentRange);
  }

  /** Key and value ranges of `key` in an object (the last pair of that key, whose value is used). */
  pair(obj: unknown, key: string): PairLocation | undefined {
    if (!isContainer(obj)) return undefined;
    const loc = this.byContainer.get(obj);
    if (!loc) {
      const pairs = this.built.get(obj)?.pairs;
      if (pairs) for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i][0] === key) return pairs[i][1];
      return undefined;
    }
    const items = loc.node.items as unknown[];
    for (let i = items.length - 1; i >= 0; i--) {
      const p = items[i] as { key?: unknown; value?: unknown } | null;
      if (!p || typeof p !== 'object' || !('key' in p)) return undefined; // a sequence
      if (keyText(p.key) !== key) continue;
      if (loc.at) return { key: loc.at, value: loc.at };
      const k = rangeOfNode(p.key, this.rangeOf(obj));
      return { key: k, value: rangeOfNode(p.value, k) };
    }
    return undefined;
  }

  /** Every key of an object with its ranges, in document order. */
  pairs(obj: unknown): Array<[string, PairLocation]> {
    if (!isContainer(obj) || Array.isArray(obj)) return [];
    const loc = this.byContainer.get(obj);
    if (!loc) return [...(this.built.get(obj)?.pairs ?? [])];
    const out: Array<[string, PairLocation]> = [];
    for (const item of loc.node.items as unknown[]) {
      const p = item as { key?: unknown; value?: unknown } | null;
      if (!p || typeof p !== 'object' || !('key' in p)) continue;
      if (loc.at) out.push([keyText(p.key), { key: loc.at, value: loc.at }]);
      else {
        const k = rangeOfNode(p.key, this.rangeOf(obj));
        out.push([keyText(p.key), { key: k, value: rangeOfNode(p.value, k) }]);
      }
    }
    return out;
  }

  keyRange(obj: unknown, key: string): TextRange {
    return this.pair(obj, key)?.key ?? this.rangeOf(obj);
  }

  valueRange(obj: unknown, key: string): TextRange {
    return this.pair(obj, key)?.value ?? this.rangeOf(obj);
  }

  itemRange(arr: unknown, index: number): TextRange {
    if (!Array.isArray(arr)) return this.documentRange;
    const loc = this.byContainer.get(arr);
    if (!loc) return this.built.get(arr)?.items?.[index] ?? this.rangeOf(arr);
    if (loc.at) return loc.at;
    const item = (loc.node.items as unknown[])[index];
    return item === undefined ? this.rangeOf(arr) : rangeOfNode(item, this.rangeOf(arr));
  }

  /**
   * Follows a path from `root`. Returns the range of the value it ends on, the key range of its last
   * step (for objects), and whether the whole path was found.
   */
  resolve(root: unknown, path: JsonPath): { value: TextRange; key?: TextRange; found: boolean } {
    let cur: unknown = root;
    let range = this.rangeOf(root);
    let key: TextRange | undefined;
    for (const step of path) {
      if (Array.isArray(cur) && typeof step === 'number') {
        range = this.itemRange(cur, step);
        key = undefined;
        cur = cur[step];
      } else if (isContainer(cur) && !Array.isArray(cur) && typeof step === 'string') {
        const p = this.pair(cur, step);
        if (!p) return { value: range, key, found: false };
        range = p.value;
        key = p.key;
        cur = (cur as Record<string, unknown>)[step];
      } else {
        return { value: range, key, found: false };
      }
    }
    return { value: range, key, found: true };
  }
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}
