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
