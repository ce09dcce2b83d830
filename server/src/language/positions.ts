import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceLocations } from '../core/parse/locations';
import type { TextRange } from '../core/types';

/** The edge between the core's UTF-16 offsets and LSP line/character positions. */
export function toRange(doc: TextDocument, r: TextRange): Range {
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}

export function toOffset(doc: TextDocument, p: Position): number {
  return doc.offsetAt(p);
}

function contains(r: TextRange, offset: number): boolean {
  return r.start <= offset && offset <= r.end;
}

/** A scalar's range without its quotes: `"nic0"` -> `nic0`. */
export function unquoted(text: string, r: TextRange): TextRange {
  const first = text[r.start];
  if (r.end - r.start >= 2 && (first === '"' || first === "'") && text[r.end - 1] === first) return { start: r.start + 1, end: r.end - 1 };
  return r;
}

export type PathStep = string | number;

/** What sits at an offset: a mapping key, or a scalar value (in a mapping or a list). */
export interface NodeAt {
  kind: 'key' | 'value';
  /** for a key: the path of its value; for a value: its own path */
  path: PathStep[];
  /** the key's range, or the scalar's range (quotes included) */
  range: TextRange;
  /** the key, or the scalar value */
  value: unknown;
  /** the object or array holding it */
  container: object;
}

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;

/**
 * Finds the key or scalar at `offset` by walking the converted data and its source locations.
 * Containers reached through an alias sit on the alias: nothing inside them is returned.
 */
export function nodeAt(text: string, data: unknown, locations: SourceLocations, offset: number): NodeAt | undefined {
  let cur: unknown = data;
  const path: PathStep[] = [];
  for (let depth = 0; depth < 128 && isContainer(cur); depth++) {
    let next: unknown;
    let found = false;
    if (Array.isArray(cur)) {
      for (let i = 0; i < cur.length; i++) {
        const r = locations.itemRange(cur, i);
        if (!contains(r, offset)) continue;
        if (text[r.start] === '*') return undefined;
        const item: unknown = cur[i];
        path.push(i);
        if (!isContainer(item)) return { kind: 'value', path, range: r, value: item, container: cur };
        next = item;
        found = true;
        break;
      }
    } else {
      for (const key of Object.keys(cur)) {
        const p = locations.pair(cur, key);
        if (!p) continue;
        if (contains(p.key, offset)) return { kind: 'key', path: [...path, key], range: p.key, value: key, container: cur };
        if (p.value === p.key || !contains(p.value, offset)) continue;
        if (text[p.value.start] === '*') return undefined;
        const v: unknown = (cur as Record<string, unknown>)[key];
        path.push(key);
        if (!isContainer(v)) return { kind: 'value', path, range: p.value, value: v, container: cur };
        next = v;
        found = true;
        break;
      }
    }
    if (!found) return undefined;
    cur = next;
  }
  return undefined;
}
