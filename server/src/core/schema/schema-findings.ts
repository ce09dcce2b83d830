import type { ErrorObject } from 'ajv';
import type { JsonPath, SourceLocations } from '../parse/locations';
import type { Finding, TextRange } from '../types';
import { didYouMean } from '../util/suggest';
import { runSchema, schemaDef } from './layout-schema';

/** Validates the data against the JSON Schema and turns ajv's errors into one human finding each. */
export function schemaFindings(data: unknown, locations: SourceLocations, text: string): Finding[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const what = data === null ? 'The file holds no YAML content' : `The document is ${typeName(data)}, not a mapping`;
    const message = `${what}: a layout is a mapping that starts with "layout: v1" and has name, hypervisor, host and partitions.`;
    return [{ rule: 'schema', severity: 'error', message, range: locations.rangeOf(data) }];
  }
  const errors = runSchema(data);
  if (errors.length === 0) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of onePerPath(selectErrors(errors))) {
    const path = toPath(e.instancePath, data);
    const f = describeError(e, path, data, locations, text);
    const key = `${f.range.start}:${f.range.end}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  return findings.sort((a, b) => a.range.start - b.range.start);
}

/**
 * Keeps the errors a person needs. For an `anyOf` that failed, the branches whose type did not even
 * match the value are dropped, so a string gets the string branch's complaint (e.g. its pattern);
 * when no branch had the right type, one type error stands for them all. `if` errors are dropped
 * (their `then` errors say it).
 */
function selectErrors(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    if (e.keyword === 'if') continue;
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      out.push(e);
      continue;
    }
    // Sub-errors of this anyOf precede it; they have instancePath at or under its own.
    const base = e.instancePath;
    let j = out.length;
    while (j > 0 && isUnder(out[j - 1].instancePath, base)) j--;
    const branch = out.splice(j);
    const kept = branch.filter((s) => !(s.keyword === 'type' && s.instancePath === base));
    if (kept.length > 0) out.push(...kept);
    else out.push({ ...e, keyword: 'anyOf-type', params: { types: branch.filter((s) => s.keyword === 'type').map((s) => s.parentSchema) } });
  }
  return out;
}

/**
 * One problem, one finding: at one path, a wrong enum/const value is the problem (its type error is
 * dropped), and a wrong type makes pattern and length complaints moot.
 */
function onePerPath(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, Set<string>>();
  for (const e of errors) {
    const set = byPath.get(e.instancePath) ?? new Set<string>();
    set.add(e.keyword);
    byPath.set(e.instancePath, set);
  }
  return errors.filter((e) => {
    const kw = byPath.get(e.instancePath) ?? new Set<string>();
    if (e.keyword === 'type' && (kw.has('enum') || kw.has('const'))) return false;
    if ((e.keyword === 'pattern' || e.keyword === 'minLength') && kw.has('type')) return false;
    return true;
  });
}

function isUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function toPath(pointer: string, data: unknown): Array<string | number> {
  if (pointer === '') return [];
  const out: Array<string | number> = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const n = Number(step);
      out.push(n);
      cur = cur[n];
    } else {
      out.push(step);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[step] : undefined;
    }
  }
  return out;
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let cur = data;
  for (const step of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}

/** "partition \"web01\"", "device \"nic0\"", "host", "the layout" ... for messages. */
function describePath(data: unknown, path: JsonPath): string {
  if (path.length === 0) return 'the layout';
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number') {
    const item = valueAt(data, path);
    const named = item && typeof item === 'object' ? (item as Record<string, unknown>) : undefined;
    if (parent === 'partitions') return typeof named?.name === 'string' ? `partition "${named.name}"` : `partition #${last + 1}`;
    if (parent === 'devices' && path[0] === 'host' && path.length === 3) return typeof named?.id === 'string' ? `device "${named.id}"` : `device #${last + 1}`;
    if (parent === 'switches' && path[0] === 'host') return typeof named?.name === 'string' ? `switch "${named.name}"` : `switch #${last + 1}`;
    return `entry #${last + 1} of "${String(parent)}"`;
  }
  if (path.length >= 3 && typeof path[path.length - 2] === 'number') return `"${last}" of ${describePath(data, path.slice(0, -1))}`;
  return `"${path.join('.')}"`;
}

