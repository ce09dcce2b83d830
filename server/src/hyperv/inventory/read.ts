import type { ErrorObject } from 'ajv';
import { decodeInventoryText } from './decode';
import { InventoryValueError, normalizeInventory } from './normalize';
import { INVENTORY_SCHEMA_ID, inventorySchema, inventorySchemaErrors } from './schema';
import { InventoryShaper } from './shape';
import type { Inventory } from './types';

/**
 * Reads an inventory file (partition-inventory/1) as real PowerShell writes it. Every problem is an
 * InventoryError with a message for the user (no stack trace): not JSON, not an inventory, a part
 * missing or of the wrong type, values ConvertTo-Json cut at its -Depth.
 */

export class InventoryError extends Error {
  override readonly name = 'InventoryError';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How the collector is run again when a value was cut: the depth it uses. */
const COLLECTOR_DEPTH = 10;

export function readInventory(bytes: Uint8Array, file: string): Inventory {
  const text = decodeInventoryText(bytes);
  if (text.trim() === '') throw new InventoryError(`${file} is empty: expected the JSON that collect-partition-inventory.ps1 writes (partition-lint inventory-script prints it)`);
  let data: Json;
  try {
    data = JSON.parse(text) as Json;
  } catch (e) {
    throw new InventoryError(`${file} is not JSON (${jsonErrorWhere(text, e)}): expected the output of collect-partition-inventory.ps1 (partition-lint inventory-script prints it)`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InventoryError(`${file} holds ${describe(data)}, not an inventory object: expected the output of collect-partition-inventory.ps1`);
  }
  const schemaKey = Object.keys(data).find((k) => k.toLowerCase() === 'schema');
  const schema = schemaKey === undefined ? undefined : data[schemaKey];
  if (schema === undefined) {
    throw new InventoryError(`${file} has no "schema" property, so it is not a host inventory (format ${INVENTORY_SCHEMA_ID}): create one with collect-partition-inventory.ps1`);
  }
  if (schema !== INVENTORY_SCHEMA_ID) {
    throw new InventoryError(`${file} has "schema": ${JSON.stringify(schema)}; partition-lint reads "${INVENTORY_SCHEMA_ID}" (the output of collect-partition-inventory.ps1 from partition-lint inventory-script)`);
  }

  const shaper = new InventoryShaper(inventorySchema());
  const shaped = shaper.shape(data);
  if (shaper.cut.length > 0) {
    const cut = shaper.cut.map((c) => `${c.path} (${JSON.stringify(abbreviate(c.text))})`).join(', ');
    throw new InventoryError(
      `${file}: ConvertTo-Json cut ${shaper.cut.length === 1 ? 'this value' : `these ${shaper.cut.length} values`} at its -Depth, writing text where an object or a list belongs: ${cut}. ` +
        `Run collect-partition-inventory.ps1 unchanged (it uses -Depth ${COLLECTOR_DEPTH}), or give ConvertTo-Json -Depth ${COLLECTOR_DEPTH} or more`,
    );
  }

  const errors = inventorySchemaErrors(shaped);
  if (errors.length > 0) throw new InventoryError(`${file} is not a valid ${INVENTORY_SCHEMA_ID} inventory: ${schemaProblems(errors, shaped).join('; ')}`);
  try {
    return normalizeInventory(shaped as Record<string, unknown>);
  } catch (e) {
    if (e instanceof InventoryValueError) throw new InventoryError(`${file}: ${e.message}`);
    throw e;
  }
}

/** "line 3, column 5: Unexpected token..." from JSON.parse's error. */
function jsonErrorWhere(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  if (/end of JSON/i.test(message)) return 'it ends before the JSON does: the file is cut off';
  if (!at) {
    const lines = text.split(/\r\n|\r|\n/);
    const first = lines.findIndex((l) => l.trim() !== '');
    return `line ${first + 1} is ${JSON.stringify(abbreviate(lines[first].trim()))}`;
  }
  const offset = Number(at[1]);
  if (offset >= text.trimEnd().length) return 'it ends before the JSON does: the file is cut off';
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  const short = message.replace(/ in JSON at position \d+.*$/s, '').replace(/,? ".*" is not valid JSON$/s, '');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}: ${short}`;
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(abbreviate(v))}`;
  return `the ${typeof v} ${JSON.stringify(v)}`;
}

/** "vms[0].processor.Count" from a JSON pointer. */
function displayPath(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').slice(1)) {
    const p = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  }
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const part of pointer.split('/').slice(1)) cur = (cur as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return cur;
}

const TYPE_WORDS: Record<string, string> = { integer: 'a whole number', string: 'text', boolean: 'true or false', null: 'null', array: 'a list', object: 'an object', number: 'a number' };

/** The schema's errors as sentences, one per place (the types an `anyOf` allows gathered). */
function schemaProblems(errors: readonly ErrorObject[], data: unknown): string[] {
  const out: string[] = [];
  const types = new Map<string, Set<string>>();
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue;
    const where = displayPath(e.instancePath);
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      out.push(where === '' ? `the required part "${missing}" is missing` : `${where} has no "${missing}" (required)`);
    } else if (e.keyword === 'type') {
      const t = (e.params as { type: string | string[] }).type;
      const set = types.get(e.instancePath) ?? new Set<string>();
      for (const x of Array.isArray(t) ? t : [t]) set.add(x);
      types.set(e.instancePath, set);
    } else if (e.keyword === 'minimum') {
      out.push(`${where} is ${JSON.stringify(valueAt(data, e.instancePath))}, less than ${(e.params as { limit: number }).limit}`);
    } else {
      out.push(`${where || 'the inventory'} ${e.message ?? 'is not valid'}`);
    }
  }
  for (const [pointer, set] of types) {
    // an anyOf's other options (a list of objects, one object, null) say nothing when the value is
    // the right kind and something inside it is wrong
    if (errors.some((e) => e.instancePath.startsWith(`${pointer}/`))) continue;
    const words = [...set].map((t) => TYPE_WORDS[t] ?? t);
    out.push(`${displayPath(pointer)} is ${describe(valueAt(data, pointer))}, expected ${words.join(' or ')}`);
  }
  return [...new Set(out)];
}
