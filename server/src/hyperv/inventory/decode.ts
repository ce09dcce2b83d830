/**
 * The text of an inventory file as PowerShell writes it: Windows PowerShell 5.1's `>` and `Out-File`
 * write UTF-16 LE with a byte-order mark, PowerShell 7 and `-Encoding utf8` write UTF-8 (5.1 with a
 * byte-order mark, 7 without). CRLF line ends need nothing: JSON treats them as white space.
 */
export function decodeInventoryText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  // UTF-16 LE without a byte-order mark (`[IO.File]::WriteAllText` with Encoding.Unicode's bytes
  // copied elsewhere): JSON starts with an ASCII character, so its second byte is 0.
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
