import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { Analysis } from './document-cache';
import { namesOf } from './name-index';
import { toOffset, toRange } from './positions';

/** Find references: every place a device id or partition name is written (its definition when asked). */
export function references(a: Analysis, params: ReferenceParams): Location[] | null {
  const index = a.result && namesOf(a.result);
  const o = index?.at(toOffset(a.doc, params.position));
  if (!index || !o) return null;
  return index
    .of(o.kind, o.name)
    .filter((x) => params.context.includeDeclaration || !x.definition)
    .map((x) => ({ uri: a.doc.uri, range: toRange(a.doc, x.range) }));
}
