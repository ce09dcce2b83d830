import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliArgs } from './args';
import { checkBytes, readTarget, type Checked } from './check-file';
import { describeFsError } from './errors';
import type { CliIo } from './io';
import { parseRuleOptions, RuleResolver } from './rule-options';

/**
 * The one layout a command such as `allocation` or `export` takes (a file or `-`), read and validated
 * with the rule settings that apply to it. On failure it has told the user and gives the exit code.
 */
export async function checkOneLayout(args: CliArgs, io: CliIo): Promise<(Checked & { file: string }) | { exit: number }> {
  const overrides = parseRuleOptions(args.rules);
  const explicit = args.config === undefined ? undefined : RuleResolver.loadExplicit(path.resolve(io.cwd, args.config), args.config);
  const resolver = new RuleResolver(explicit, overrides, io.cwd);
  const arg = args.paths[0];
  if (arg !== '-') {
    try {
      if (fs.statSync(path.resolve(io.cwd, arg)).isDirectory()) {
        io.error(`${args.command} needs one layout file, and ${arg} is a folder: name a *.partition.yaml file in it`);
        return { exit: 2 };
      }
    } catch (e) {
      io.error(`cannot read ${arg}: ${describeFsError(e)}`);
      return { exit: 2 };
    }
  }
  const read = await readTarget(arg === '-' ? { kind: 'stdin' } : { kind: 'file', file: arg }, io, args.stdinFilename);
  if ('error' in read) {
    io.error(read.error);
    return { exit: 2 };
  }
  const rules = resolver.forFolder(read.dir);
  if ('error' in rules) {
    io.error(rules.error);
    return { exit: 2 };
  }
  return { file: read.file, ...checkBytes(read.bytes, rules.rules) };
}
