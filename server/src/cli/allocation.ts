import * as fs from 'node:fs';
import * as path from 'node:path';
import { allocationModel } from '../core/model/allocation';
import { INTERNAL_ERROR } from '../core/rules/internal-error';
import type { CliArgs } from './args';
import { formatAllocationText } from './allocation-text';
import { checkBytes, readTarget } from './check-file';
import { describeFsError } from './errors';
import { fileRows } from './formatters/stylish';
import type { CliIo } from './io';
import { parseRuleOptions, RuleResolver } from './rule-options';
import { makeStyle } from './style';

/** `partition-lint allocation FILE [--format text|json]`: the ownership and allocation model (docs/allocation-json.md). */
export async function runAllocation(args: CliArgs, io: CliIo): Promise<number> {
  const overrides = parseRuleOptions(args.rules);
  const explicit = args.config === undefined ? undefined : RuleResolver.loadExplicit(path.resolve(io.cwd, args.config), args.config);
  const resolver = new RuleResolver(explicit, overrides, io.cwd);

  const arg = args.paths[0];
  if (arg !== '-') {
    try {
      if (fs.statSync(path.resolve(io.cwd, arg)).isDirectory()) {
        io.error(`allocation needs one layout file, and ${arg} is a folder: name a *.partition.yaml file in it`);
        return 2;
      }
    } catch (e) {
      io.error(`cannot read ${arg}: ${describeFsError(e)}`);
      return 2;
    }
  }
  const read = await readTarget(arg === '-' ? { kind: 'stdin' } : { kind: 'file', file: arg }, io, args.stdinFilename);
  if ('error' in read) {
    io.error(read.error);
    return 2;
  }
  const rules = resolver.forFolder(read.dir);
  if ('error' in rules) {
    io.error(rules.error);
    return 2;
  }
  const { source, result } = checkBytes(read.bytes, rules.rules);
  if (!result.model) {
    const errors = result.findings.filter((f) => f.severity === 'error');
    const shown = errors.length > 0 ? errors : result.findings;
    if (shown.length === 0) {
      io.error(`${read.file} is not well-formed YAML, so it has no allocation (its yaml-syntax problems are turned off or suppressed)`);
      return 1;
    }
    io.error(`${read.file} is not well-formed YAML, so it has no allocation; fix these first:`);
    io.err(`${fileRows({ file: read.file, text: source.text, lines: result.parsed.lines, findings: shown }, makeStyle(false), false).join('\n')}\n`);
    return 1;
  }
  const model = allocationModel(result.model, result.findings, result.parsed.lines);
  io.out(args.format === 'json' ? `${JSON.stringify(model, null, 2)}\n` : formatAllocationText(model));
  const internal = result.findings.filter((f) => f.rule === INTERNAL_ERROR);
  for (const f of internal) io.error(`${read.file}: ${f.message}`);
  return internal.length > 0 ? 2 : 0;
}
