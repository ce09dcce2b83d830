import { oneLine } from './style';

/** A plain text table: columns padded to their widest cell, two spaces apart, no trailing blanks. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = '  ', align: ReadonlyArray<'l' | 'r'> = []): string[] {
  const all = [headers, ...rows].map((r) => r.map((c) => oneLine(c)));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) =>
    `${indent}${r
      .map((c, i) => {
        if (i === r.length - 1 && align[i] !== 'r') return c;
        return align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]);
      })
      .join('  ')}`.trimEnd(),
  );
}
