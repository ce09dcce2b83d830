import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportLayout } from '../hyperv/export/export-layout';
import type { CliArgs } from './args';
import { describeFsError } from './errors';
import { fileRows } from './formatters/stylish';
import type { CliIo } from './io';
import { checkOneLayout } from './one-layout';
import { makeStyle } from './style';

/**
 * `partition-lint export FILE [--undo] [--output FILE]`: the layout as a Hyper-V PowerShell script
 * (README "Export", docs/decisions.md). A layout with errors is refused: exit 1, its errors in stylish form, no script.
 */
export async function runExport(args: CliArgs, io: CliIo): Promise<number> {
  const checked = await checkOneLayout(args, io);
  if ('exit' in checked) return checked.exit;
  const { source, result } = checked;
  const read = { file: checked.file };
  const exported = exportLayout(result, { file: read.file, undo: args.undo });
  if (!exported.ok) {
    const why = exported.reason === 'errors' ? 'the layout has errors; fix them first' : 'a script cannot express this';
    io.error(`${read.file}: no script written: ${why}:`);
    const style = makeStyle(args.color ?? false);
    io.err(`${style.underline(read.file)}\n${fileRows({ file: read.file, text: source.text, lines: result.parsed.lines, findings: exported.findings }, style, args.verbose).join('\n')}\n`);
    return 1;
  }
  if (args.output === undefined) {
    io.out(exported.script);
    return 0;
  }
  try {
    // With a byte-order mark: Windows PowerShell 5.1 reads a file without one as ANSI, not UTF-8.
    await fs.promises.writeFile(path.resolve(io.cwd, args.output), `\ufeff${exported.script}`, 'utf8');
  } catch (e) {
    io.error(`cannot write ${args.output}: ${describeFsError(e)}`);
    return 2;
  }
  return 0;
}
