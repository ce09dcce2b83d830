import { isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { TextRange } from '../types';
import { keyText, SourceLocations } from './locations';

/** How many nodes aliases may expand to in one document before it counts as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;
/** Nesting deeper than this is cut off (no layout nests more than a handful of levels). */
export const MAX_DEPTH = 64;

export interface ConvertProblem {
  kind: 'alias-limit' | 'alias-cycle' | 'alias-unknown' | 'too-deep';
  /** the alias's name, for alias-unknown */
  name?: string;
  range: TextRange;
}

export interface Converted {
  data: unknown;
  locations: SourceLocations;
  problems: ConvertProblem[];
}

const nodeRange = (n: YamlNode | null | undefined, fallback: TextRange): TextRange => (n?.range ? { start: n.range[0], end: n.range[1] } : fallback);

/**
 * Turns a YAML AST into plain data (objects, arrays, scalars) and remembers each container's node.
 * Aliases are expanded into fresh copies positioned on the alias, within a budget; nesting is cut off
 * below MAX_DEPTH.
 */
export function convert(root: YamlNode | null, documentRange: TextRange, locations = new SourceLocations(documentRange)): Converted {
  const problems: ConvertProblem[] = [];
  let expanded = 0;
  let aliasLimitHit = false;
  const expanding = new Set<YamlNode>();
  // An alias refers to the closest preceding anchor of its name: anchors are registered as the walk
  // meets them in document order (not while expanding an alias).
  const anchors = new Map<string, YamlNode>();

  function walk(node: YamlNode | null, depth: number, at: TextRange | undefined): unknown {
    if (node === null || node === undefined) return null;
    if (at) {
      expanded++;
      if (expanded > MAX_ALIAS_EXPANSION) return null;
    }
    if (isScalar(node)) {
      if (node.anchor && !at) anchors.set(node.anchor, node);
      return node.value;
    }
    if (isAlias(node)) {
      const range = at ?? nodeRange(node, documentRange);
      if (aliasLimitHit) return null;
      const target = node.source ? anchors.get(node.source) : undefined;
      if (!target) {
        if (!at) problems.push({ kind: 'alias-unknown', range, name: node.source });
        return null;
      }
      if (expanding.has(target)) {
        problems.push({ kind: 'alias-cycle', range });
        return null;
      }
      expanding.add(target);
      const value = walk(target, depth, range);
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
      problems.push({ kind: 'too-deep', range: at ?? nodeRange(node, documentRange) });
      return null;
    }
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) || keyNode === null ? keyText(keyNode) : JSON.stringify(walk(keyNode, depth + 1, at));
        const value = walk(pair.value as YamlNode | null, depth + 1, at);
        // "__proto__" must become a plain own property, never the prototype.
        if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
        else obj[key] = value;
      }
      locations.set(obj, at ? { node, at } : { node });
      return obj;
    }
    if (isSeq(node)) {
      const arr: unknown[] = new Array(node.items.length);
      for (let i = 0; i < node.items.length; i++) arr[i] = walk(node.items[i] as YamlNode | null, depth + 1, at);
      locations.set(arr, at ? { node, at } : { node });
      return arr;
    }
    return null;
  }

  const data = walk(root, 0, undefined);
  return { data, locations, problems };
}
