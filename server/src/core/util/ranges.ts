/**
 * Numbers as runs, written as the layout writes an LP range: [0,1,2,3,8,9] -> "0-3, 8-9". The one
 * formatter of logical-processor sets: CLI, diagnostics, hover, preview and exported scripts.
 */
export function formatRanges(values: readonly number[]): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(', ');
}
