import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { RELEASE_TABLE, isReleaseId, DEFAULT_RELEASE } from '../core/model/releases';
import type { LayoutModel } from '../core/model/types';
import type { SourceLocations } from '../core/parse/locations';
import type { TextRange } from '../core/types';
import type { Analysis } from './document-cache';
import { toRange } from './positions';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/**
 * The outline: hypervisor, host (with its devices and switches) and partitions. Read from the parsed data, so it
 * stays while the text has syntax errors elsewhere; owners come from the model when there is one.
 */
export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const parsed = a.result?.parsed;
  const loc = parsed?.locations;
  if (!parsed || !loc || !isObj(parsed.data)) return [];
  const data = parsed.data;
  const model = a.result?.model;
  const range = (r: TextRange) => toRange(a.doc, r);
  const section = (key: string, kind: SymbolKind, detail: string, children: DocumentSymbol[]): DocumentSymbol | undefined => {
    const p = loc.pair(data, key);
    if (!p) return undefined;
    return { name: key, detail, kind, range: range(span(p.key, p.value)), selectionRange: range(p.key), children };
  };
  const out: DocumentSymbol[] = [];

  const hv = isObj(data.hypervisor) ? data.hypervisor : {};
  const release = isReleaseId(hv.release) ? hv.release : DEFAULT_RELEASE;
  const hvSymbol = section('hypervisor', SymbolKind.Module, `${str(hv.model) ?? 'microkernelized'} · ${RELEASE_TABLE[release].title}`, []);
  if (hvSymbol) out.push(hvSymbol);

  const host = isObj(data.host) ? data.host : {};
  const devices = Array.isArray(host.devices) ? host.devices : [];
  const deviceSymbols = devices.flatMap((d, i): DocumentSymbol[] => (isObj(d) ? [deviceSymbol(d, loc.itemRange(devices, i), loc, range, model)] : []));
  const hostChildren: DocumentSymbol[] = [];
  const list = (key: string, children: DocumentSymbol[]): void => {
    const p = loc.pair(host, key);
    if (p) hostChildren.push({ name: key, detail: `${children.length}`, kind: SymbolKind.Array, range: range(span(p.key, p.value)), selectionRange: range(p.key), children });
  };
  list('devices', deviceSymbols);
  const switches = Array.isArray(host.switches) ? host.switches : [];
  list('switches', switches.flatMap((sw, i): DocumentSymbol[] => (isObj(sw) ? [switchSymbol(sw, loc.itemRange(switches, i), loc, range, model)] : [])));
  const hostDetail = [host.logicalProcessors !== undefined ? `${str(host.logicalProcessors)} logical processors` : '', str(host.memory) ?? ''].filter(Boolean).join(' · ');
  const hostSymbol = section('host', SymbolKind.Object, hostDetail, hostChildren);
  if (hostSymbol) out.push(hostSymbol);

  const partitions = Array.isArray(data.partitions) ? data.partitions : [];
  const partitionSymbols = partitions.flatMap((p, i): DocumentSymbol[] => (isObj(p) ? [partitionSymbol(p, loc.itemRange(partitions, i), loc, range)] : []));
  const partitionsSymbol = section('partitions', SymbolKind.Array, `${partitionSymbols.length}`, partitionSymbols);
  if (partitionsSymbol) out.push(partitionsSymbol);
  return out;
}

function span(a: TextRange, b: TextRange): TextRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

type ToRange = (r: TextRange) => DocumentSymbol['range'];

function named(obj: Obj, key: string, item: TextRange, loc: SourceLocations): { name: string; selection: TextRange } {
  const name = str(obj[key]);
  const p = loc.pair(obj, key);
  const selection = p && p.value.start >= item.start && p.value.end <= item.end ? p.value : { start: item.start, end: item.start };
  return { name: name && name.trim() ? name : `(no ${key})`, selection };
}

function deviceSymbol(d: Obj, item: TextRange, loc: SourceLocations, range: ToRange, model: LayoutModel | undefined): DocumentSymbol {
  const { name, selection } = named(d, 'id', item, loc);
  const owner = model && typeof d.id === 'string' && model.host.deviceById.get(d.id)?.raw === d ? model.ownership.get(d.id)?.owner?.name : undefined;
  const detail = [str(d.class), str(d.address), owner ? `owner ${owner}` : ''].filter(Boolean).join(' · ');
  return { name, detail, kind: SymbolKind.Variable, range: range(item), selectionRange: range(selection) };
}

function partitionSymbol(p: Obj, item: TextRange, loc: SourceLocations, range: ToRange): DocumentSymbol {
  const { name, selection } = named(p, 'name', item, loc);
  const role = p.role === 'root' ? 'root' : typeof p.parent === 'string' ? `child of ${p.parent}` : 'child';
  const vps = typeof p.virtualProcessors === 'number' ? `${p.virtualProcessors} VP${p.virtualProcessors === 1 ? '' : 's'}` : '';
  const m = p.memory;
  const memory = typeof m === 'string' ? m : isObj(m) ? `${str(m.startup) ?? '?'} dynamic (${str(m.minimum) ?? '?'}–${str(m.maximum) ?? '?'})` : '';
  return { name, detail: [role, vps, memory].filter(Boolean).join(' · '), kind: SymbolKind.Class, range: range(item), selectionRange: range(selection) };
}

function switchSymbol(sw: Obj, item: TextRange, loc: SourceLocations, range: ToRange, model: LayoutModel | undefined): DocumentSymbol {
  const { name, selection } = named(sw, 'name', item, loc);
  const uplinks = Array.isArray(sw.devices) ? sw.devices.map(str).filter((d): d is string => d !== undefined) : [];
  const modelSwitch = model && typeof sw.name === 'string' ? model.host.switchByName.get(sw.name) : undefined;
  const users = modelSwitch?.raw === sw ? modelSwitch.users.map((p) => p.name) : [];
  const detail = [str(sw.type), uplinks.length > 0 ? `uplinks ${uplinks.join(', ')}` : '', sw.sriov === true ? 'SR-IOV' : '', users.length > 0 ? `adapters of ${users.join(', ')}` : ''].filter(Boolean).join(' · ');
  return { name, detail, kind: SymbolKind.Interface, range: range(item), selectionRange: range(selection) };
}
