import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from '../core/validate';
import { importInventory } from '../hyperv/import';
import type { CliArgs } from './args';
import { describeFsError, UsageError } from './errors';
import type { CliIo } from './io';
import { readInventoryFile } from './read-inventory';

/** `partition-lint import INVENTORY [--output FILE] [--force]`: a layout from a host's inventory. */
export async function runImport(args: CliArgs, io: CliIo): Promise<number> {
  const source = args.paths[0];
  const inventory = await readInventoryFile(source, io);
  const text = importInventory(inventory, source === '-' ? 'standard input' : path.basename(source));
  if (args.output === undefined) {
    io.out(text);
  } else {
    const target = path.resolve(io.cwd, args.output);
    try {
      await fs.promises.writeFile(target, text, { flag: args.force ? 'w' : 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${args.output} exists: partition-lint import does not overwrite a file; add --force to replace it, or name another --output`);
      throw new UsageError(`cannot write ${args.output}: ${describeFsError(e)}`);
    }
  }
  // the layout is meant to pass `check`; say so when the host itself breaks a rule
  const errors = validate(text).findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const rules = [...new Set(errors.map((f) => f.rule))].join(', ');
    io.error(`the imported layout has ${errors.length} error${errors.length === 1 ? '' : 's'} (${rules}): run partition-lint check on it to see them`);
  }
  return 0;
}
