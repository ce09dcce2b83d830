import type { LayoutModel, Partition, Ref } from '../../core/model/types';
import type { SourceLocations } from '../../core/parse/locations';
import type { TextRange } from '../../core/types';

/** Model lookups by a diagnostic's range: which node of the layout a diagnostic sits on. */

export function sameRange(a: TextRange | undefined, b: TextRange): boolean {
  return a !== undefined && a.start === b.start && a.end === b.end;
}

/** The `hypervisor.drivers` entry at `range`. */
export function driverAt(model: LayoutModel, range: TextRange): Ref | undefined {
  return model.drivers.find((r) => sameRange(r.range, range));
}

/** The partition's `devices` entry at `range`, with its partition (extra roots included). */
export function deviceListingAt(model: LayoutModel, range: TextRange): { partition: Partition; ref: Ref } | undefined {
  for (const partition of model.allPartitions) {
    const ref = partition.devices.find((r) => sameRange(r.range, range));
    if (ref) return { partition, ref };
  }
  return undefined;
}

/** The partition whose `key` value (a string) sits at `range`. */
export function partitionWithValueAt(model: LayoutModel, key: string, range: TextRange): Partition | undefined {
  return model.allPartitions.find((p) => typeof p.raw[key] === 'string' && sameRange(model.locations.pair(p.raw, key)?.value, range));
}

/** The partition whose `key` key sits at `range`. */
export function partitionWithKeyAt(model: LayoutModel, key: string, range: TextRange): Partition | undefined {
  return model.allPartitions.find((p) => sameRange(model.locations.pair(p.raw, key)?.key, range));
}

/** The mapping (plain data) that has a key at `range`, searched from `data`. */
export function mappingWithKeyAt(data: unknown, locations: SourceLocations, range: TextRange): Record<string, unknown> | undefined {
  const visit = (value: unknown, depth: number): Record<string, unknown> | undefined => {
    if (typeof value !== 'object' || value === null || depth > 100) return undefined;
    const loc = locations.of(value);
    if (!loc || loc.range.start > range.start || loc.range.end < range.end) return undefined;
    if (loc.kind === 'seq') {
      for (const item of value as unknown[]) {
        const found = visit(item, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    const obj = value as Record<string, unknown>;
    for (const [key, pair] of loc.pairs) {
      if (sameRange(pair.key, range)) return obj;
      const found = visit(obj[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(data, 0);
}
