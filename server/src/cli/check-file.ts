import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SeveritySetting } from '../core/types';
import { validate, type ValidateResult } from '../core/validate';
import type { Target } from './discover';
import { describeFsError } from './errors';
import type { CliIo } from './io';
import { decodeSource, type SourceText } from './source';

/** Reading one layout (a file or standard input) and running validate() on it. */

const STDIN_NAME = '<stdin>';

export type ReadResult = { file: string; dir: string; bytes: Uint8Array } | { file: string; error: string };

export async function readTarget(target: Target, io: CliIo, stdinFilename: string | undefined): Promise<ReadResult> {
  if (target.kind === 'stdin') {
    const file = stdinFilename ?? STDIN_NAME;
    const dir = stdinFilename === undefined ? io.cwd : path.dirname(path.resolve(io.cwd, stdinFilename));
    try {
      return { file, dir, bytes: await io.readStdin() };
    } catch (e) {
      return { file, error: `cannot read standard input: ${describeFsError(e)}` };
    }
  }
  const abs = path.resolve(io.cwd, target.file);
  try {
    return { file: target.file, dir: path.dirname(abs), bytes: await fs.promises.readFile(abs) };
  } catch (e) {
    const broken = (e as NodeJS.ErrnoException).code === 'ENOENT' && isSymlink(abs) ? ' (a symbolic link to a file that does not exist)' : '';
    return { file: target.file, error: `cannot read ${target.file}: ${describeFsError(e)}${broken}` };
  }
}

function isSymlink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

export interface Checked {
  source: SourceText;
  result: ValidateResult;
}

/** Decodes the bytes and validates the text: the CLI's only way to a finding is validate(). */
export function checkBytes(bytes: Uint8Array, rules: Readonly<Record<string, SeveritySetting>>): Checked {
  const source = decodeSource(bytes);
  const result = validate(source.text, { rules });
  const bad = source.badByte;
  if (bad) {
    // validate() sees the replacement character the decoder put there; name the byte it stands for.
    const i = result.findings.findIndex((x) => x.rule === 'yaml-syntax' && x.range.start === bad.textOffset);
    if (i !== -1) {
      const hex = bad.value.toString(16).toUpperCase().padStart(2, '0');
      const message = `This is not UTF-8 text: the byte 0x${hex} here (byte ${bad.byteOffset} of the file) is not valid UTF-8; save the file as UTF-8.`;
      result.findings[i] = { ...result.findings[i], message };
    }
  }
  return { source, result };
}
