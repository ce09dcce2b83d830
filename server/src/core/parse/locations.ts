import type { TextRange } from '../types';

/** Where a key and its value sit in the text. `value` is the key's range when the value is empty. */
export interface PairLocation {
  key: TextRange;
  value: TextRange;
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

export type ContainerLocation = MapLocation | SeqLocation;

/** A JSON path: object keys and array indexes from the document root. */
export type JsonPath = ReadonlyArray<string | number>;

/**
 * Positions of the plain data converted from YAML. Each object and array of the data has a location;
 * scalars are found through their container. A value reached through an alias has the alias's range.
 */
export class SourceLocations {
  private readonly byContainer = new WeakMap<object, ContainerLocation>();

  constructor(readonly documentRange: TextRange) {}

  set(container: object, loc: ContainerLocation): void {
    this.byContainer.set(container, loc);
  }

  of(container: object): ContainerLocation | undefined {
    return this.byContainer.get(container);
  }

  /** The range of a whole object or array (the document's range when unknown). */
  rangeOf(container: unknown): TextRange {
    return (isContainer(container) && this.byContainer.get(container)?.range) || this.documentRange;
  }

  pair(obj: unknown, key: string): PairLocation | undefined {
    if (!isContainer(obj)) return undefined;
    const loc = this.byContainer.get(obj);
    return loc?.kind === 'map' ? loc.pairs.get(key) : undefined;
  }

  keyRange(obj: unknown, key: string): TextRange {
    return this.pair(obj, key)?.key ?? this.rangeOf(obj);
  }

  valueRange(obj: unknown, key: string): TextRange {
    return this.pair(obj, key)?.value ?? this.rangeOf(obj);
  }

  itemRange(arr: unknown, index: number): TextRange {
    if (!isContainer(arr)) return this.documentRange;
    const loc = this.byContainer.get(arr);
    return (loc?.kind === 'seq' && loc.items[index]) || this.rangeOf(arr);
  }

  /**
   * Follows a path from `root`. Returns the range of the value it ends on, the key range of its last
   * step (for objects), and the deepest value reached.
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
