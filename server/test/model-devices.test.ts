import * as assert from 'node:assert/strict';
import { RELEASE_TABLE, RELEASES } from '../src/core/model/releases';
import type { LayoutModel } from '../src/core/model/types';
import { validate } from '../src/core/validate';
import { seenFindings } from './support';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function modelOf(text: string): LayoutModel {
  const { model } = validate(text);
  assert.ok(model, 'the layout parses');
  return model;
}

const LAYOUT = `layout: v1
name: edge-01
hypervisor:
  model: microkernelized
host:
  logicalProcessors: 32
  memory: 256GiB
  iommu: true
  devices:
    - id: nic0
      class: network
      locationPath: "PCIROOT(0)#PCI(0300)#PCI(0000)"
    - id: nic1
      class: network
    - id: gpu0
      class: gpu
      gpuPartitions: 4
    - id: gpu1
      class: gpu
      assignable: true
      mmio: 1GiB
      mmioLow: 32MiB
    - id: nvme0
      class: storage
      assignable: true
      mmio: 64MiB
  switches:
    - name: lan
      type: external
      devices: [nic0, nic1]
      sriov: true
    - name: lab
      type: private
partitions:
  - name: root
    role: root
    memory: 16GiB
  - name: vdi01
    role: child
    parent: root
    virtualProcessors: 4
    memory: 8GiB
    networkAdapters: [lan, lab]
    gpuPartition: gpu0
  - name: vdi02
    role: child
    parent: root
    virtualProcessors: 4
    memory: 8GiB
    networkAdapters: [lab]
    synthetic: [storage]
    gpuPartition: gpu0
  - name: ml01
    role: child
    parent: root
    virtualProcessors: 8
    memory: 64GiB
    devices: [gpu1, nvme0]
    mmioSpace: { high: 2GiB }
`;

describe('the model: switches, GPU partitions, MMIO and VSP backing', () => {
  const model = modelOf(LAYOUT);
  const part = (name: string) => {
    const p = model.partitionByName.get(name);
    assert.ok(p, name);
    return p;
  };

  it('reads devices: locationPath, mmioLow, gpuPartitions', () => {
    const nic0 = model.host.deviceById.get('nic0');
    assert.equal(nic0?.locationPath, 'PCIROOT(0)#PCI(0300)#PCI(0000)');
    assert.equal(model.host.deviceById.get('gpu1')?.mmioLow, 32 * MiB);
    assert.equal(model.host.deviceById.get('nvme0')?.mmioLow, 0);
    assert.equal(model.host.deviceById.get('gpu0')?.gpuPartitions, 4);
  });

  it('gives each switch its type, uplinks and the children on it; uplinks know their switch', () => {
    const sw = model.host.switches.map((s) => ({ name: s.name, type: s.type, uplinks: s.uplinks.map((d) => d.id), sriov: s.sriov, users: s.users.map((p) => p.name) }));
    assert.deepEqual(sw, [
      { name: 'lan', type: 'external', uplinks: ['nic0', 'nic1'], sriov: true, users: ['vdi01'] },
      { name: 'lab', type: 'private', uplinks: [], sriov: false, users: ['vdi01', 'vdi02'] },
    ]);
    assert.equal(model.ownership.get('nic0')?.uplinkOf?.name, 'lan');
    assert.equal(model.ownership.get('gpu0')?.uplinkOf, undefined);
  });

  it('counts GPU partitions used and offered', () => {
    assert.deepEqual(model.gpus.map((g) => ({ gpu: g.device.id, offered: g.offered, users: g.users.map((p) => p.name) })), [{ gpu: 'gpu0', offered: 4, users: ['vdi01', 'vdi02'] }]);
    assert.equal(part('vdi01').gpuPartition?.value, 'gpu0');
    assert.equal(LAYOUT.slice(part('vdi01').gpuPartition?.range.start, part('vdi01').gpuPartition?.range.end), 'gpu0');
  });

  it('sizes MMIO per child with assigned devices: needed, has (default or set), recommended', () => {
    const mmio = part('ml01').mmio;
    assert.ok(mmio);
    assert.deepEqual(mmio.devices.map((d) => d.id), ['gpu1', 'nvme0']);
    assert.deepEqual(mmio.high, { needed: GiB + 64 * MiB, has: 2 * GiB, explicit: true, recommended: GiB + 64 * MiB + 512 * MiB });
    assert.deepEqual(mmio.low, { needed: 32 * MiB, has: 128 * MiB, explicit: false, recommended: 160 * MiB });
    assert.equal(part('vdi01').mmio, undefined);
  });

  it('backs network through switches (external: uplinks; private: nothing) and storage through a root NIC (SMB 3.0)', () => {
    const backing = (name: string) => part(name).backing.map((b) => ({ class: b.class, via: b.via, devices: b.devices.map((d) => d.id), switches: b.switches.map((s) => s.name) }));
    assert.deepEqual(backing('vdi01'), [{ class: 'network', via: 'switches', devices: ['nic0', 'nic1'], switches: ['lan', 'lab'] }]);
    assert.deepEqual(backing('vdi02'), [
      { class: 'storage', via: 'smb', devices: ['nic0', 'nic1'], switches: [] },
      { class: 'network', via: 'switches', devices: [], switches: ['lab'] },
    ]);
    assert.deepEqual(model.ownership.get('nic0')?.backs.map((b) => ({ class: b.class, partitions: b.partitions.map((p) => p.name) })), [
      { class: 'network', partitions: ['vdi01'] },
      { class: 'storage', partitions: ['vdi02'] },
    ]);
  });

  it('backs a nested child by a device its parent owns, or the parent\'s own synthetic class', () => {
    const m = modelOf(`layout: v1
name: nested
hypervisor: { model: microkernelized }
host:
  logicalProcessors: 16
  memory: 64GiB
  iommu: true
  devices:
    - { id: nic0, class: network }
    - { id: nvme0, class: storage, assignable: true }
partitions:
  - { name: root, role: root }
  - name: hv01
    role: child
    parent: root
    virtualProcessors: 4
    memory: 16GiB
    virtualizationStack: true
    devices: [nvme0]
    networkAdapters: []
    synthetic: [network]
  - { name: inner, role: child, parent: hv01, virtualProcessors: 2, memory: 4GiB, synthetic: [network, storage] }
`);
    const inner = m.partitionByName.get('inner');
    assert.deepEqual(inner?.backing.map((b) => [b.class, b.via, b.devices.map((d) => d.id).join()]), [
      ['network', 'parent-synthetic', ''],
      ['storage', 'devices', 'nvme0'],
    ]);
  });

  it('has SR-IOV from Windows Server 2012 and GPU partitioning from Windows Server 2025', () => {
    assert.deepEqual(RELEASES.filter((r) => RELEASE_TABLE[r].features.sriov), ['ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025']);
    assert.deepEqual(RELEASES.filter((r) => RELEASE_TABLE[r].features.gpuPartitioning), ['ws2025']);
  });
});

