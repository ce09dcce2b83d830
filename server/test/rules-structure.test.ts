import * as assert from 'node:assert/strict';
import { validate } from '../src/core/validate';
import { seenFindings, type SeenFinding } from './support';

/**
 * The tricky parts of the structure and ownership rules (parent links, cycles, listings, IOMMU
 * groups), asserted as a user sees them: rule, 1-based line, the text under the range, message.
 */

type Seen = SeenFinding;

const MY_RULES = new Set([
  'single-root', 'root-has-no-parent', 'unique-name', 'parent-exists', 'parent-can-host', 'parent-cycle',
  'no-hypervisor-drivers', 'unique-device', 'device-exists', 'device-single-owner', 'platform-stays-in-root',
  'assignable-device', 'assignment-needs-iommu', 'iommu-group-split',
]);

/** Findings of the structure and ownership rules (or of one rule), in document order. */
function check(text: string, only?: string): Seen[] {
  return seenFindings(text, (rule) => (only ? rule === only : MY_RULES.has(rule)));
}

/** The 1-based line of the first line containing `needle` after `after` (a unique line marker). */
function lineOf(text: string, needle: string, after = ''): number {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `fixture lacks ${needle}`);
  return text.slice(0, at).split('\n').length;
}

const DEVICES = `
    - id: nic0
      class: network
      address: "0000:03:00.0"
      driver: ixgbe
    - id: gpu0
      class: gpu
      address: "0000:65:00.0"
      driver: nvlddmkm
      assignable: true
      iommuGroup: 9
    - id: gpu0-audio
      class: audio
      address: "0000:65:00.1"
      driver: hdaudbus
      assignable: true
      iommuGroup: 9
    - id: usb0
      class: usb
      address: "0000:00:14.0"
      driver: usbxhci
      assignable: true
      iommuGroup: 9
    - id: acpi
      class: platform`;

function layout(partitions: string, opts: { devices?: string; iommu?: boolean; hypervisor?: string } = {}): string {
  return `layout: v1
name: test-host
hypervisor:
  model: microkernelized
  release: ws2025${opts.hypervisor ?? ''}
host:
  logicalProcessors: 32
  memory: 128GiB${opts.iommu === false ? '' : '\n  iommu: true'}
  devices:${opts.devices ?? DEVICES}
partitions:
  - name: root
    role: root
    virtualProcessors: 4
    memory: 8GiB
${partitions}`;
}

const child = (name: string, extra = '', parent = 'root'): string =>
  `  - name: ${name}\n    role: child\n    parent: ${parent}\n    virtualProcessors: 2\n    memory: 4GiB\n${extra}`;

