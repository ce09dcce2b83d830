/**
 * The tolerant pass over an inventory's JSON, driven by schemas/partition-inventory.schema.json,
 * before the schema validates it. It turns what real PowerShell writes into the schema's plain shape:
 * - property names in any case (PowerShell's are case-insensitive) → the schema's spelling;
 * - one object or value where a list belongs (a one-element pipeline result) → a one-element list;
 * - Windows PowerShell 5.1's `{ "value": [...], "Count": n }` for an array with extended type data
 *   → the array; `null` where a list belongs → an empty list.
 * It also finds the values ConvertTo-Json cut at its -Depth: a string where an object, or a list of
 * objects, belongs (`"@{Count=4; ExposeVirtualizationExtensions=False}"`), and PowerShell 7's
 * `"System.Object[]"` where a list belongs.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaNode = Record<string, unknown>;

/** A value ConvertTo-Json cut: where it is and the text it wrote instead. */
export interface CutValue {
  path: string;
  text: string;
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class InventoryShaper {
  readonly cut: CutValue[] = [];

  constructor(private readonly root: SchemaNode) {}

  /** The value in the schema's shape (a new value; the input is not changed). */
  shape(value: Json): Json {
    return this.walk(value, this.root, '');
  }

  private resolve(node: SchemaNode): SchemaNode {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    const name = ref.replace('#/$defs/', '');
    const defs = this.root.$defs as Record<string, SchemaNode>;
    return this.resolve(defs[name]);
  }

  /** The list item schema when the node describes a list (an `anyOf` with an array), else undefined. */
  private listItems(node: SchemaNode): SchemaNode | undefined {
    const options = (node.anyOf as SchemaNode[] | undefined) ?? [node];
    const list = options.find((o) => o.type === 'array');
    return list ? this.resolve(list.items as SchemaNode) : undefined;
  }

  /** The object schema when the node describes an object (directly or as an `anyOf` option). */
  private objectSchema(node: SchemaNode): SchemaNode | undefined {
    const options = ((node.anyOf as SchemaNode[] | undefined) ?? [node]).map((o) => this.resolve(o));
    return options.find((o) => o.type === 'object');
  }

  private walk(value: Json, nodeIn: SchemaNode, path: string): Json {
    const node = this.resolve(nodeIn);
    const items = this.listItems(node);
    if (items) return this.walkList(value, items, path);
    const obj = this.objectSchema(node);
    if (obj) return this.walkObject(value, obj, path);
    return value;
  }

  private walkList(valueIn: Json, items: SchemaNode, path: string): Json {
    let value = valueIn;
    if (value === null) return [];
    if (isObject(value)) {
      const keys = Object.keys(value).map((k) => k.toLowerCase());
      const wrapped = Object.entries(value).find(([k]) => k.toLowerCase() === 'value')?.[1];
      if (keys.length === 2 && keys.includes('value') && keys.includes('count') && Array.isArray(wrapped)) value = wrapped;
    }
    // a string where a list of objects or numbers belongs, or PowerShell 7's type name for a list
    const itemTypes = ([] as unknown[]).concat(items.type ?? []);
    if (typeof value === 'string' && (!itemTypes.includes('string') || /^System\.[\w.`]+(\[\])?$/.test(value))) {
      this.cut.push({ path, text: value });
      return value;
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => this.walk(item, items, `${path}[${i}]`));
  }

  private walkObject(value: Json, obj: SchemaNode, path: string): Json {
    if (typeof value === 'string') {
      this.cut.push({ path, text: value });
      return value;
    }
    // Get-VMProcessor and Get-VMMemory give one object; a list of one is that object.
    if (Array.isArray(value) && value.length === 1 && isObject(value[0])) return this.walkObject(value[0], obj, path);
    if (!isObject(value)) return value;
    const props = (obj.properties ?? {}) as Record<string, SchemaNode>;
    const byLower = new Map(Object.keys(props).map((k) => [k.toLowerCase(), k]));
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value)) {
      const name = byLower.get(key.toLowerCase());
      if (name === undefined) {
        if (!(key in out)) out[key] = v;
        continue;
      }
      out[name] = this.walk(v, props[name], path === '' ? name : `${path}.${name}`);
    }
    return out;
  }
}
