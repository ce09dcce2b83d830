/** Sizes: "<number><unit>" with binary units. */

export const UNITS: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
};

export const AMBIGUOUS_UNITS = new Set(['KB', 'MB', 'GB', 'TB']);

const SIZE_RE = /^([0-9]+(?:\.[0-9]+)?) ?(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)$/;

export interface ParsedSize {
  bytes: number;
  number: number;
  unit: string;
}

/** Sizes already parsed: a layout repeats a few values ("2GiB") across every partition, and every edit checks them all again. */
const parsed = new Map<string, Readonly<ParsedSize> | null>();
const MAX_REMEMBERED = 4096;

export function parseSize(value: unknown): Readonly<ParsedSize> | undefined {
  if (typeof value !== 'string') return undefined;
  const known = parsed.get(value);
  if (known !== undefined) return known ?? undefined;
  const m = SIZE_RE.exec(value);
  const size = m ? Object.freeze({ bytes: Math.round(Number(m[1]) * UNITS[m[2]]), number: Number(m[1]), unit: m[2] }) : null;
  if (parsed.size >= MAX_REMEMBERED) parsed.clear();
  if (value.length <= 64) parsed.set(value, size);
  return size ?? undefined;
}

export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;

/** Bytes in the largest binary unit that keeps the number readable: 1.5 GiB, 512 MiB, 4096 TiB. */
export function formatBytes(bytes: number): string {
  const neg = bytes < 0;
  let b = Math.abs(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (i < units.length - 1 && b >= 1024) {
    b /= 1024;
    i++;
  }
  const text = Number.isInteger(b) ? String(b) : b.toFixed(b < 10 ? 2 : 1).replace(/\.?0+$/, '');
  return `${neg ? '-' : ''}${text} ${units[i]}`;
}

/**
 * 1234567 -> "1,234,567", as `toLocaleString('en-US')` writes it. Whole numbers are grouped here:
 * the first `toLocaleString` of a page loads the locale data, which costs the preview's webview
 * tens of milliseconds.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}
