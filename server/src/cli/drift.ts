import * as path from 'node:path';
import { findDirectives, applyDirectives } from '../core/suppress';
import { applySeverities } from '../core/validate';
import { driftFindings } from '../hyperv/drift';
import type { CliArgs } from './args';
import { checkBytes, readTarget } from './check-file';
import { UsageError } from './errors';
import { loadFormatter } from './formatters/index';
import type { CliIo } from './io';
import { packageVersion } from './io';
import { readInventoryFile } from './read-inventory';
import { parseRuleOptions, RuleResolver } from './rule-options';
import { wantsColor } from './style';
import { countSeverities, type FileResult } from './types';

/**
 * `partition-lint drift FILE --inventory INVENTORY`: the differences between a layout and its host as
 * drift-* findings, in every output format of `check`, with its severities, suppressions and exit codes.
 */
export async function runDrift(args: CliArgs, io: CliIo): Promise<number> {
  if (args.inventory === undefined) throw new UsageError(`drift needs the host's inventory: partition-lint drift ${args.paths[0]} --inventory INVENTORY`);
  const overrides = parseRuleOptions(args.rules);
  const explicit = args.config === undefined ? undefined : RuleResolver.loadExplicit(path.resolve(io.cwd, args.config), args.config);
  const resolver = new RuleResolver(explicit, overrides, io.cwd);
  const format = await loadFormatter(args.format);

  const arg = args.paths[0];
  const read = await readTarget(arg === '-' ? { kind: 'stdin' } : { kind: 'file', file: arg }, io, args.stdinFilename);
  if ('error' in read) throw new UsageError(read.error);
  const rules = resolver.forFolder(read.dir);
  if ('error' in rules) throw new UsageError(rules.error);
  const inventory = await readInventoryFile(args.inventory, io);

  const { source, result } = checkBytes(read.bytes, rules.rules);
  let findings;
  if (result.model) {
    const raw = applySeverities(driftFindings(result.model, inventory), rules.rules);
    findings = applyDirectives(raw, findDirectives(source.text, result.parsed.lines), result.parsed.lines, false);
    findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  } else {
    // not a YAML document: nothing to compare; its syntax errors are the findings
    findings = result.findings;
  }
  if (args.quiet) findings = findings.filter((f) => f.severity === 'error');
  const results: FileResult[] = [{ file: read.file, text: source.text, lines: result.parsed.lines, findings }];

  const color = wantsColor(args.color, io.env, io.stdoutIsTTY);
  io.out(format(results, { cwd: io.cwd, color, verbose: args.verbose, version: packageVersion(), failures: [] }));
  const counts = countSeverities(results);
  const tooManyWarnings = !args.quiet && args.maxWarnings !== undefined && counts.warning > args.maxWarnings;
  if (tooManyWarnings) io.error(`${counts.warning} warning${counts.warning === 1 ? '' : 's'} found, more than --max-warnings ${args.maxWarnings} allows`);
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}
