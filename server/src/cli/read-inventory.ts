import * as fs from 'node:fs';
import * as path from 'node:path';
import { InventoryError, readInventory } from '../hyperv/inventory/read';
import type { Inventory } from '../hyperv/inventory/types';
import { describeFsError, UsageError } from './errors';
import type { CliIo } from './io';

/** Reads an inventory file named on the command line; every problem is a UsageError (exit 2, one line). */
export async function readInventoryFile(file: string, io: CliIo): Promise<Inventory> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await io.readStdin() : await fs.promises.readFile(path.resolve(io.cwd, file));
  } catch (e) {
    throw new UsageError(`cannot read ${file === '-' ? 'standard input' : file}: ${describeFsError(e)}`);
  }
  try {
    return readInventory(bytes, file === '-' ? '<stdin>' : file);
  } catch (e) {
    if (e instanceof InventoryError) throw new UsageError(e.message);
    throw e;
  }
}
