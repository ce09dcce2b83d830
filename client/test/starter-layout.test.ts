/** The starter that `Partition Layout: New Layout File` opens, checked with the same core the server runs. */
import * as assert from 'node:assert/strict';
import { STARTER_LAYOUT, STARTER_NAME } from '../src/commands/starter-layout';
import { loadCore } from './support';

describe('starter layout (Partition Layout: New Layout File)', () => {
  const core = loadCore();

  it('validates with zero findings of any severity', () => {
    const result = core.validate(STARTER_LAYOUT);
    assert.deepEqual(
      result.findings.map((f) => `${f.rule} ${f.severity}: ${f.message}`),
      [],
    );
    assert.ok(result.model, 'the starter must parse into a layout model');
  });

  it('shows the model of the format: a root, a child of it, and a VSP in the root for each synthetic class', () => {
    const model = core.validate(STARTER_LAYOUT).model;
    assert.ok(model);
    assert.equal(model.hypervisorModel, 'microkernelized');
    assert.equal(model.root?.name, 'root');
    const children = model.partitions.filter((p) => !p.isRoot);
    assert.ok(children.some((c) => c.synthetic.length > 0), 'the starter needs a child with synthetic devices');
    for (const child of children) {
      assert.equal(child.parent, model.root, `${child.name} is a child of the root`);
      for (const ref of child.synthetic) {
        const backing = [...model.ownership.values()].filter((o) => o.owner === model.root && o.device.class === ref.value);
        assert.ok(backing.length > 0, `the root owns no ${ref.value} device to back ${child.name}'s synthetic ${ref.value}`);
      }
    }
  });

  it('has the name the command selects for the user to type over, exactly once', () => {
    assert.equal(STARTER_LAYOUT.split(`name: ${STARTER_NAME}\n`).length, 2);
  });

  it('ends with a newline and has no tabs or CR characters', () => {
    assert.ok(STARTER_LAYOUT.endsWith('\n'));
    assert.ok(!/[\t\r]/.test(STARTER_LAYOUT));
  });
});
