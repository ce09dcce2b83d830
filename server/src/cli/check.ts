import * as path from 'node:path';
import type { CliArgs } from './args';
import { checkBytes, readTarget } from './check-file';
import { discover } from './discover';
import type { CliIo } from './io';
import { packageVersion } from '../project-files';
import { loadFormatter } from './formatters/index';
import { parseRuleOptions, RuleResolver } from './rule-options';
import { wantsColor } from './style';
import { INTERNAL_ERROR } from '../core/rules/internal-error';
import { countSeverities, type FileFailure, type FileResult, type Formatter } from './types';

/** `partition-lint [check] PATH...`: returns the exit code (0 clean, 1 problems, 2 usage or unreadable). */
export async function runCheck(args: CliArgs, io: CliIo): Promise<number> {
  const overrides = parseRuleOptions(args.rules);
  const explicit = args.config === undefined ? undefined : RuleResolver.loadExplicit(path.resolve(io.cwd, args.config), args.config);
  const resolver = new RuleResolver(explicit, overrides, io.cwd);
  const format = await loadFormatter(args.format);

  const failures: FileFailure[] = [];
  const fail = (failure: FileFailure, printed = failure.message): void => {
    failures.push(failure);
    io.error(printed);
  };

  const { targets, problems } = await discover(args.paths, io.cwd);
  for (const p of problems) fail(p);

  const results: FileResult[] = [];
  const badConfigs = new Set<string>();
  for (const target of targets) {
    const read = await readTarget(target, io, args.stdinFilename);
    if ('error' in read) {
      fail({ file: read.file, message: read.error });
      continue;
    }
    const rules = resolver.forFolder(read.dir);
    if ('error' in rules) {
      // the config's own mistake once, then each file it keeps from being checked
      if (!badConfigs.has(rules.configFile)) io.error(rules.error);
      badConfigs.add(rules.configFile);
      failures.push({ file: read.file, message: `${read.file} was not checked: its config file ${rules.configFile} has a mistake` });
      continue;
    }
    const { source, result } = checkBytes(read.bytes, rules.rules);
    const findings = args.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
    results.push({ file: read.file, text: source.text, lines: result.parsed.lines, findings });
  }

  return writeReport(format, results, failures, args, io);
}

/**
 * Prints the report of checked files in the chosen format and returns `check`'s exit code (0 clean,
 * 1 problems or too many warnings, 2 files that could not be checked or a rule that threw). Shared
 * with `partition-lint drift`.
 */
export function writeReport(format: Formatter, results: FileResult[], failures: FileFailure[], args: CliArgs, io: CliIo): number {
  const color = wantsColor(args.color, io.env, io.stdoutIsTTY);
  io.out(format(results, { cwd: io.cwd, color, verbose: args.verbose, version: packageVersion(), failures }));

  const counts = countSeverities(results);
  const tooManyWarnings = !args.quiet && args.maxWarnings !== undefined && counts.warning > args.maxWarnings;
  if (tooManyWarnings) io.error(`${counts.warning} warning${counts.warning === 1 ? '' : 's'} found, more than --max-warnings ${args.maxWarnings} allows`);
  // a rule that threw (an internal-error finding, in the report above) is a bug: exit 2 as for other failures
  if (failures.length > 0 || results.some((r) => r.findings.some((f) => f.rule === INTERNAL_ERROR))) return 2;
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}
