/**
 * The change the host posts instead of the whole view (view-diff.ts): applied to the view the
 * webview holds, it gives exactly the new view, and it names only what changed.
 */
import * as assert from 'node:assert/strict';
import { apply, diff, type Change } from '../src/preview/view-diff';

const row = (name: string, memory: string): { name: string; memory: string; vps: number } => ({ name, memory, vps: 2 });

function roundTrip(before: unknown, after: unknown): Change | undefined {
  const change = diff(before, after);
  // what travels is JSON
  const sent = change === undefined ? undefined : (JSON.parse(JSON.stringify(change)) as Change);
  assert.deepEqual(sent === undefined ? before : apply(before, sent), after);
  return sent;
}

describe('view diff', function () {
  it('names nothing for equal views, and only the changed field of a changed row', function () {
    const a = { header: { title: 'lab' }, partitions: { total: 3, rows: [row('root', '8 GiB'), row('vm1', '2 GiB'), row('vm2', '2 GiB')] } };
    assert.equal(roundTrip(a, structuredClone(a)), undefined);
    const b = structuredClone(a);
    b.partitions.rows[1].memory = '3 GiB';
    assert.deepEqual(roundTrip(a, b), { fields: { partitions: { fields: { rows: { key: 'name', order: ['root', 'vm1', 'vm2'], items: [['vm1', { fields: { memory: { set: '3 GiB' } } }]] } } } } });
  });

  it('keys rows by name or id: an inserted, a removed and a moved row leave the others unnamed', function () {
    const a = [row('root', '8 GiB'), row('vm1', '2 GiB'), row('vm2', '2 GiB'), row('vm3', '2 GiB')];
    const b = [row('root', '8 GiB'), row('vm3', '2 GiB'), row('new', '1 GiB'), row('vm1', '2 GiB')];
    assert.deepEqual(roundTrip(a, b), { key: 'name', order: ['root', 'vm3', 'new', 'vm1'], items: [['new', { set: row('new', '1 GiB') }]] });
    const devices = [{ id: 'nic0', owner: 'root' }, { id: 'gpu0', owner: 'vm1' }];
    assert.deepEqual(roundTrip(devices, [{ id: 'nic0', owner: 'root' }, { id: 'gpu0', owner: 'vm2' }]), { key: 'id', order: ['nic0', 'gpu0'], items: [['gpu0', { fields: { owner: { set: 'vm2' } } }]] });
  });

  it('compares lists without distinct keys item by item, and replaces them when their length changes', function () {
    const segments = [{ owner: 'vm1', kind: 'child', amount: 2 }, { owner: 'vm1', kind: 'growth', amount: 1 }];
    assert.deepEqual(roundTrip(segments, [segments[0], { owner: 'vm1', kind: 'growth', amount: 3 }]), { at: [[1, { fields: { amount: { set: 3 } } }]] });
    assert.deepEqual(roundTrip(segments, [segments[0]]), { set: [segments[0]] });
  });

  it('adds and removes fields and sections (an absent field and an undefined one are the same)', function () {
    assert.deepEqual(roundTrip({ a: 1, numa: { nodes: 2 } }, { a: 1, extra: [1] }), { fields: { numa: { unset: true }, extra: { set: [1] } } });
    assert.equal(diff({ a: 1, os: undefined }, { a: 1 }), undefined);
    roundTrip(undefined, { a: 1 });
    roundTrip({ a: 1 }, undefined);
  });

  it('takes names from the layout as data only, even __proto__', function () {
    const a = [row('__proto__', '1 GiB'), row('constructor', '2 GiB')];
    const b = [row('constructor', '2 GiB'), row('__proto__', '4 GiB')];
    roundTrip(a, b);
    const fields = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown;
    const changed = JSON.parse('{"__proto__": {"x": 2}, "y": 2}') as unknown;
    roundTrip(fields, changed);
    assert.equal(({} as { x?: number }).x, undefined, 'no prototype was touched');
  });

  it('refuses a change that does not fit the value it is applied to', function () {
    assert.throws(() => apply(3, { fields: { a: { set: 1 } } }));
    assert.throws(() => apply([1], { at: [[4, { set: 1 }]] }));
    assert.throws(() => apply([{ name: 'a' }], { key: 'name', order: ['a', 'b'], items: [] }));
  });
});
