// PowerShell code and literals: the only place that turns values into script text. Everything the
// export writes is either code written here in templates (`ps`), or a value passed through one of the
// literal makers below; a plain string cannot be interpolated into code (the type system refuses it).

const CODE = Symbol('powershell code');

/** A piece of PowerShell, built only by this module's functions. */
export interface Code {
  readonly [CODE]: true;
  readonly text: string;
}

function code(text: string): Code {
  return { [CODE]: true, text };
}

/**
 * Code from a template whose fixed parts are PowerShell written by this project and whose
 * interpolations are Code (literals or other templates): `ps\`Set-VM -Name ${str(name)}\``.
 */
export function ps(strings: TemplateStringsArray, ...values: Code[]): Code {
  let out = strings[0];
  values.forEach((v, i) => (out += v.text + strings[i + 1]));
  return code(out);
}

/** Code pieces joined with a separator written by this project (`', '`, `' -or '`). */
export function join(parts: readonly Code[], separator: ', ' | ' -or ' | ' -and ' | ' '): Code {
  return code(parts.map((p) => p.text).join(separator));
}

// Printable ASCII except the single quote: written as is inside '…'.
const PLAIN = /^[\x20-\x26\x28-\x7e]$/;

/**
 * A string literal. PowerShell reads ' and also ‘ ’ ‚ ‛ as single quotes, and Windows PowerShell 5.1
 * reads a file without a byte-order mark as ANSI, where the UTF-8 bytes of other characters can turn
 * into such quotes. So the literal is pure ASCII: printable characters in '…' with ' doubled, and
 * every other character (non-ASCII, line breaks, controls) as a [char] code joined on:
 * `'it''s'`, `('caf' + [char]0x00E9)`. The value is the text exactly, and nothing in it is code.
 */
export function str(value: string): Code {
  const parts: string[] = [];
  let run = '';
  for (const ch of value) {
    if (ch === "'") run += "''";
    else if (PLAIN.test(ch)) run += ch;
    else {
      if (run) parts.push(`'${run}'`);
      run = '';
      for (let i = 0; i < ch.length; i++) parts.push(`[char]0x${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }
  if (run || parts.length === 0) parts.push(`'${run}'`);
  return code(parts.length === 1 ? parts[0] : `(${parts.join(' + ')})`);
}

/** A whole number written exactly (bytes, counts, percents). Throws on anything else: a bug, not input. */
export function int(value: number | bigint): Code {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`not an exact integer: ${value}`);
  return code(String(value));
}

export function bool(value: boolean): Code {
  return code(value ? '$true' : '$false');
}

/** A bare word for an enum value or a fixed identifier (`TurnOff`, `On`): letters and digits only. */
export function word(value: string): Code {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(value)) throw new Error(`not a PowerShell word: ${value}`);
  return code(value);
}

/**
 * Free text for a one-line comment, in printable ASCII: every other character (CR, LF, NEL, line and
 * paragraph separators, controls, anything non-ASCII) is shown as \uXXXX. A line comment ends only at
 * a line break, so the text cannot leave the comment, in whatever encoding the script is read.
 */
export function commentText(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0x20 && cp <= 0x7e ? ch : cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}