describe('the schema: switches, adapters, GPU partitions, locationPath, mmioLow', () => {
  const schemaOnly = (text: string) => seenFindings(text, (r) => r === 'schema').map((f) => ({ line: f.line, text: f.text, message: f.message }));
  const head = `layout: v1
name: s
hypervisor: { model: microkernelized }
host:
  logicalProcessors: 8
  memory: 32GiB
  iommu: true
`;

  it('accepts the new properties', () => {
    assert.deepEqual(schemaOnly(LAYOUT), []);
  });

  it('rejects gpuPartitions on a device that is not a GPU, on its key', () => {
    const text = `${head}  devices:
    - id: nic0
      class: network
      gpuPartitions: 2
partitions:
  - { name: root, role: root }
`;
    assert.deepEqual(schemaOnly(text), [
      { line: 11, text: 'gpuPartitions', message: '"gpuPartitions" is for gpu devices only, but device "nic0" has class "network": remove gpuPartitions, or set class: gpu if it is a partitionable GPU.' },
    ]);
  });

  it('reports a bad switch type, switch name and location path, and an unknown switch property', () => {
    const text = `${head}  devices:
    - id: nic0
      class: network
      locationPath: "PCI bus 3, device 0"
  switches:
    - name: LAN
      type: bridged
      uplinks: [nic0]
partitions:
  - { name: root, role: root }
`;
    const got = schemaOnly(text);
    assert.deepEqual(got.map((f) => [f.line, f.text]), [[11, '"PCI bus 3, device 0"'], [13, 'LAN'], [14, 'bridged'], [15, 'uplinks']]);
    assert.match(got[0].message, /is not a PCI location path: .*"PCIROOT\(0\)#PCI\(0300\)#PCI\(0000\)"/);
    assert.match(got[1].message, /is not a valid switch name/);
    assert.match(got[2].message, /"bridged" is not a valid "type"; use one of: external, internal, private/);
    assert.match(got[3].message, /unknown property "uplinks"/);
  });

  it('requires a switch name and type, on the switch entry', () => {
    const text = `${head}  switches:
    - sriov: false
partitions:
  - { name: root, role: root }
`;
    const got = schemaOnly(text);
    assert.deepEqual(got.map((f) => [f.line, f.message]), [
      [9, 'Switch #1 is missing the required property "name": add it.'],
      [9, 'Switch #1 is missing the required property "type": add it.'],
    ]);
  });
});
