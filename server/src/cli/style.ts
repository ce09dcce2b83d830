/** ANSI styling, applied only when colour is on (a terminal without NO_COLOR, or --color). */

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const code =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

const colored: Style = {
  red: code(31, 39),
  yellow: code(33, 39),
  blue: code(34, 39),
  green: code(32, 39),
  dim: code(2, 22),
  bold: code(1, 22),
  underline: code(4, 24),
};

const identity = (s: string): string => s;
const plain: Style = { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, bold: identity, underline: identity };

export function makeStyle(color: boolean): Style {
  return color ? colored : plain;
}

/** Colour when asked (--color / --no-color), else FORCE_COLOR, else NO_COLOR, else whether the stream is a terminal. */
export function wantsColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** Text for one terminal line: newlines become spaces and control characters are made visible. */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\s*\r?\n\s*/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
