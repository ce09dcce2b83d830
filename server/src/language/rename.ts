import { LSPErrorCodes, ResponseError, type PrepareRenameParams, type Range, type RenameParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { parse } from 'yaml';
import { schemaDef } from '../core/schema/layout-schema';
import type { Analysis } from './document-cache';
import { namesOf, type NameIndex, type NameKind, type Occurrence } from './name-index';
import { toOffset, toRange } from './positions';

const WHAT: Record<NameKind, string> = { device: 'device id', partition: 'partition name', switch: 'switch name' };

function fail(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function occurrenceAt(a: Analysis, offset: number): { index: NameIndex; o: Occurrence } {
  const index = a.result && namesOf(a.result);
  if (!index) throw fail(a.result ? 'This layout has YAML syntax errors: fix them first, then rename.' : 'This file is too large for the editor to analyse.');
  const o = index.at(offset);
  if (!o) throw fail('Only device ids (in host.devices, devices lists and gpuPartition), partition names (name and parent) and switch names (in host.switches and networkAdapters) can be renamed.');
  return { index, o };
}

/** Says what rename would change: the name under the cursor. */
export function prepareRename(a: Analysis, params: PrepareRenameParams): { range: Range; placeholder: string } {
  const { o } = occurrenceAt(a, toOffset(a.doc, params.position));
  return { range: toRange(a.doc, o.range), placeholder: o.name };
}

/** The schema's pattern for the kind of name (so rename accepts exactly what validation accepts). */
function patternOf(kind: NameKind): RegExp {
  const source = kind === 'device' ? (schemaDef('device')?.properties as Record<string, { pattern?: string }> | undefined)?.id?.pattern : schemaDef(kind === 'partition' ? 'partitionName' : 'switchName')?.pattern;
  return new RegExp(typeof source === 'string' ? source : '^\\S+$', 'u');
}

function checkNewName(kind: NameKind, name: string): void {
  if (patternOf(kind).test(name)) return;
  if (kind !== 'device') throw fail(`"${name}" is not a valid ${WHAT[kind]}: use lower-case letters, digits and -, starting with a letter or digit.`);
  throw fail(`"${name}" is not a valid device id: use no spaces, commas, brackets, braces or #.`);
}

/** Would the name read back as this same string when written without quotes? */
function plainIsSafe(name: string): boolean {
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(name) || /:\s|\s#/.test(name) || name !== name.trim()) return false;
  try {
    return parse(name) === name;
  } catch {
    return false;
  }
}

/** The new name written the way the old one was: in the same quotes, or quoted when plain would change its type. */
function written(text: string, o: Occurrence, name: string): string {
  const quote = text[o.range.start - 1];
  if (quote === '"' && text[o.range.end] === '"') return JSON.stringify(name).slice(1, -1);
  if (quote === "'" && text[o.range.end] === "'") return name.replace(/'/g, "''");
  return plainIsSafe(name) ? name : JSON.stringify(name);
}

/** Renames a device id, partition name or switch name everywhere it is written in the layout. */
export function rename(a: Analysis, params: RenameParams): WorkspaceEdit {
  const { index, o } = occurrenceAt(a, toOffset(a.doc, params.position));
  const name = params.newName;
  if (name === o.name) return { changes: {} };
  checkNewName(o.kind, name);
  const clash = index.definitionsOf(o.kind, name)[0] ?? index.of(o.kind, name)[0];
  if (clash) {
    const line = a.doc.positionAt(clash.range.start).line + 1;
    throw fail(`The layout already uses the ${WHAT[o.kind]} "${name}" (line ${line}): renaming "${o.name}" to it would merge the two; choose another name.`);
  }
  const text = a.doc.getText();
  const edits: TextEdit[] = index.of(o.kind, o.name).map((x) => ({ range: toRange(a.doc, x.range), newText: written(text, x, name) }));
  return { changes: { [a.doc.uri]: edits } };
}
