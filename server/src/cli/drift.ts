import * as path from 'node:path';
import { driftReport } from '../hyperv/drift';
import type { CliArgs } from './args';
import { writeReport } from './check';
import { checkBytes, readTarget } from './check-file';
import { UsageError } from './errors';
import { loadFormatter } from './formatters/index';
import type { CliIo } from './io';
import { readInventoryFile } from './read-inventory';
import { parseRuleOptions, RuleResolver } from './rule-options';
import type { FileResult } from './types';

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
  // not a YAML document: nothing to compare; its syntax errors are the findings
  let findings = result.model ? driftReport({ ...result, model: result.model }, inventory, rules.rules) : result.findings;
  if (args.quiet) findings = findings.filter((f) => f.severity === 'error');
  const results: FileResult[] = [{ file: read.file, text: source.text, lines: result.parsed.lines, findings }];

  return writeReport(format, results, [], args, io);
}
