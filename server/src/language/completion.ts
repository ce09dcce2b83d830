import { CompletionItemKind, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList, type CompletionParams, type Range } from 'vscode-languageserver';
import { RELEASE_TABLE, isReleaseId } from '../core/model/releases';
import type { Device, LayoutModel, Partition } from '../core/model/types';
import type { Analysis } from './document-cache';
import { deviceFacts, partitionFacts } from './facts';
import { switchFacts } from './switch-facts';
import { toOffset, toRange } from './positions';
import { childSchema, documentationOf, isArraySchema, isObjectSchema, propertiesOf, schemaAt, typeLabel, valuesOf, type PropertyInfo, type SchemaStep } from './schema-nav';
import { completionContext, YamlLines, type CompletionContext, type Step } from './yaml-context';

/** Completion: keys and values from the schema; device ids, partition names and synthetic classes from the model. */
export function completion(a: Analysis, params: CompletionParams, lastModel: LayoutModel | undefined, editRangeDefault = false): CompletionList | null {
  const result = a.result;
  if (!result) return null;
  const offset = toOffset(a.doc, params.position);
  const y = Object.assign(new YamlLines(result.parsed.text, result.parsed.lines), { uri: a.uri });
  const ctx = completionContext(y, offset, (seq) => {
    const items = schemaAt(schemaPath([...seq, { item: 0 }]));
    return items !== undefined && isObjectSchema(items);
  });
  if (!ctx) return null;
  const model = result.model ?? lastModel;
  const range = toRange(a.doc, ctx.replace);
  let items: CompletionItem[];
  if (ctx.kind === 'key') items = keyItems(ctx, range);
  else if (ctx.kind === 'value') items = valueItems(ctx, range, y, model);
  else items = listItems(ctx, range, y, model);
  if (!editRangeDefault) return { isIncomplete: false, items };
  // The range is the same for every item: send it once (a list of a thousand devices stays small).
  const slim = items.map(({ textEdit, ...item }): CompletionItem => {
    const newText = textEdit && 'range' in textEdit ? textEdit.newText : item.label;
    return newText === item.label ? item : { ...item, textEditText: newText };
  });
  return { isIncomplete: false, itemDefaults: { editRange: range }, items: slim };
}

type Lines = YamlLines & { uri: string };

/** What completionItem/resolve needs to add the documentation of a device or partition item. */
interface ResolveData {
  uri: string;
  kind: 'device' | 'partition' | 'switch';
  name: string;
}

function isResolveData(v: unknown): v is ResolveData {
  const d = v as Partial<ResolveData> | null;
  return typeof d === 'object' && d !== null && typeof d.uri === 'string' && (d.kind === 'device' || d.kind === 'partition' || d.kind === 'switch') && typeof d.name === 'string';
}

/** The uri an item to resolve belongs to (the server looks the document up). */
export function resolveUri(item: CompletionItem): string | undefined {
  return isResolveData(item.data) ? item.data.uri : undefined;
}

/**
 * completionItem/resolve: device and partition items get their facts as documentation only when
 * the editor shows them (a list of a thousand devices stays small).
 */
export function resolveCompletion(item: CompletionItem, model: LayoutModel | undefined): CompletionItem {
  const data = item.data;
  if (!model || !isResolveData(data)) return item;
  const facts = data.kind === 'device' ? deviceFacts(model, data.name) : data.kind === 'switch' ? switchFacts(model, data.name) : partitionFacts(model, model.partitionByName.get(data.name), data.name);
  return { ...item, documentation: markdown(facts) };
}

function schemaPath(steps: Step[]): SchemaStep[] {
  return steps.map((s) => (typeof s === 'string' ? s : 0));
}

const markdown = (value: string): { kind: 'markdown'; value: string } => ({ kind: MarkupKind.Markdown, value });
const order = (tier: number, i: number): string => `${tier}${String(i).padStart(6, '0')}`;
const triggerSuggest = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function insertKey(p: PropertyInfo, indent: number): string {
  const inner = ' '.repeat(indent + 2);
  if (isArraySchema(p.schema)) {
    const items = childSchema(p.schema, 0);
    return items && isObjectSchema(items) ? `${p.key}:\n${inner}- ` : `${p.key}: `;
  }
  // Objects open a block below the key; `memory` (a size or an object) stays a scalar.
  if (isObjectSchema(p.schema) && valuesOf(p.schema).length === 0 && !typeLabel(p.schema).includes('size')) return `${p.key}:\n${inner}`;
  return `${p.key}: `;
}

