import { isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { TextRange } from '../types';
import { SourceLocations, type MapLocation, type SeqLocation } from './locations';

/** How many nodes aliases may expand to in one document before it counts as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;
/** Nesting deeper than this is cut off (no layout nests more than a handful of levels). */
export const MAX_DEPTH = 64;

export interface ConvertProblem {
  kind: 'alias-limit' | 'alias-cycle' | 'too-deep';
  range: TextRange;
}

export interface Converted {
  data: unknown;
  locations: SourceLocations;
  problems: ConvertProblem[];
}

/**
 * Turns a YAML AST into plain data (null-prototype objects, arrays, scalars) while recording where
 * every object, array, key and item sits. Aliases are expanded into fresh copies positioned on the
 * alias, within a budget; nesting is cut off below MAX_DEPTH.
 */
export function convert(root: YamlNode | null, documentRange: TextRange): Converted {
  const locations = new SourceLocations(documentRange);
  const problems: ConvertProblem[] = [];
  let expanded = 0;
  let aliasLimitHit = false;
  const expanding = new Set<YamlNode>();
  // An alias refers to the closest preceding anchor of its name: anchors are registered as the walk
  // meets them in document order (not while expanding an alias).
  const anchors = new Map<string, YamlNode>();

  const rangeOf = (n: YamlNode | null | undefined, fallback: TextRange): TextRange =>
    n?.range ? { start: n.range[0], end: n.range[1] } : fallback;

  function walk(node: YamlNode | null, depth: number, at: TextRange | undefined, fallback: TextRange): unknown {
    if (node === null || node === undefined) return null;
    if (at) {
      expanded++;
      if (expanded > MAX_ALIAS_EXPANSION) return null;
    }
    if (isAlias(node)) {
      const range = at ?? rangeOf(node, fallback);
      if (aliasLimitHit) return null;
      const target = node.source ? anchors.get(node.source) : undefined;
      if (!target) return null;
      if (expanding.has(target)) {
        problems.push({ kind: 'alias-cycle', range });
        return null;
      }
      expanding.add(target);
      const value = walk(target, depth, range, range);
      expanding.delete(target);
      if (expanded > MAX_ALIAS_EXPANSION && !aliasLimitHit) {
        aliasLimitHit = true;
        problems.push({ kind: 'alias-limit', range });
      }
      return value;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && !at) anchors.set(anchor, node);
    if (depth > MAX_DEPTH) {
      problems.push({ kind: 'too-deep', range: at ?? rangeOf(node, fallback) });
      return null;
    }
    if (isScalar(node)) return node.value;
    if (isMap(node)) {
      const obj: Record<string, unknown> = Object.create(null);
      const range = at ?? rangeOf(node, fallback);
      const loc: MapLocation = { kind: 'map', range, pairs: new Map() };
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = keyString(keyNode, depth);
        const keyRange = at ?? rangeOf(keyNode, range);
        const valueNode = pair.value as YamlNode | null;
        const valueRange = at ?? (valueNode?.range ? rangeOf(valueNode, keyRange) : keyRange);
        obj[key] = walk(valueNode, depth + 1, at, valueRange);
        loc.pairs.set(key, { key: keyRange, value: valueRange });
      }
      locations.set(obj, loc);
      return obj;
    }
    if (isSeq(node)) {
      const arr: unknown[] = [];
      const range = at ?? rangeOf(node, fallback);
      const loc: SeqLocation = { kind: 'seq', range, items: [] };
      for (const item of node.items) {
        const itemNode = item as YamlNode | null;
        const itemRange = at ?? rangeOf(itemNode, range);
        arr.push(walk(itemNode, depth + 1, at, itemRange));
        loc.items.push(itemRange);
      }
      locations.set(arr, loc);
      return arr;
    }
    return null;
  }


  function keyString(keyNode: YamlNode | null, depth: number): string {
    if (keyNode === null || keyNode === undefined) return '';
    if (isScalar(keyNode)) return String(keyNode.value);
    return JSON.stringify(walk(keyNode, depth + 1, undefined, { start: 0, end: 0 }));
  }

  const data = walk(root, 0, undefined, documentRange);
  return { data, locations, problems };
}
