import { layoutSchema, schemaDef } from '../core/schema/layout-schema';

/** A node of the JSON Schema (as written: `$ref` not followed). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** A path step: a mapping key, or any list item. */
export type SchemaStep = string | number;

const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The definition a local `$ref` names. */
function target(node: SchemaNode): SchemaNode | undefined {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return undefined;
  return schemaDef(ref.slice('#/$defs/'.length));
}

/** The names of the definitions a node refers to, following `$ref` chains and `anyOf`. */
function definitionNames(node: SchemaNode): string[] {
  const out: string[] = [];
  const visit = (n: SchemaNode, depth: number): void => {
    if (depth > 8) return;
    const ref = n.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      out.push(ref.slice('#/$defs/'.length));
      const t = target(n);
      if (t) visit(t, depth + 1);
    }
    for (const k of ['anyOf', 'oneOf'] as const) {
      const list = n[k];
      if (Array.isArray(list)) for (const alt of list) if (isNode(alt)) visit(alt, depth + 1);
    }
  };
  visit(node, 0);
  return out;
}

/** The concrete schemas a node allows: `$ref` followed, `anyOf`/`oneOf` expanded. */
function alternatives(node: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (n: SchemaNode, depth: number): void => {
    if (depth > 8) return;
    const t = target(n);
    if (t) {
      visit(t, depth + 1);
      return;
    }
    const list = Array.isArray(n.anyOf) ? n.anyOf : Array.isArray(n.oneOf) ? n.oneOf : undefined;
    if (list) {
      for (const alt of list) if (isNode(alt)) visit(alt, depth + 1);
      return;
    }
    out.push(n);
  };
  visit(node, 0);
  return out;
}

/** The schema of a key's value or of a list's items. */
export function childSchema(node: SchemaNode, step: SchemaStep): SchemaNode | undefined {
  for (const alt of alternatives(node)) {
    if (typeof step === 'number') {
      if (isNode(alt.items)) return alt.items;
    } else if (isNode(alt.properties) && isNode(alt.properties[step])) return alt.properties[step] as SchemaNode;
  }
  return undefined;
}

/** The schema of the value at a path from the document root. */
export function schemaAt(path: readonly SchemaStep[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = layoutSchema;
  for (const step of path) {
    if (!node) return undefined;
    node = childSchema(node, step);
  }
  return node;
}

export interface PropertyInfo {
  key: string;
  schema: SchemaNode;
  required: boolean;
}

/** The properties a mapping may have, in schema order; required ones marked (children's too). */
export function propertiesOf(node: SchemaNode): PropertyInfo[] {
  const out: PropertyInfo[] = [];
  for (const alt of alternatives(node)) {
    if (!isNode(alt.properties)) continue;
    const required = new Set<string>(Array.isArray(alt.required) ? (alt.required as string[]) : []);
    // `if role is child then required: [...]`: what every child needs is listed as required too.
    if (Array.isArray(alt.allOf)) for (const part of alt.allOf) if (isNode(part) && isNode(part.then) && Array.isArray(part.then.required)) for (const r of part.then.required) required.add(String(r));
    for (const [key, schema] of Object.entries(alt.properties)) if (isNode(schema) && !out.some((p) => p.key === key)) out.push({ key, schema, required: required.has(key) });
  }
  return out;
}

/** Allowed values of a node (enum, const, booleans). */
export function valuesOf(node: SchemaNode): unknown[] {
  const out: unknown[] = [];
  for (const alt of alternatives(node)) {
    if (Array.isArray(alt.enum)) out.push(...alt.enum);
    else if (alt.const !== undefined) out.push(alt.const);
    else if (alt.type === 'boolean') out.push(true, false);
  }
  return out;
}

/** The documentation of a node: its own markdownDescription, then its definition's when that adds something. */
export function documentationOf(node: SchemaNode): string {
  const parts: string[] = [];
  const own = typeof node.markdownDescription === 'string' ? node.markdownDescription : typeof node.description === 'string' ? node.description : undefined;
  if (own) parts.push(own);
  const t = target(node);
  // A definition that describes a format (a size, a name) adds to the property's own words; an
  // enum's definition only repeats the values the property's description already lists.
  const def = t && !Array.isArray(t.enum) && typeof t.markdownDescription === 'string' ? t.markdownDescription : undefined;
  if (def && def !== own) parts.push(def);
  return parts.join('\n\n');
}

/** A short description of a node's type: `size`, `integer ≥ 1`, `list of device ids`, `object`... */
export function typeLabel(node: SchemaNode): string {
  const defs = definitionNames(node);
  if (defs.includes('memorySize')) return defs.includes('dynamicMemory') ? 'memory size, or dynamic memory' : 'memory size';
  if (defs.includes('size')) return 'size';
  if (defs.includes('lpSet')) return 'logical-processor set';
  if (defs.includes('partitionName')) return 'partition name';
  const alts = alternatives(node);
  const a = alts[0];
  if (!a) return '';
  if (a.type === 'array') {
    const item = isNode(a.items) ? definitionNames(a.items) : [];
    if (item.includes('deviceId')) return 'list of device ids';
    if (item.includes('syntheticClass')) return 'list of synthetic device classes';
    if (item.includes('device')) return 'list of devices';
    if (item.includes('partition')) return 'list of partitions';
    return 'list';
  }
  if (Array.isArray(a.enum)) return a.enum.map((v) => JSON.stringify(v).replace(/^"|"$/g, '')).join(' | ');
  if (a.type === 'integer' || a.type === 'number') {
    const min = typeof a.minimum === 'number' ? ` ≥ ${a.minimum}` : typeof a.exclusiveMinimum === 'number' ? ` > ${a.exclusiveMinimum}` : '';
    const max = typeof a.maximum === 'number' ? `, ≤ ${a.maximum}` : '';
    return `${a.type}${min}${max}`;
  }
  return typeof a.type === 'string' ? a.type : '';
}

/** The schema's default of a node, when it states one. */
export function defaultOf(node: SchemaNode): unknown {
  if (node.default !== undefined) return node.default;
  for (const alt of alternatives(node)) if (alt.default !== undefined) return alt.default;
  return undefined;
}

export function isObjectSchema(node: SchemaNode): boolean {
  return alternatives(node).some((a) => a.type === 'object');
}

export function isArraySchema(node: SchemaNode): boolean {
  return alternatives(node).some((a) => a.type === 'array');
}

export function isSizeSchema(node: SchemaNode): boolean {
  return definitionNames(node).includes('size');
}
