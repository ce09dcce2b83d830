import * as fs from 'node:fs';
import { packageFile } from '../project-files';
import type { CliArgs } from './args';
import type { CliIo } from './io';

/** The collector's path in the package (and in the .vsix). */
export function collectorScriptPath(): string {
  return packageFile('collector', 'collect-partition-inventory.ps1');
}

/** `partition-lint inventory-script`: prints the PowerShell collector to run on a Hyper-V host. */
export async function runInventoryScript(_args: CliArgs, io: CliIo): Promise<number> {
  io.out(await fs.promises.readFile(collectorScriptPath(), 'utf8'));
  return 0;
}
