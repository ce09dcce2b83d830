import type { DefinitionParams, Location } from 'vscode-languageserver';
import type { Analysis } from './document-cache';
import { namesOf } from './name-index';
import { toOffset, toRange } from './positions';

/** Go to definition: from a `devices` entry to `host.devices[].id`, from `parent` to the partition's `name`. */
export function definition(a: Analysis, params: DefinitionParams): Location[] | null {
  const index = a.result && namesOf(a.result);
  const o = index?.at(toOffset(a.doc, params.position));
  if (!index || !o) return null;
  // References resolve to the first definition of a name (later duplicates are reported, not used).
  const def = index.definitionsOf(o.kind, o.name)[0];
  return def ? [{ uri: a.doc.uri, range: toRange(a.doc, def.range) }] : null;
}
