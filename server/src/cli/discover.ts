import * as fs from 'node:fs';
import * as path from 'node:path';
import { findLayoutFiles } from '../files/find-layout-files';
import { LAYOUT_SUFFIX, SKIPPED_FOLDERS } from '../names';
import { describeFsError } from './errors';
import type { FileFailure } from './types';

type Tinyglobby = typeof import('tinyglobby');
/** Loaded on the first glob (a cold run on plain file paths does without it). */
let globber: Tinyglobby | undefined;
function tinyglobby(): Tinyglobby {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundler must take tinyglobby's CommonJS build: its ESM build (through fdir) calls createRequire(import.meta.url), undefined in the CommonJS bundle dist/cli.js
  globber ??= require('tinyglobby') as Tinyglobby;
  return globber;
}
/** Characters without which no pattern is a glob (tinyglobby then need not be asked). */
const GLOB_CHARS = /[*?[\]{}()!+@\\]/;

/** Turns the PATH arguments into the files to check (README, "Command line"; `--help`): files, folders, globs and `-`. */

export type Target = { kind: 'file'; file: string } | { kind: 'stdin' };

export interface Discovery {
  /** in argument order, each file once */
  targets: Target[];
  /** a path that matches nothing or cannot be read */
  problems: FileFailure[];
}

export async function discover(paths: readonly string[], cwd: string): Promise<Discovery> {
  const targets: Target[] = [];
  const problems: FileFailure[] = [];
  const seen = new Set<string>();
  let stdin = false;
  const add = (file: string): void => {
    const key = path.resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ kind: 'file', file });
  };

  for (const p of paths) {
    if (p === '-') {
      if (!stdin) targets.push({ kind: 'stdin' });
      stdin = true;
      continue;
    }
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats | undefined;
    let statError: unknown;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      statError = e;
    }
    if (stat?.isDirectory()) {
      const search = await findLayoutFiles(abs);
      for (const { folder, error } of search.unreadable) problems.push({ message: `cannot read the folder ${shownPath(p, abs, folder)}: ${describeFsError(error)}` });
      if (search.files.length === 0) problems.push({ message: `no *${LAYOUT_SUFFIX} files in the folder ${p}` });
      for (const file of search.files) add(shownPath(p, abs, file));
    } else if (stat) {
      add(p);
    } else if ((statError as NodeJS.ErrnoException).code === 'ENOENT' && isGlob(p)) {
      const matches = await globFiles(p, cwd);
      if (matches.length === 0) problems.push({ message: `no files match the pattern ${p}` });
      matches.forEach(add);
    } else if (isBrokenLink(abs)) {
      // A dangling symbolic link: reading it reports the problem with the other files.
      add(p);
    } else {
      problems.push({ file: p, message: `cannot read ${p}: ${describeFsError(statError)}` });
    }
  }
  return { targets, problems };
}

/** A path found under the folder argument `shown` (at `abs`), as the user would write it. */
function shownPath(shown: string, abs: string, found: string): string {
  return found === abs ? shown : path.join(shown, path.relative(abs, found));
}

function isBrokenLink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function isGlob(p: string): boolean {
  return GLOB_CHARS.test(p) && tinyglobby().isDynamicPattern(p);
}

async function globFiles(pattern: string, cwd: string): Promise<string[]> {
  const matches = await tinyglobby().glob(pattern, {
    cwd,
    absolute: path.isAbsolute(pattern),
    onlyFiles: true,
    expandDirectories: false,
    ignore: [...SKIPPED_FOLDERS].map((folder) => `**/${folder}/**`),
  });
  // tinyglobby returns paths relative to cwd with forward slashes; show them the platform's way
  return matches.map((m) => path.normalize(m)).sort();
}
