import type { LayoutModel } from '../core/model/types';
import type { TextRange } from '../core/types';
import type { ValidateResult } from '../core/validate';
import { unquoted } from './positions';

export type NameKind = 'device' | 'partition' | 'switch';

/** One place a device id, a partition name or a switch name is written. */
export interface Occurrence {
  kind: NameKind;
  name: string;
  /** the name's characters (quotes excluded) */
  range: TextRange;
  /**
   * `host.devices[].id`, a partition's `name` or `host.switches[].name`; else a reference (a
   * `devices` entry of a partition or a switch, `gpuPartition`, `parent`, a `networkAdapters` entry)
   */
  definition: boolean;
}

/** Every device id, partition name and switch name of a layout, definitions and references, in document order. */
export class NameIndex {
  readonly all: Occurrence[];
  private readonly byName = new Map<string, Occurrence[]>();

  constructor(model: LayoutModel, text: string) {
    const out: Occurrence[] = [];
    const add = (kind: NameKind, name: string, r: TextRange, definition: boolean): void => {
      const range = unquoted(text, r);
      // Values reached through an alias, or written with escapes, cannot be navigated or renamed.
      if (text.slice(range.start, range.end) !== name) return;
      out.push({ kind, name, range, definition });
    };
    const loc = model.locations;
    for (const d of model.host.devices) add('device', d.id, loc.valueRange(d.raw, 'id'), true);
    for (const s of model.host.switches) {
      if (typeof s.raw.name === 'string') add('switch', s.raw.name, loc.valueRange(s.raw, 'name'), true);
      for (const ref of s.devices) add('device', ref.value, ref.range, false);
    }
    for (const p of model.allPartitions) {
      if (typeof p.raw.name === 'string') add('partition', p.raw.name, loc.valueRange(p.raw, 'name'), true);
      if (typeof p.raw.parent === 'string') add('partition', p.raw.parent, loc.valueRange(p.raw, 'parent'), false);
      for (const ref of p.devices) add('device', ref.value, ref.range, false);
      for (const ref of p.networkAdapters) add('switch', ref.value, ref.range, false);
      if (p.gpuPartition) add('device', p.gpuPartition.value, p.gpuPartition.range, false);
    }
    out.sort((a, b) => a.range.start - b.range.start);
    this.all = out;
    for (const o of out) {
      const k = key(o.kind, o.name);
      const list = this.byName.get(k);
      if (list) list.push(o);
      else this.byName.set(k, [o]);
    }
  }

  /** The occurrence under an offset (its end included, for a cursor just after a name). */
  at(offset: number): Occurrence | undefined {
    let lo = 0;
    let hi = this.all.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = this.all[mid];
      if (o.range.end < offset) lo = mid + 1;
      else if (o.range.start > offset) hi = mid - 1;
      else return o;
    }
    return undefined;
  }

  /** Every occurrence of a name, in document order. */
  of(kind: NameKind, name: string): Occurrence[] {
    return this.byName.get(key(kind, name)) ?? [];
  }

  definitionsOf(kind: NameKind, name: string): Occurrence[] {
    return this.of(kind, name).filter((o) => o.definition);
  }
}

const key = (kind: NameKind, name: string): string => `${kind}\u0000${name}`;

const cache = new WeakMap<ValidateResult, NameIndex>();

/** The name index of a validation result, built on first use and kept as long as the result. */
export function namesOf(result: ValidateResult): NameIndex | undefined {
  if (!result.model) return undefined;
  let index = cache.get(result);
  if (!index) {
    index = new NameIndex(result.model, result.parsed.text);
    cache.set(result, index);
  }
  return index;
}
