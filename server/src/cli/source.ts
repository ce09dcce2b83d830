import { decodeUtf8 } from '../core/parse/text-checks';

/** A layout's bytes as text for validate(): UTF-8 decoded, the byte-order mark removed. */
export interface SourceText {
  /** the text without a leading byte-order mark, so that columns match what editors show */
  text: string;
  /** offset in `text` of the first byte that is not valid UTF-8 */
  badByte?: { byteOffset: number; textOffset: number; value: number };
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(bytes: Uint8Array): SourceText {
  const decoded = decodeUtf8(bytes);
  const bom = decoded.text.charCodeAt(0) === 0xfeff && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bom ? decoded.text.slice(1) : decoded.text;
  if (decoded.badByte === undefined) return { text };
  const textOffset = textOffsetOfByte(bytes, decoded.badByte) - (bom ? 1 : 0);
  return { text, badByte: { byteOffset: decoded.badByte, textOffset, value: bytes[decoded.badByte] } };
}

/**
 * The UTF-16 offset in the decoded text (byte-order mark included) where the byte at `byteOffset`
 * starts. The bytes before it must be valid UTF-8 (true of the first invalid byte).
 */
function textOffsetOfByte(bytes: Uint8Array, byteOffset: number): number {
  return strict.decode(bytes.subarray(0, Math.min(byteOffset, bytes.length))).length;
}