describe('structure rules: roots and parents', () => {
  it('single-root reports every extra root on its role value, pointing at the root', () => {
    const text = layout(`  - name: mgmt01\n    role: root\n  - name: mgmt02\n    role: root\n`);
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.line, s.text]), [
      ['single-root', lineOf(text, 'role: root', 'mgmt01'), 'root'],
      ['single-root', lineOf(text, 'role: root', 'mgmt02'), 'root'],
    ]);
    assert.match(seen[0].message, /^Partition "mgmt01" is a second root partition \("root" is the root\)/);
    assert.deepEqual(seen[0].related.map((r) => r.line), [lineOf(text, 'role: root')]);
  });

  it('single-root without a root anchors the partitions key, but only when partitions is a list', () => {
    const text = 'layout: v1\nname: x\nhypervisor:\n  model: microkernelized\nhost:\n  logicalProcessors: 4\n  memory: 8GiB\npartitions:\n' + child('web01', '', 'web01');
    const seen = check(text, 'single-root');
    assert.deepEqual(seen.map((s) => [s.line, s.text]), [[8, 'partitions']]);
    const notAList = 'layout: v1\nname: x\nhypervisor:\n  model: microkernelized\nhost:\n  logicalProcessors: 4\n  memory: 8GiB\npartitions: root\n';
    assert.deepEqual(check(notAList, 'single-root'), []);
  });

  it('a parent that names an extra root is explained by parent-can-host, not reported as unknown', () => {
    const text = layout(`  - name: mgmt01\n    role: root\n${child('web01', '', 'mgmt01')}`);
    const seen = check(text).filter((s) => s.rule !== 'single-root');
    assert.deepEqual(seen.map((s) => [s.rule, s.line, s.text]), [['parent-can-host', lineOf(text, 'parent: mgmt01'), 'mgmt01']]);
    assert.match(seen[0].message, /a second root partition that is left out of the layout .*set parent to "root"/);
  });

  it('parent-exists suggests the closest partition that can host, never an ordinary child', () => {
    const text = layout(child('web01') + child('lab01', '    virtualizationStack: true\n') + child('inner01', '', 'web1') + child('inner02', '', 'lab1'));
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.line, s.text]), [
      ['parent-exists', lineOf(text, 'parent: web1'), 'web1'],
      ['parent-exists', lineOf(text, 'parent: lab1'), 'lab1'],
    ]);
    assert.doesNotMatch(seen[0].message, /did you mean/);
    assert.match(seen[1].message, /— did you mean "lab01"\?$/);
  });

  it('parent-cycle reports each parent value of a three-partition loop once, and not the tail that leads into it', () => {
    const vs = '    virtualizationStack: true\n';
    const text = layout(child('tail01', '', 'lab01') + child('lab01', vs, 'lab02') + child('lab02', vs, 'lab03') + child('lab03', vs, 'lab01'));
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.line, s.text]), [
      ['parent-cycle', lineOf(text, 'parent: lab02'), 'lab02'],
      ['parent-cycle', lineOf(text, 'parent: lab03'), 'lab03'],
      ['parent-cycle', lineOf(text, 'parent: lab01', 'name: lab03'), 'lab01'],
    ]);
    assert.match(seen[0].message, /\(lab01 → lab02 → lab03 → lab01\)/);
    assert.match(seen[2].message, /\(lab03 → lab01 → lab02 → lab03\)/);
    assert.deepEqual(seen[0].related.map((r) => r.text), ['lab03', 'lab01']);
  });

  it("the root's parent link is ignored for cycles: only root-has-no-parent fires", () => {
    const text = layout(child('lab01', '    virtualizationStack: true\n')).replace('    role: root\n', '    role: root\n    parent: lab01\n');
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.line, s.text]), [['root-has-no-parent', lineOf(text, 'parent: lab01'), 'lab01']]);
  });

  it('a self-parent is a cycle only (no parent-can-host)', () => {
    const text = layout(child('web01', '', 'web01'));
    assert.deepEqual(check(text).map((s) => [s.rule, s.text]), [['parent-cycle', 'web01']]);
  });

  it("unique-name reports each later duplicate, a child reusing the root's name included", () => {
    const text = layout(child('web01') + child('web01') + child('root'));
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.line]), [
      ['unique-name', lineOf(text, 'name: web01', 'parent: root\n    virtualProcessors: 2')],
      ['unique-name', lineOf(text, '  - name: root', 'name: web01')],
    ]);
    assert.match(seen[1].message, /already used by the root partition/);
  });
});