function keyName(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'value';
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return 'a string';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

function expectedFromSchema(s: unknown): string {
  const sch = s as Record<string, unknown> | undefined;
  if (!sch) return 'a value';
  if (sch === schemaDef('size') || sch === schemaDef('memorySize')) return 'a size like "8GiB"';
  if (sch === schemaDef('dynamicMemory')) return 'a mapping of startup, minimum and maximum';
  const t = sch.type;
  if (typeof t === 'string') return TYPE_WORDS[t] ?? t;
  return 'a value';
}

/** Messages for pattern failures, by the definition whose pattern failed. */
function patternMessage(value: unknown, parentSchema: unknown, path: JsonPath): string {
  const v = show(value);
  const key = keyName(path);
  if (parentSchema === schemaDef('size')) {
    const hint = typeof value === 'string' ? sizeHint(value) : '';
    return `${v} is not a size: write a number and a binary unit (B, KiB, MiB, GiB, TiB), e.g. "8GiB"${hint}.`;
  }
  if (parentSchema === schemaDef('switchName')) return `${v} is not a valid switch name for "${key}": use lower-case letters, digits and "-", starting with a letter or digit.`;
  if (parentSchema === schemaDef('partitionName')) return `${v} is not a valid partition name for "${key}": use lower-case letters, digits and "-", starting with a letter or digit (e.g. ${JSON.stringify(String(value).toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+/, '') || 'web01')}).`;
  const def = parentSchema as Record<string, unknown> | undefined;
  if (key === 'address') return `${v} is not a PCI address: write domain:bus:device.function in hex, e.g. "0000:03:00.0".`;
  if (key === 'locationPath') return `${v} is not a PCI location path: write it as Windows reports it (DEVPKEY_Device_LocationPaths), e.g. "PCIROOT(0)#PCI(0300)#PCI(0000)".`;
  if (key === 'id') return `${v} is not a valid device id: use no spaces, commas, brackets or "#".`;
  if (key === 'processorAffinity') return `${v} is not a logical-processor range: write an inclusive range like "4-7".`;
  return `${v} does not match the pattern ${String(def?.pattern ?? '')} of "${key}".`;
}

function sizeHint(value: string): string {
  const m = /^\s*([0-9.]+)\s*([A-Za-z]+)\s*$/.exec(value);
  if (!m) return '';
  const unit = m[2].toLowerCase();
  const known: Record<string, string> = { k: 'KiB', kb: 'KiB', kib: 'KiB', m: 'MiB', mb: 'MiB', mib: 'MiB', g: 'GiB', gb: 'GiB', gib: 'GiB', t: 'TiB', tb: 'TiB', tib: 'TiB', b: 'B' };
  const fix = known[unit];
  return fix ? ` (did you mean "${m[1]}${fix}"?)` : '';
}

function describeError(e: ErrorObject, path: Array<string | number>, data: unknown, loc: SourceLocations, text: string): Finding {
  const at = loc.resolve(data, path);
  const where = describePath(data, path);
  const value = e.data;
  const key = keyName(path);
  const finding = (message: string, range: TextRange): Finding => ({ rule: 'schema', severity: 'error', message, range });

  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const container = valueAt(data, path);
      let range: TextRange;
      if (path.length === 0) range = loc.documentRange;
      else if (typeof path[path.length - 1] === 'string' && at.key) range = at.key;
      else range = firstKeyRange(container, loc) ?? at.value;
      const role = container && typeof container === 'object' ? (container as Record<string, unknown>).role : undefined;
      const what = path.length === 0 ? 'The layout' : capitalize(role === 'child' && where.startsWith('partition') ? `child ${where}` : where);
      return finding(`${what} is missing the required property "${missing}": add it.`, range);
    }
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const obj = valueAt(data, path);
      const range = loc.keyRange(obj, extra);
      if (extra === '<<') return finding(`unknown property "<<" in ${where}: YAML merge keys are not part of YAML 1.2; write the properties out.`, range);
      const props = Object.keys(((e.parentSchema as Record<string, unknown>)?.properties as Record<string, unknown>) ?? {});
      const hint = didYouMean(extra, props);
      // JSON quoting: a key can hold any character, line breaks included.
      const shown = JSON.stringify(extra);
      return finding(hint ? `unknown property ${shown}${hint}` : `unknown property ${shown} in ${where}; allowed: ${props.join(', ')}.`, range);
    }
    case 'type': {
      const written = text.slice(at.value.start, at.value.end).trim();
      const owner = where === `"${key}"` ? 'the layout' : parentWhere(data, path);
      if (e.parentSchema === schemaDef('size') || e.parentSchema === schemaDef('memorySize')) {
        const hint = typeof value === 'number' ? `, e.g. "${written}GiB" or "${written}MiB"` : ', e.g. "8GiB"';
        return finding(`"${key}" of ${owner} must be a size with a unit${hint}; ${written || 'an empty value'} has none.`, at.value);
      }
      const expected = TYPE_WORDS[String((e.params as { type: string }).type)] ?? String((e.params as { type: string }).type);
      let quote = expected === 'a string' && (typeof value === 'number' || typeof value === 'boolean') ? `: quote it, "${written}"` : '';
      if ((expected === 'an integer' || expected === 'a number') && typeof value === 'string' && /^-?[0-9.]+$/.test(value)) quote = `: remove the quotes, ${value}`;
      return finding(`"${key}" of ${owner} must be ${expected}, not ${typeName(value)}${quote}.`, at.value);
    }
    case 'anyOf-type': {
      const types = ((e.params as { types: unknown[] }).types ?? []).map(expectedFromSchema);
      return finding(`"${key}" must be ${[...new Set(types)].join(' or ')}, not ${typeName(value)}.`, at.value);
    }
    case 'enum': {
      const notSynthetic = key === 'synthetic' && typeof value === 'string' ? NOT_SYNTHETIC[value] : undefined;
      if (notSynthetic) return finding(`${show(value)} is not a synthetic class: ${notSynthetic}; only network and storage are VMBus classes backed by a device of the parent, so remove it from "synthetic".`, at.value);
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((a) => String(a));
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return finding(`${show(value)} is not a valid "${key}"${hint || `; use one of: ${allowed.join(', ')}.`}`, at.value);
    }
    case 'const':
      return finding(`"${key}" must be ${show((e.params as { allowedValue: unknown }).allowedValue)}.`, at.value);
    case 'pattern':
      return finding(patternMessage(value, e.parentSchema, path), at.value);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const limit = (e.params as { limit: number }).limit;
      const words: Record<string, string> = { minimum: 'at least', exclusiveMinimum: 'more than', maximum: 'at most', exclusiveMaximum: 'less than' };
      return finding(`"${key}" must be ${words[e.keyword]} ${limit}, not ${show(value)}.`, at.value);
    }
    case 'minLength':
      return finding(`"${key}" must not be empty.`, at.value);
    case 'false schema':
      return finding(falseSchemaMessage(data, path, key), at.key ?? at.value);
    default:
      return finding(`${capitalize(where)}: ${e.message ?? 'is not valid'}.`, at.value);
  }
}

