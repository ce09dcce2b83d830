import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './support';

/** docs/format.md is the user's reference: every property the schema allows is there, by name. */

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  $defs?: Record<string, SchemaNode>;
}

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'partition-layout.schema.json'), 'utf8')) as SchemaNode;
const formatDoc = fs.readFileSync(path.join(repoRoot, 'docs', 'format.md'), 'utf8');

/** Every property as `parent.name` (the parent's own name; '' at the top), following $refs once each. */
function properties(node: SchemaNode, parent: string, seen: Set<string>, out: Set<string>): Set<string> {
  if (node.$ref) {
    if (seen.has(node.$ref)) return out;
    const def = schema.$defs?.[node.$ref.replace('#/$defs/', '')];
    if (def) properties(def, parent, new Set([...seen, node.$ref]), out);
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    out.add(parent ? `${parent}.${name}` : name);
    properties(child, name, seen, out);
  }
  if (node.items) properties(node.items, parent, seen, out);
  for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) properties(alt, parent, seen, out);
  return out;
}

describe('docs/format.md', () => {
  const all = [...properties(schema, '', new Set(), new Set())].sort();

  it('the schema has the properties this test walks (switches, GPU partitions, MMIO, limits)', () => {
    for (const p of ['host.switches', 'switches.sriov', 'devices.gpuPartitions', 'devices.mmioLow', 'partitions.networkAdapters', 'mmioSpace.low', 'limits.runningPartitions']) {
      assert.ok(all.includes(p) || all.some((q) => q.endsWith(`.${p.split('.')[1]}`)), `${p} in ${all.join(', ')}`);
    }
  });

  for (const property of all) {
    const name = property.split('.').pop() ?? property;
    it(`documents ${property}`, () => {
      // in a table row or the text, as `name`, `parent.name`, or (an object) by its fields, `name.field`
      assert.ok(formatDoc.includes(`\`${name}\``) || formatDoc.includes(`.${name}\``) || formatDoc.includes(`\`${name}.`), `docs/format.md does not mention \`${name}\` (${property})`);
    });
  }
});
