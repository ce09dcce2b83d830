import * as assert from 'node:assert/strict';
import { fixture, seenFindings } from './support';

/**
 * The realistic valid examples with switches, SR-IOV, GPU partitions and MMIO: clean as they are, and
 * one change away from exactly one finding, on the anchor docs/rules/<id>.md names.
 */

const VDI = fixture('valid', 'vdi-gpu-partitioning.partition.yaml');
const EDGE = fixture('valid', 'edge-sriov-switches.partition.yaml');

/** The text with `from` replaced once (it must occur exactly once). */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  return text.replace(from, to);
}

/** The one finding of the text: rule, line, the text under it. */
function onlyFinding(text: string): { rule: string; line: number; text: string; message: string } {
  const all = seenFindings(text);
  assert.equal(all.length, 1, JSON.stringify(all, null, 2));
  const { rule, line, text: under, message } = all[0];
  return { rule, line, text: under, message };
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('valid examples with switches, GPU partitions and MMIO', () => {
  it('have no findings at all', () => {
    assert.deepEqual(seenFindings(VDI), []);
    assert.deepEqual(seenFindings(EDGE), []);
  });

  it('gpu-partition: fewer partitions than users, on the first child past the count', () => {
    const text = edit(VDI, 'address: "0000:e1:00.0"\n      locationPath: "PCIROOT(E0)#PCI(0301)#PCI(0000)"\n      driver: nvlddmkm\n      gpuPartitions: 4', 'address: "0000:e1:00.0"\n      locationPath: "PCIROOT(E0)#PCI(0301)#PCI(0000)"\n      driver: nvlddmkm\n      gpuPartitions: 2');
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.text], ['gpu-partition', 'gpu1']);
    assert.equal(f.line, text.split('\n').findIndex((l, i) => i > lineOf(text, 'name: vdi07') && l.includes('gpuPartition: gpu1')) + 1);
    assert.match(f.message, /^GPU "gpu1" offers 2 partitions but 3 children take one \("vdi05", "vdi06", "vdi07"\); "vdi07" is past the count/);
  });

  it('mmio-buffer: a high MMIO space that fits without the buffer, on its value', () => {
    const text = edit(VDI, 'mmioSpace: { low: 128MiB, high: 688MiB }', 'mmioSpace: { low: 128MiB, high: 600MiB }');
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.line, f.text], ['mmio-buffer', lineOf(text, 'high: 600MiB'), '600MiB']);
    assert.match(f.message, /set mmioSpace\.high to 688 MiB \(Set-VM -HighMemoryMappedIoSpace 688MB\)\.$/);
  });

  it('mmio-space: a high MMIO space smaller than the GPU needs, on the devices key', () => {
    const text = edit(VDI, 'high: 688MiB }', 'high: 128MiB }');
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.line, f.text], ['mmio-space', lineOf(text, 'devices: [gpu2]'), 'devices']);
    assert.equal(f.message, 'Devices assigned to "render01" (gpu2 176 MiB) need 176 MiB of high MMIO space, more than its mmioSpace.high of 128 MiB: set mmioSpace.high to at least 688 MiB (Set-VM -HighMemoryMappedIoSpace 688MB).');
  });

  it('switch-config: SR-IOV on an internal switch, on the sriov value', () => {
    const text = edit(EDGE, '    - name: host-local\n      type: internal\n', '    - name: host-local\n      type: internal\n      sriov: true\n');
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.line, f.text], ['switch-config', lineOf(text, 'sriov: true\n    - name: ot'), 'true']);
  });

  it('switch-uplink: one NIC bound to two switches, on the later switch\'s entry', () => {
    const text = edit(EDGE, 'devices: [nic1]\n      sriov: true', 'devices: [nic1, nic0]\n      sriov: true');
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.line, f.text], ['switch-uplink', lineOf(text, 'devices: [nic1, nic0]'), 'nic0']);
    assert.match(f.message, /^Device "nic0" is already an uplink of switch "mgmt-uplink"/);
  });

  it('network-adapter-switch: an adapter on a switch that does not exist, on the entry', () => {
    const text = edit(EDGE, 'networkAdapters: [ot]', 'networkAdapters: [ott]');
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.line, f.text], ['network-adapter-switch', lineOf(text, '[ott]'), 'ott']);
    assert.match(f.message, /did you mean "ot"\?$/);
  });

  it('unique-device: a location path copied onto another device, on the later value', () => {
    const text = edit(EDGE, 'locationPath: "PCIROOT(85)#PCI(0000)#PCI(0000)"', 'locationPath: "PCIROOT(3A)#PCI(0000)#PCI(0000)"');
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.line, f.text], ['unique-device', text.slice(0, text.lastIndexOf('PCIROOT(3A)')).split('\n').length, '"PCIROOT(3A)#PCI(0000)#PCI(0000)"']);
  });

  it('release-feature: SR-IOV on Windows Server 2008 R2, on the sriov value', () => {
    // generation 1 by default on ws2008r2 (it has no generation 2), static memory, no assigned devices: only SR-IOV is missing
    const text = `layout: v1
name: r2
hypervisor: { model: microkernelized, release: ws2008r2 }
host:
  logicalProcessors: 8
  memory: 32GiB
  iommu: true
  devices:
    - { id: nic0, class: network }
    - { id: disk0, class: storage }
  switches:
    - { name: lan, type: external, devices: [nic0], sriov: true }
partitions:
  - { name: root, role: root, memory: 4GiB }
  - { name: web01, role: child, parent: root, virtualProcessors: 2, memory: 4GiB, synthetic: [storage], networkAdapters: [lan] }
`;
    const f = onlyFinding(text);
    assert.deepEqual([f.rule, f.line, f.text], ['release-feature', 12, 'true']);
  });
});
