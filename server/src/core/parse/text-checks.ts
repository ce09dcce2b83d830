/** Checks on raw input before YAML parsing: is it UTF-8 text at all? */

export interface DecodeResult {
  text: string;
  /** Byte offset of the first byte that is not valid UTF-8, when there is one. */
  badByte?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes bytes as UTF-8 (keeping a byte-order mark in the text); reports the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { text: lenient.decode(bytes), badByte: firstInvalidByte(bytes) };
  }
}

function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    // overlongs and surrogates
    if (n === 2 && ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] > 0x9f))) return i;
    if (n === 3 && ((c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] > 0x8f))) return i;
    i += n + 1;
  }
  return b.length;
}

/**
 * Finds the first character that cannot appear in a text file: NUL and other C0 controls (except tab,
 * line feed, carriage return), DEL... and U+FFFD, which an editor puts where the bytes were not UTF-8.
 * Returns its offset and a description, or undefined for clean text.
 */
export function findNonText(text: string): { offset: number; what: string } | undefined {
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.exec(text);
  if (!m) return undefined;
  const ch = m[0];
  if (ch === '\ufffd') return { offset: m.index, what: 'a replacement character (U+FFFD): the file holds bytes that are not valid UTF-8' };
  const code = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { offset: m.index, what: `the control character U+${code}: this looks like a binary file, not YAML text` };
}

/** Nesting deeper than this is refused before the YAML parser sees it (its recursion would overflow). */
export const MAX_PARSE_NESTING = 256;

/**
 * The offset where collections nest more than MAX_PARSE_NESTING levels deep, or undefined. Flow
 * brackets are counted outside quotes and comments; block nesting shows as deep indentation or as a
 * long run of `- ` on one line. (A real layout nests about five levels.)
 */
export function findDeepNesting(text: string): number | undefined {
  const block = /(?:^|\n)( {512,}|(?:- +){256,})/.exec(text);
  if (block) return block.index + (text[block.index] === '\n' ? 1 : 0);
  // Jump from one flow collection to the next; inside one, count brackets outside quotes and
  // comments until it closes. The scanned stretches never overlap: linear, and cheap for block YAML.
  const opener = /[[{]/g;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    // An opener inside a quoted scalar or a comment of its line starts nothing: skip past it.
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const skip = skipQuoted(text, lineStart, m.index);
    if (skip !== undefined) {
      opener.lastIndex = skip;
      continue;
    }
    let depth = 0;
    let quote = 0;
    let i = m.index;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
        else if (c === 0x5c /* \ */ && quote === 0x22) i++;
        continue;
      }
      if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        if (++depth > MAX_PARSE_NESTING) return i;
      } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
        if (--depth <= 0) break;
      } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        quote = c;
      } else if (c === 0x23 /* # */ && /\s/.test(text[i - 1] ?? ' ')) {
        const nl = text.indexOf('\n', i);
        if (nl === -1) break;
        i = nl;
      }
    }
    opener.lastIndex = i + 1;
  }
  return undefined;
}

/**
 * When `at` lies inside a quoted scalar or a comment that starts on its line (between lineStart and
 * at), the offset just after that scalar or comment; else undefined.
 */
function skipQuoted(text: string, lineStart: number, at: number): number | undefined {
  let quote = '';
  let openedAt = -1;
  for (let i = lineStart; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', at);
      return nl === -1 ? text.length : nl;
    }
    if ((c === '"' || c === "'") && (i === lineStart || /[\s:,[{-]/.test(text[i - 1]))) {
      quote = c;
      openedAt = i;
    }
  }
  if (!quote || openedAt < 0) return undefined;
  const close = text.indexOf(quote, at);
  return close === -1 ? text.length : close + 1;
}