function keyItems(ctx: Extract<CompletionContext, { kind: 'key' }>, range: Range): CompletionItem[] {
  const schema = schemaAt(schemaPath(ctx.map));
  if (!schema || !isObjectSchema(schema)) return [];
  return propertiesOf(schema)
    .filter((p) => !ctx.present.has(p.key))
    .map((p, i): CompletionItem => {
      const newText = insertKey(p, ctx.indent);
      const type = typeLabel(p.schema);
      const hasValues = valuesOf(p.schema).length > 0 || p.key === 'parent' || p.key === 'gpuPartition';
      return {
        label: p.key,
        kind: CompletionItemKind.Property,
        detail: `${type}${p.required ? `${type ? ' · ' : ''}required` : ''}`,
        documentation: markdown(documentationOf(p.schema)),
        sortText: order(p.required ? 0 : 1, i),
        textEdit: { range, newText },
        insertTextMode: InsertTextMode.asIs,
        ...(hasValues && newText.endsWith(': ') ? { command: triggerSuggest } : {}),
      };
    });
}

function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function valueItems(ctx: Extract<CompletionContext, { kind: 'value' }>, range: Range, y: Lines, model: LayoutModel | undefined): CompletionItem[] {
  const path = schemaPath(ctx.path);
  const key = path[path.length - 1];
  const space = ctx.needsSpace ? ' ' : '';
  if (path.length === 3 && path[0] === 'partitions' && key === 'parent') {
    const self = ctx.item !== undefined ? y.itemValue(ctx.item, 'name') : undefined;
    return model ? parentItems(y.uri, model, self, range, space) : [];
  }
  if (path.length === 3 && path[0] === 'partitions' && key === 'gpuPartition') return model ? gpuItems(y.uri, model, range, space) : [];
  const schema = schemaAt(path);
  if (!schema) return [];
  const doc = documentationOf(schema);
  return valuesOf(schema).map((v, i): CompletionItem => {
    const text = valueText(v);
    return {
      label: text,
      kind: typeof v === 'string' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      detail: key === 'release' && isReleaseId(v) ? RELEASE_TABLE[v].title : typeLabel(schema),
      documentation: markdown(doc),
      sortText: order(0, i),
      textEdit: { range, newText: space + text },
    };
  });
}

/** Partitions that can host a child first: the root and children with virtualizationStack: true. */
function parentItems(uri: string, model: LayoutModel, self: string | undefined, range: Range, space: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  model.partitions.forEach((p: Partition, i) => {
    if (!p.name || p.name === self) return;
    const canHost = p.isRoot || p.virtualizationStack;
    out.push({
      label: p.name,
      kind: CompletionItemKind.Reference,
      detail: p.isRoot ? 'the root partition' : canHost ? 'child with virtualizationStack: true (nested virtualization)' : 'child without virtualizationStack: cannot host partitions',
      data: { uri, kind: 'partition', name: p.name } satisfies ResolveData,
      sortText: order(canHost ? 0 : 1, i),
      textEdit: { range, newText: space + p.name },
    });
  });
  return out;
}

