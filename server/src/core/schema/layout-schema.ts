import type { ErrorObject } from 'ajv';
// Generated at build time (scripts/generate-schema-validator.mjs): ajv's standalone code for
// schemas/partition-layout.schema.json, so nothing is compiled at run time and no file is read.
import { layoutSchema as generatedSchema, validate as generatedValidate } from './generated/layout-validator';

/** The JSON Schema of format v1, as shipped in schemas/. */
export const layoutSchema: Record<string, unknown> = generatedSchema as Record<string, unknown>;

interface StandaloneValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const validator = generatedValidate as StandaloneValidate;

/** The validator, generated at build time (one function for the whole process). */
export function schemaValidator(): StandaloneValidate {
  return validator;
}

export function runSchema(data: unknown): ErrorObject[] {
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** A schema definition by name (`size`, `partition`...). */
export function schemaDef(name: string): Record<string, unknown> | undefined {
  const defs = layoutSchema.$defs as Record<string, Record<string, unknown>> | undefined;
  return defs?.[name];
}
