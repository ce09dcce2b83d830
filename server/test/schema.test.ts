import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { layoutSchema, schemaValidator } from '../src/core/schema/layout-schema';
import { validate } from '../src/core/validate';
import { repoRoot } from './support';

type Schema = Record<string, unknown>;

/** Every object schema reachable from the root (through properties, items, anyOf and $defs). */
function objectSchemas(root: Schema): Array<{ path: string; schema: Schema }> {
  const out: Array<{ path: string; schema: Schema }> = [];
  const seen = new Set<Schema>();
  const walk = (s: unknown, path: string): void => {
    if (!s || typeof s !== 'object' || seen.has(s as Schema)) return;
    const sch = s as Schema;
    seen.add(sch);
    if (sch.type === 'object') out.push({ path, schema: sch });
    for (const [k, v] of Object.entries((sch.properties as Schema | undefined) ?? {})) walk(v, `${path}.${k}`);
    if (sch.items) walk(sch.items, `${path}[]`);
    for (const [i, v] of ((sch.anyOf as unknown[] | undefined) ?? []).entries()) walk(v, `${path}|${i}`);
    for (const [k, v] of Object.entries((sch.$defs as Schema | undefined) ?? {})) walk(v, `#${k}`);
  };
  walk(root, '$');
  return out;
}

describe('the JSON Schema (schemas/partition-layout.schema.json)', () => {
  it('is draft 2020-12 with $id, title, description and markdownDescription', () => {
    assert.equal(layoutSchema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.match(String(layoutSchema.$id), /^https:\/\/.+\/partition-layout\.schema\.json$/);
    for (const k of ['title', 'description', 'markdownDescription']) assert.equal(typeof layoutSchema[k], 'string', k);
  });

  it('every property of every object has description and markdownDescription, and unknown properties are rejected', () => {
    const objects = objectSchemas(layoutSchema);
    assert.ok(objects.length >= 10, `only ${objects.length} object schemas found`);
    for (const { path, schema } of objects) {
      assert.equal(schema.additionalProperties, false, `${path} accepts unknown properties`);
      for (const [key, prop] of Object.entries(schema.properties as Record<string, Schema>)) {
        assert.ok(typeof prop.description === 'string' && prop.description.length > 10, `${path}.${key}: description`);
        assert.ok(typeof prop.markdownDescription === 'string' && prop.markdownDescription.length > 10, `${path}.${key}: markdownDescription`);
      }
    }
  });

  it('has enums for classes, roles, releases, models and generations, and patterns for sizes, PCI addresses, LP ranges and names', () => {
    const defs = layoutSchema.$defs as Record<string, Schema>;
    const partition = defs.partition.properties as Record<string, Schema>;
    const hv = ((layoutSchema.properties as Record<string, Schema>).hypervisor.properties as Record<string, Schema>);
    assert.deepEqual(defs.deviceClass.enum, ['network', 'storage', 'gpu', 'usb', 'serial', 'audio', 'platform', 'other']);
    assert.deepEqual(partition.role.enum, ['root', 'child']);
    assert.deepEqual(partition.generation.enum, [1, 2]);
    assert.deepEqual(hv.release.enum, ['ws2008', 'ws2008r2', 'ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025']);
    assert.deepEqual(hv.model.enum, ['microkernelized', 'monolithic']);
    const re = (s: Schema): RegExp => new RegExp(String(s.pattern), 'u');
    assert.ok(re(defs.size).test('512MiB') && re(defs.size).test('8 GB') && !re(defs.size).test('8G'));
    const pci = re((defs.device.properties as Record<string, Schema>).address);
    assert.ok(pci.test('0000:65:00.0') && !pci.test('0000:65:20.0') && !pci.test('65:00.0'));
    assert.ok(re(defs.partitionName).test('web-01') && !re(defs.partitionName).test('Web01') && !re(defs.partitionName).test('-x'));
    const lpRange = ((defs.lpSet.items as Schema).anyOf as Schema[])[1];
    assert.ok(re(lpRange).test('4-7') && !re(lpRange).test('4..7'));
  });

  it('is compiled once per process', () => {
    assert.equal(schemaValidator(), schemaValidator());
  });

  it('the validator generated at build time is for the schema shipped in schemas/ (not a stale copy)', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'partition-layout.schema.json'), 'utf8')) as Schema;
    assert.deepEqual(layoutSchema, shipped);
    const text = 'layout: v1\nname: x\nhypervisor:\n  model: microkernelized\nhost:\n  logicalProcessors: 4\n  memory: 8G\npartitions: []\n';
    assert.deepEqual(
      validate(text).findings.filter((f) => f.rule === 'schema').map((f) => f.message),
      ['"8G" is not a size: write a number and a binary unit (B, KiB, MiB, GiB, TiB), e.g. "8GiB" (did you mean "8GiB"?).'],
    );
  });

  it('drives the messages: a missing property names what and where, an unknown one suggests the closest', () => {
    const text = 'layout: v1\nname: x\nhypervisor:\n  modle: microkernelized\nhost:\n  logicalProcessors: 4\n  memory: 8GiB\npartitions: []\n';
    const messages = validate(text).findings.filter((f) => f.rule === 'schema').map((f) => f.message);
    assert.deepEqual(messages, ['"hypervisor" is missing the required property "model": add it.', 'unknown property "modle" — did you mean "model"?']);
  });
});