/** Properties the schema forbids in context (`"gpuPartitions": false` on a device that is not a GPU). */
function falseSchemaMessage(data: unknown, path: JsonPath, key: string): string {
  const owner = parentWhere(data, path);
  const container = valueAt(data, path.slice(0, -1));
  const cls = container && typeof container === 'object' ? (container as Record<string, unknown>).class : undefined;
  if (key === 'gpuPartitions') return `"gpuPartitions" is for gpu devices only, but ${owner} has class ${show(cls)}: remove gpuPartitions, or set class: gpu if it is a partitionable GPU.`;
  return `"${key}" is not allowed in ${owner}: remove it.`;
}

/** How each class that is no synthetic (VMBus) class reaches a VM instead (docs/rules/schema.md). */
const NOT_SYNTHETIC: Record<string, string> = {
  usb: 'USB devices reach a VM as local resources of Virtual Machine Connection in enhanced session mode, not through a provider in the parent',
  audio: 'audio reaches a VM as a local resource of Virtual Machine Connection in enhanced session mode, not through a provider in the parent',
  serial: 'a VM gets a serial port as an emulated COM port (Set-VMComPort), not as a VMBus device',
  gpu: 'a GPU reaches a VM by direct assignment (the child\'s devices) or as a GPU partition',
};

function parentWhere(data: unknown, path: JsonPath): string {
  return describePath(data, path.slice(0, -1));
}

function firstKeyRange(container: unknown, loc: SourceLocations): TextRange | undefined {
  const first = loc.pairs(container)[0];
  if (first) return first[1].key;
  const r = loc.rangeOf(container);
  return container && typeof container === 'object' ? { start: r.start, end: r.start } : undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
