import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { LayoutModel } from '../core/model/types';
import type { Analysis } from './document-cache';
import { deviceFacts, escape, partitionFacts, sizeFacts, syntheticFacts } from './facts';
import { nodeAt, toOffset, toRange, type NodeAt } from './positions';
import { documentationOf, isSizeSchema, schemaAt, typeLabel, type SchemaNode } from './schema-nav';
import { RELEASE_TABLE, isReleaseId } from '../core/model/releases';
import { deviceMmioFacts, mmioSpaceFacts } from './mmio-facts';
import { gpuPartitionFacts, gpuPartitionRefFacts, switchFacts } from './switch-facts';

/** Hover: the schema's documentation on keys; facts from the model on values. */
export function hover(a: Analysis, params: HoverParams): Hover | null {
  const result = a.result;
  if (!result?.parsed.locations) return null;
  const offset = toOffset(a.doc, params.position);
  const node = nodeAt(result.parsed.text, result.parsed.data, result.parsed.locations, offset);
  if (!node) return null;
  const schema = schemaAt(node.path);
  const text = node.kind === 'key' ? keyDoc(String(node.value), schema) : valueDoc(node, schema, result.model);
  if (!text) return null;
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: toRange(a.doc, node.range) };
}

function keyDoc(key: string, schema: SchemaNode | undefined): string | undefined {
  if (!schema) return undefined;
  const type = typeLabel(schema);
  const doc = documentationOf(schema);
  return `**${escape(key)}**${type ? ` · ${type}` : ''}${doc ? `\n\n${doc}` : ''}`;
}

function valueDoc(node: NodeAt, schema: SchemaNode | undefined, model: LayoutModel | undefined): string | undefined {
  const path = node.path;
  const key = path[path.length - 1];
  const parentKey = path[path.length - 2];
  const value = node.value;
  if (model && typeof value === 'string') {
    // host.devices[i].id
    if (path.length === 4 && path[0] === 'host' && path[1] === 'devices' && key === 'id') {
      const device = model.host.devices.find((d) => d.index === path[2]);
      return deviceFacts(model, value, device);
    }
    if (path.length >= 4 && path[0] === 'host' && path[1] === 'switches' && typeof path[2] === 'number') {
      if (path.length === 4 && key === 'name') return switchFacts(model, value, model.host.switches.find((x) => x.index === path[2]));
      if (path.length === 5 && parentKey === 'devices') return deviceFacts(model, value);
    }
    if (path.length >= 3 && path[0] === 'partitions' && typeof path[1] === 'number') {
      const p = model.allPartitions.find((x) => x.index === path[1]);
      if (path.length === 3 && key === 'name') return partitionFacts(model, p, value);
      if (path.length === 3 && key === 'parent') return partitionFacts(model, model.partitionByName.get(value), value);
      if (path.length === 4 && parentKey === 'devices') return deviceFacts(model, value);
      if (path.length === 4 && parentKey === 'networkAdapters') return switchFacts(model, value);
      if (path.length === 3 && key === 'gpuPartition') return gpuPartitionRefFacts(model, value);
      if (path.length === 4 && parentKey === 'synthetic' && p) return syntheticFacts(model, p, value) + (schema ? `\n\n${documentationOf(schema)}` : '');
    }
  }
  if (typeof value === 'string') {
    const mmio = model && mmioDoc(model, path, value);
    if (mmio) return mmio;
  }
  if (schema && typeof value === 'string' && isSizeSchema(schema)) {
    const facts = sizeFacts(model, value, path.length === 2 && path[0] === 'host' && key === 'memory');
    if (facts) return facts;
  }
  if (model && typeof value === 'number' && path.length === 4 && path[0] === 'host' && path[1] === 'devices' && key === 'gpuPartitions') {
    const gpu = model.gpus.find((g) => g.device.index === path[2]);
    if (gpu) return `${gpuPartitionFacts(gpu)}${schema ? `\n\n${documentationOf(schema)}` : ''}`;
  }
  if (typeof key === 'string' && key === 'release' && isReleaseId(value)) return `**${value}** — ${RELEASE_TABLE[value].title}${schema ? `\n\n${documentationOf(schema)}` : ''}`;
  // Other values: the documentation of the key they belong to.
  if (schema && typeof key === 'string') return keyDoc(key, schema);
  if (typeof key === 'number' && typeof parentKey === 'string') return keyDoc(parentKey, schemaAt(path.slice(0, -1)));
  return undefined;
}

/** MMIO sizes: a device's `mmio`, a child's `mmioSpace.high`/`low` (address space, not memory). */
function mmioDoc(model: LayoutModel, path: ReadonlyArray<string | number>, value: string): string | undefined {
  const side = path[3] === 'mmio' ? 'high' : path[3] === 'mmioLow' ? 'low' : undefined;
  if (path.length === 4 && path[0] === 'host' && path[1] === 'devices' && side) {
    return deviceMmioFacts(model, model.host.devices.find((d) => d.index === path[2]), side, value);
  }
  const space = path[3];
  if (path.length === 4 && path[0] === 'partitions' && path[2] === 'mmioSpace' && (space === 'high' || space === 'low')) {
    return mmioSpaceFacts(model.allPartitions.find((x) => x.index === path[1]), space, value);
  }
  return undefined;
}
