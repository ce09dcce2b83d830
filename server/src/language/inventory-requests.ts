import * as fs from 'node:fs';
import * as path from 'node:path';
import { driftReport } from '../hyperv/drift';
import { importInventory } from '../hyperv/import';
import { NameMapper } from '../hyperv/inventory/host-facts';
import { InventoryError, readInventory } from '../hyperv/inventory/read';
import type { Inventory } from '../hyperv/inventory/types';
import type { DriftResult, ImportInventoryResult } from '../protocol';
import type { Analysis } from './document-cache';
import { toDiagnostic } from './diagnostics';
import { uriToPath } from './uris';

/** The server side of the two inventory commands: Import Host Inventory, Compare with Host Inventory. */

async function readInventoryUri(uri: string): Promise<{ inventory: Inventory; file: string } | { error: string }> {
  const file = uriToPath(uri);
  if (file === undefined) return { error: `${uri} is not a file on disk` };
  let bytes: Uint8Array;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as Error).message}` };
  }
  try {
    return { inventory: readInventory(bytes, path.basename(file)), file };
  } catch (e) {
    if (e instanceof InventoryError) return { error: e.message };
    throw e;
  }
}

export async function importInventoryResult(inventoryUri: string): Promise<ImportInventoryResult> {
  const read = await readInventoryUri(inventoryUri);
  if ('error' in read) return read;
  const base = read.inventory.computerName ?? path.basename(read.file).replace(/(\.inventory)?\.json$/i, '');
  return { layout: importInventory(read.inventory, path.basename(read.file)), fileName: `${new NameMapper([], 'host').add(base)}.partition.yaml` };
}

export async function driftResult(a: Analysis, inventoryUri: string): Promise<DriftResult> {
  const read = await readInventoryUri(inventoryUri);
  if ('error' in read) return read;
  const result = a.result;
  if (a.large) return { error: `${path.basename(a.uri)} is too large to compare in the editor: run partition-lint drift on it` };
  if (!result?.model) return { error: `${path.basename(a.uri)} is not a YAML document (fix its syntax errors first), so it cannot be compared` };
  return { version: a.version, diagnostics: driftReport({ ...result, model: result.model }, read.inventory, a.rules).map((f) => toDiagnostic(f, a.doc)) };
}
