import { allocationModel } from '../core/model/allocation';
import { INTERNAL_ERROR } from '../core/rules/internal-error';
import type { CliArgs } from './args';
import { formatAllocationText } from './allocation-text';
import { fileRows } from './formatters/stylish';
import type { CliIo } from './io';
import { checkOneLayout } from './one-layout';
import { makeStyle } from './style';

/** `partition-lint allocation FILE [--format text|json]`: the ownership and allocation model (docs/allocation-json.md). */
export async function runAllocation(args: CliArgs, io: CliIo): Promise<number> {
  const checked = await checkOneLayout(args, io);
  if ('exit' in checked) return checked.exit;
  const { source, result } = checked;
  const read = { file: checked.file };
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
