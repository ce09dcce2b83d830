import type { SourceLocations } from '../src/core/parse/locations';

/** Every position the locations hold for the data, one line each, to compare two parses. */
export function describeLocations(data: unknown, loc: SourceLocations, out: string[] = [], path = '$'): string[] {
  if (data === null || typeof data !== 'object') return out;
  const r = loc.rangeOf(data);
  out.push(`${path} @${r.start}-${r.end}`);
  if (Array.isArray(data)) {
    data.forEach((v, i) => {
      const ir = loc.itemRange(data, i);
      out.push(`${path}[${i}] @${ir.start}-${ir.end}`);
      describeLocations(v, loc, out, `${path}[${i}]`);
    });
  } else {
    for (const [k, p] of loc.pairs(data)) out.push(`${path}.${k} key@${p.key.start}-${p.key.end} value@${p.value.start}-${p.value.end}`);
    for (const [k, v] of Object.entries(data)) {
      const p = loc.pair(data, k);
      out.push(`${path}.${k} last key@${p?.key.start}-${p?.key.end}`);
      describeLocations(v, loc, out, `${path}.${k}`);
    }
  }
  return out;
}
