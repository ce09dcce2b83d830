import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import * as fs from 'node:fs';
import { packageFile } from '../../project-files';

/** schemas/partition-inventory.schema.json, the format the collector writes. */
export const INVENTORY_SCHEMA_ID = 'partition-inventory/1';

let schema: Record<string, unknown> | undefined;
let compiled: ValidateFunction | undefined;

export function inventorySchema(): Record<string, unknown> {
  schema ??= JSON.parse(fs.readFileSync(packageFile('schemas', 'partition-inventory.schema.json'), 'utf8')) as Record<string, unknown>;
  return schema;
}

/** The schema's errors for a shaped inventory (none when it is valid). */
export function inventorySchemaErrors(data: unknown): ErrorObject[] {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
    compiled = ajv.compile(inventorySchema());
  }
  return compiled(data) ? [] : [...(compiled.errors ?? [])];
}