describe('structure rules: devices and ownership', () => {
  it('no-hypervisor-drivers fires per driver for microkernelized only', () => {
    const text = layout('', { hypervisor: '\n  drivers: [ixgbe, nvlddmkm]' });
    assert.deepEqual(check(text).map((s) => [s.rule, s.text]), [['no-hypervisor-drivers', 'ixgbe'], ['no-hypervisor-drivers', 'nvlddmkm']]);
    assert.deepEqual(check(text.replace('model: microkernelized', 'model: monolithic')), []);
  });

  it('unique-device compares PCI addresses regardless of hex case', () => {
    const devices = '\n    - id: nic0\n      class: network\n      address: "0000:b3:00.0"\n    - id: nic1\n      class: network\n      address: "0000:B3:00.0"';
    const text = layout('', { devices });
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.text]), [['unique-device', '"0000:B3:00.0"']]);
    assert.match(seen[0].message, /^Device "nic1" has PCI address "0000:B3:00\.0", which device "nic0" already has/);
  });

  it('device-single-owner: the root listing counts first; each later listing is reported with the first as related', () => {
    const text = layout(child('web01', '    devices: [gpu0, gpu0-audio, usb0]\n') + child('web02', '    devices: [gpu0]\n') + child('web03', '    devices: [usb0, usb0]\n'))
      .replace('    memory: 8GiB\n', '    memory: 8GiB\n    devices: [usb0]\n');
    const seen = check(text, 'device-single-owner');
    assert.deepEqual(seen.map((s) => [s.line, s.text, s.related.map((r) => r.line)]), [
      [lineOf(text, '[gpu0, gpu0-audio, usb0]'), 'usb0', [lineOf(text, 'devices: [usb0]')]],
      [lineOf(text, 'devices: [gpu0]'), 'gpu0', [lineOf(text, '[gpu0, gpu0-audio, usb0]')]],
      [lineOf(text, '[usb0, usb0]'), 'usb0', [lineOf(text, 'devices: [usb0]')]],
      [lineOf(text, '[usb0, usb0]'), 'usb0', [lineOf(text, 'devices: [usb0]'), lineOf(text, '[usb0, usb0]')]],
    ]);
    assert.match(seen[0].message, /already listed by the root partition "root"/);
    assert.match(seen[1].message, /^Device "gpu0" is already assigned to "web01"/);
    assert.equal(seen[3].message, 'Device "usb0" is listed twice by "web03": remove this duplicate entry.');
    // the two entries of web03 are distinct ranges
    const r = validate(text).findings.filter((f) => f.rule === 'device-single-owner');
    assert.notEqual(r[2].range.start, r[3].range.start);
  });

  it('assignment checks run on every child listing, not only the owning one', () => {
    const text = layout(child('web01', '    devices: [nic0]\n') + child('web02', '    devices: [nic0]\n'), { iommu: false });
    const seen = check(text).filter((s) => s.rule !== 'device-single-owner');
    assert.deepEqual(seen.map((s) => [s.rule, s.line]), [
      ['assignable-device', lineOf(text, 'devices: [nic0]')],
      ['assignment-needs-iommu', lineOf(text, 'devices: [nic0]')],
      ['assignable-device', lineOf(text, 'devices: [nic0]', 'name: web02')],
      ['assignment-needs-iommu', lineOf(text, 'devices: [nic0]', 'name: web02')],
    ]);
    assert.match(seen[3].message, /^Device "nic0" is assigned to "web02", but host\.iommu is not set \(default false\)/);
  });

  it('a platform device in a child is platform-stays-in-root only', () => {
    const text = layout(child('web01', '    devices: [acpi]\n'), { iommu: false });
    assert.deepEqual(check(text).map((s) => [s.rule, s.text]), [['platform-stays-in-root', 'acpi']]);
  });

  it('iommu-group-split reports each owning listing of a split group, naming the devices kept apart', () => {
    const text = layout(child('web01', '    devices: [gpu0, gpu0-audio]\n') + child('web02', '    devices: [usb0]\n'));
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.line, s.text]), [
      ['iommu-group-split', lineOf(text, '[gpu0, gpu0-audio]'), 'gpu0'],
      ['iommu-group-split', lineOf(text, '[gpu0, gpu0-audio]'), 'gpu0-audio'],
      ['iommu-group-split', lineOf(text, 'devices: [usb0]'), 'usb0'],
    ]);
    assert.match(seen[0].message, /IOMMU group 9 also holds "usb0" \(assigned to "web02"\)/);
    assert.match(seen[2].message, /IOMMU group 9 also holds "gpu0" \(assigned to "web01"\), "gpu0-audio" \(assigned to "web01"\)/);
  });

  it('a duplicate listing of a whole group changes no owner, so the group is not split', () => {
    const text = layout(child('web01', '    devices: [gpu0, gpu0-audio, usb0]\n') + child('web02', '    devices: [gpu0]\n'));
    assert.deepEqual(check(text).map((s) => [s.rule, s.text]), [['device-single-owner', 'gpu0']]);
  });

  it('device-exists checks the root list too and suggests an id', () => {
    const text = layout(child('web01')).replace('    memory: 8GiB\n', '    memory: 8GiB\n    devices: [nic9, acpi]\n');
    const seen = check(text);
    assert.deepEqual(seen.map((s) => [s.rule, s.text]), [['device-exists', 'nic9']]);
    assert.match(seen[0].message, /^Partition "root" lists device "nic9".*did you mean "nic0"\?$/);
  });
});