function listItems(ctx: Extract<CompletionContext, { kind: 'item' }>, range: Range, y: Lines, model: LayoutModel | undefined): CompletionItem[] {
  const path = schemaPath(ctx.seq);
  const key = path[path.length - 1];
  const inPartition = path.length === 3 && path[0] === 'partitions';
  const present = new Set(ctx.present);
  if (inPartition && key === 'devices') {
    const name = ctx.item !== undefined ? y.itemValue(ctx.item, 'name') : undefined;
    const self = name !== undefined ? model?.partitionByName.get(name) : undefined;
    const isRoot = self ? self.isRoot : ctx.item !== undefined && y.itemValue(ctx.item, 'role') === 'root';
    return model ? deviceItems(y.uri, model, self, isRoot, present, range) : [];
  }
  if (inPartition && key === 'networkAdapters') return model ? switchItems(y.uri, model, present, range) : [];
  if (path.length === 4 && path[0] === 'host' && path[1] === 'switches' && key === 'devices') {
    const self = ctx.item !== undefined ? y.itemValue(ctx.item, 'name') : undefined;
    return model ? uplinkItems(y.uri, model, self, present, range) : [];
  }
  if (inPartition && key === 'synthetic') return syntheticItems(model, ctx.item !== undefined ? y.itemValue(ctx.item, 'parent') : undefined, present, range);
  const items = schemaAt([...path, 0]);
  if (!items) return [];
  const doc = documentationOf(items);
  return valuesOf(items)
    .filter((v) => !present.has(valueText(v)))
    .map((v, i): CompletionItem => ({ label: valueText(v), kind: CompletionItemKind.EnumMember, documentation: markdown(doc), sortText: order(0, i), textEdit: { range, newText: valueText(v) } }));
}

/**
 * Host devices not yet in the list. For a child: the devices it can take first (assignable, no
 * child has them), then those the root keeps that lack `assignable: true`, then those another child
 * has, then platform devices (never a child's); each item says which. For the root: the devices no
 * child has first.
 */
function deviceItems(uri: string, model: LayoutModel, self: Partition | undefined, forRoot: boolean, present: Set<string>, range: Range): CompletionItem[] {
  const out: CompletionItem[] = [];
  let i = 0;
  for (const [id, device] of model.host.deviceById) {
    if (present.has(id)) continue;
    const o = model.ownership.get(id);
    const taker = o?.how === 'assigned' && o.owner !== self ? o.owner : undefined;
    const { tier, note, detail } = forRoot ? rootTier(taker) : childTier(model, device, taker);
    out.push({
      label: id,
      kind: CompletionItemKind.Reference,
      labelDetails: { description: note },
      detail: `${device.class} · ${detail}`,
      data: { uri, kind: 'device', name: id } satisfies ResolveData,
      sortText: order(tier, i++),
      textEdit: { range, newText: id },
    });
  }
  return out;
}

interface DeviceTier {
  tier: number;
  /** a few words beside the label */
  note: string;
  detail: string;
}

function rootTier(taker: Partition | undefined): DeviceTier {
  if (taker) return { tier: 1, note: `assigned to ${taker.name}`, detail: `assigned to ${taker.name}` };
  return { tier: 0, note: 'root owns it', detail: 'unassigned (the root owns it)' };
}

function childTier(model: LayoutModel, device: Device, taker: Partition | undefined): DeviceTier {
  if (device.class === 'platform') return { tier: 3, note: 'platform: stays in the root', detail: 'platform device: the root keeps it (power management, plug and play)' };
  if (taker) return { tier: 2, note: `already assigned to ${taker.name}`, detail: `already assigned to ${taker.name} (a device has one owner)` };
  const uplink = model.ownership.get(device.id)?.uplinkOf;
  if (uplink) return { tier: 1, note: `uplink of switch ${uplink.name}`, detail: `uplink of the external switch ${uplink.name}: it serves only that switch` };
  if (model.gpus.some((g) => g.device === device)) return { tier: 1, note: 'partitioned GPU: use gpuPartition', detail: 'partitionable GPU (gpuPartitions): children take a partition with gpuPartition, not the whole GPU' };
  if (!device.assignable) return { tier: 1, note: 'not assignable', detail: 'not assignable (no assignable: true): the root keeps it' };
  return { tier: 0, note: 'assignable', detail: 'assignable · unassigned (the root owns it)' };
}

