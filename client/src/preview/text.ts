/**
 * Words and numbers as the preview writes them, shared by the extension host (which builds the
 * view) and the webview (pager, filter). Sizes use the one formatter of the CLI and the hover.
 */
import { formatBytes, formatCount, formatRanges } from '../../../server/src/protocol';

export { formatBytes, formatCount };

/** "1 VP", "2 VPs", "3 more children" (`many`: the plural when it is not word + s) */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/** Names a cell lists: the first few, then how many more. */
const NAMES_LISTED = 8;

/** "a, b, c", or "a, …, h and 3 more" beyond NAMES_LISTED names */
export function listNames(all: readonly string[]): string {
  return all.length <= NAMES_LISTED ? all.join(', ') : `${all.slice(0, NAMES_LISTED).join(', ')} and ${formatCount(all.length - NAMES_LISTED)} more`;
}

/** 0.4375 -> "0.44" */
export function fixed(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const p = (part / whole) * 100;
  if (p > 0 && p < 0.1) return '<0.1%';
  return `${p < 10 && p !== 0 && Math.round(p) !== p ? p.toFixed(1) : Math.round(p)}%`;
}

export function exactBytes(bytes: number): string {
  return `${formatCount(bytes)} bytes`;
}

/** [0,1,2,3,8,9] -> "0–3, 8–9" */
export const ranges = formatRanges;
