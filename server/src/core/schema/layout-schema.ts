import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import * as fs from 'node:fs';
import { packageFile } from '../util/project-files';

/** The JSON Schema of format v1, as shipped in schemas/. */
export const layoutSchema: Record<string, unknown> = JSON.parse(fs.readFileSync(packageFile('schemas', 'partition-layout.schema.json'), 'utf8')) as Record<string, unknown>;

let compiled: ValidateFunction | undefined;

/** The compiled validator: compiled once per process, on first use. */
export function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
    ajv.addKeyword('markdownDescription');
    compiled = ajv.compile(layoutSchema);
  }
  return compiled;
}

export function runSchema(data: unknown): ErrorObject[] {
  const validate = schemaValidator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/** A schema definition by name (`size`, `partition`...). */
export function schemaDef(name: string): Record<string, unknown> | undefined {
  const defs = layoutSchema.$defs as Record<string, Record<string, unknown>> | undefined;
  return defs?.[name];
}
