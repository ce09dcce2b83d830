import type { LayoutModel } from '../../core/model/types';
import type { SourceLocations } from '../../core/parse/locations';
import type { TextRange } from '../../core/types';
import { defaultOf, isObjectSchema, propertiesOf, schemaAt, valuesOf, isSizeSchema, type SchemaNode } from '../schema-nav';
import { sameRange } from './find';
import { setPair, type PairValue } from './map-edits';
import { replacementScalar, scalarValue } from './text';
import type { QuickFixContext, QuickFixProvider } from './types';

const MISSING = /is missing the required property "([^"]+)"/;
type Obj = Record<string, unknown>;
type Path = Array<string | number>;

/**
 * Add a missing required property (`schema`: "… is missing the required property "X""): the key
 * with a placeholder value, placed in schema order among its siblings; the placeholder is left
 * selected to be typed over.
 */
export const addMissingProperty: QuickFixProvider = {
  rules: ['schema'],
  provide(ctx) {
    const key = MISSING.exec(messageOf(ctx))?.[1];
    const { data, locations } = ctx.result.parsed;
    if (!key || !locations) return undefined;
    const found = containerAt(data, locations, ctx.range, key);
    if (!found) return undefined;
    const order = orderAt(found.path);
    const value = placeholder(found.path, found.obj, key, ctx.result.model);
    if (!value) return undefined;
    const set = setPair(ctx.text, locations, found.obj, key, value, order);
    if (!set) return undefined;
    const first = 'inline' in value ? value.inline : value.block[0].replace(/^- /, '').replace(/^[^:]*: /, '');
    const at = 'inline' in value ? set.valueAt : set.edit.newText.indexOf(first, set.valueAt);
    const shown = 'inline' in value ? `${key}: ${value.inline}` : key;
    return { title: `Add the required "${shown}" (a placeholder to type over)`, edits: [set.edit], isPreferred: true, select: { edit: 0, start: at, end: at + first.length } };
  },
};

function messageOf(ctx: QuickFixContext): string {
  if (ctx.finding) return ctx.finding.message;
  const m = ctx.diagnostic.message;
  return typeof m === 'string' ? m : m.value;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The mapping the schema finding is about: the one anchored where schema findings put a missing
 * property (the document for the top level, the key holding the mapping, or a list item's first key).
 */
function containerAt(data: unknown, loc: SourceLocations, range: TextRange, key: string): { obj: Obj; path: Path } | undefined {
  const visit = (value: unknown, path: Path, anchor: TextRange | undefined, depth: number): { obj: Obj; path: Path } | undefined => {
    if (depth > 64 || typeof value !== 'object' || value === null) return undefined;
    if (isObj(value)) {
      const own = anchor ?? loc.pairs(value)[0]?.[1].key;
      if (own && sameRange(own, range) && !(key in value)) return { obj: value, path };
      for (const [k, pair] of loc.pairs(value)) {
        const hit = visit(value[k], [...path, k], pair.key, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    }
    const arr = value as unknown[];
    for (let i = 0; i < arr.length; i++) {
      const hit = visit(arr[i], [...path, i], undefined, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  };
  return visit(data, [], loc.documentRange, 0);
}

function orderAt(path: Path): string[] {
  const schema = schemaAt(path.map((s) => (typeof s === 'number' ? 0 : s)));
  return schema && isObjectSchema(schema) ? propertiesOf(schema).map((p) => p.key) : [];
}

/** A name of the form `prefix-N` that `taken` does not hold. */
function fresh(prefix: string, taken: Iterable<unknown>): string {
  const used = new Set([...taken].filter((n): n is string => typeof n === 'string'));
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** The placeholder for a missing required key: a value that passes the schema, to be typed over. */
function placeholder(path: Path, obj: Obj, key: string, model: LayoutModel | undefined): PairValue | undefined {
  const section = path[0];
  const inList = typeof path[path.length - 1] === 'number';
  if (path.length === 0) {
    const top: Record<string, PairValue> = {
      layout: { inline: 'v1' },
      name: { inline: 'my-host' },
      hypervisor: { block: ['model: microkernelized'] },
      host: { block: ['logicalProcessors: 8', 'memory: 32GiB'] },
      partitions: { block: ['- name: root', '  role: root'] },
    };
    return top[key];
  }
  if (section === 'partitions' && inList && path.length === 2) {
    const partitions = model?.allPartitions ?? [];
    if (key === 'name') return { inline: fresh('partition', partitions.map((p) => p.name)) };
    if (key === 'role') return { inline: typeof obj.parent === 'string' || model?.root ? 'child' : 'root' };
    if (key === 'parent') return { inline: model?.root?.name ? replacementScalar('', model.root.name) : 'root' };
    if (key === 'virtualProcessors') return { inline: '1' };
    if (key === 'memory') return { inline: '2GiB' };
  }
  if (section === 'partitions' && path[path.length - 1] === 'memory') {
    // A dynamic-memory mapping: the sizes it has stand in for the one it lacks.
    const sizes = ['startup', 'minimum', 'maximum'].map((k) => obj[k]).filter((v): v is string => typeof v === 'string');
    return { inline: sizes[0] !== undefined ? replacementScalar('', scalarValue(sizes[0])) : '2GiB' };
  }
  if (section === 'host' && path[1] === 'devices' && inList) {
    if (key === 'id') return { inline: fresh('device', model?.host.devices.map((d) => d.id) ?? []) };
    if (key === 'class') return { inline: 'other' };
  }
  if (section === 'host' && path[1] === 'switches' && inList) {
    const list = isObj(model?.raw.host) && Array.isArray(model.raw.host.switches) ? model.raw.host.switches : [];
    if (key === 'name') return { inline: fresh('switch', list.map((s) => (isObj(s) ? s.name : undefined))) };
    if (key === 'type') return { inline: 'internal' };
  }
  const schema = schemaAt([...path.map((s) => (typeof s === 'number' ? 0 : s)), key]);
  return schema ? fromSchema(schema) : undefined;
}

/** A placeholder from the schema alone: its default, its first allowed value, a size, a minimum. */
function fromSchema(schema: SchemaNode): PairValue | undefined {
  const dflt = defaultOf(schema);
  const value = dflt !== undefined ? dflt : valuesOf(schema)[0];
  if (typeof value === 'string') return { inline: replacementScalar('', value) };
  if (typeof value === 'number' || typeof value === 'boolean') return { inline: String(value) };
  if (isSizeSchema(schema)) return { inline: '1GiB' };
  if (schema.type === 'integer') return { inline: String(typeof schema.minimum === 'number' ? schema.minimum : 1) };
  return undefined;
}