/** Synthetic classes; first those the parent (the root, usually) can back with a device it owns. */
function syntheticItems(model: LayoutModel | undefined, parentName: string | undefined, present: Set<string>, range: Range): CompletionItem[] {
  const items = schemaAt(['partitions', 0, 'synthetic', 0]);
  if (!items) return [];
  const parent = model ? (parentName ? model.partitionByName.get(parentName) : model.root) : undefined;
  const doc = documentationOf(items);
  return valuesOf(items)
    .map(valueText)
    .filter((cls) => !present.has(cls))
    .map((cls, i): CompletionItem => {
      const devices = parent && model ? [...model.ownership.values()].filter((o) => o.owner === parent && o.device.class === cls).map((o) => o.device.id) : [];
      const relayed = parent !== undefined && !parent.isRoot && parent.synthetic.some((s) => s.value === cls);
      const backed = devices.length > 0 || relayed;
      const detail = !parent ? undefined : devices.length > 0 ? `served by ${parent.name} through ${devices.join(', ')}` : relayed ? `relayed by ${parent.name}` : `${parent.name} owns no ${cls} device to back it`;
      return {
        label: cls,
        kind: CompletionItemKind.EnumMember,
        ...(detail ? { detail } : {}),
        documentation: markdown(doc),
        sortText: order(backed ? 0 : 1, i),
        textEdit: { range, newText: cls },
      };
    });
}

/** Switch names for `networkAdapters`: those not yet in the list first (two adapters on one switch are allowed). */
function switchItems(uri: string, model: LayoutModel, present: Set<string>, range: Range): CompletionItem[] {
  return model.host.switches
    .filter((sw) => sw.name && model.host.switchByName.get(sw.name) === sw)
    .map((sw, i): CompletionItem => {
      const uplinks = sw.type === 'external' ? ` · uplinks ${sw.uplinks.map((d) => d.id).join(', ') || 'none'}` : '';
      const users = sw.users.length > 0 ? ` · used by ${sw.users.map((p) => p.name).join(', ')}` : '';
      return {
        label: sw.name,
        kind: CompletionItemKind.Reference,
        labelDetails: { description: `${sw.type ?? 'switch'}${present.has(sw.name) ? ' · already listed' : ''}` },
        detail: `${sw.type ?? '?'} switch${uplinks}${sw.sriov ? ' · SR-IOV' : ''}${users}`,
        data: { uri, kind: 'switch', name: sw.name } satisfies ResolveData,
        sortText: order(present.has(sw.name) ? 1 : 0, i),
        textEdit: { range, newText: sw.name },
      };
    });
}

/**
 * Devices for a switch's `devices` (its uplinks): network devices no other switch and no child has
 * first; then network devices bound elsewhere, each saying where. Other classes are not offered.
 */
function uplinkItems(uri: string, model: LayoutModel, self: string | undefined, present: Set<string>, range: Range): CompletionItem[] {
  const out: CompletionItem[] = [];
  let i = 0;
  for (const [id, device] of model.host.deviceById) {
    if (present.has(id) || device.class !== 'network') continue;
    const o = model.ownership.get(id);
    const other = o?.uplinkOf && o.uplinkOf.name !== self ? o.uplinkOf : undefined;
    const child = o?.how === 'assigned' ? o.owner : undefined;
    const note = other ? `uplink of switch ${other.name}` : child ? `assigned to ${child.name}` : 'unbound';
    out.push({
      label: id,
      kind: CompletionItemKind.Reference,
      labelDetails: { description: note },
      detail: `network · ${other ? `already the uplink of switch ${other.name}` : child ? `assigned to ${child.name}: an uplink stays with the root` : 'unbound: no switch and no child has it'}`,
      data: { uri, kind: 'device', name: id } satisfies ResolveData,
      sortText: order(other || child ? 1 : 0, i++),
      textEdit: { range, newText: id },
    });
  }
  return out;
}

/** Partitionable GPUs for `gpuPartition`: those with a free partition first, each with used / offered. */
function gpuItems(uri: string, model: LayoutModel, range: Range, space: string): CompletionItem[] {
  return model.gpus.map((g, i): CompletionItem => {
    const free = g.offered - g.users.length;
    return {
      label: g.device.id,
      kind: CompletionItemKind.Reference,
      labelDetails: { description: `${g.users.length}/${g.offered} partitions used` },
      detail: `partitionable GPU · ${free > 0 ? free : 'none'} free of ${g.offered} partition${g.offered === 1 ? '' : 's'}${g.users.length > 0 ? ` (used by ${g.users.map((p) => p.name).join(', ')})` : ''}`,
      data: { uri, kind: 'device', name: g.device.id } satisfies ResolveData,
      sortText: order(free > 0 ? 0 : 1, i),
      textEdit: { range, newText: space + g.device.id },
    };
  });
}
