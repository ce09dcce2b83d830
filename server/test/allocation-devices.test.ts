import * as assert from 'node:assert/strict';
import type { AllocationModel } from '../src/core/model/allocation-types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli } from './support';

/** `partition-lint allocation`: virtual switches, GPU partitions and MMIO (JSON and text). */

const VDI = 'test-fixtures/valid/vdi-gpu-partitioning.partition.yaml';
const EDGE = 'test-fixtures/valid/edge-sriov-switches.partition.yaml';
const MiB = 1024 * 1024;

function allocationJson(file: string): AllocationModel {
  const run = runCli(['allocation', file, '--format', 'json']);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  return JSON.parse(run.stdout) as AllocationModel;
}

function allocationText(file: string): string[] {
  const run = runCli(['allocation', file]);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  return run.stdout.split('\n');
}

/** The rows of a text section: the lines after `title` up to the next blank line, split on runs of spaces. */
function section(out: string[], title: string): string[][] {
  const from = out.indexOf(title);
  assert.ok(from >= 0, `no section "${title}" in:\n${out.join('\n')}`);
  const rows: string[][] = [];
  for (const line of out.slice(from + 1)) {
    if (line.trim() === '') break;
    rows.push(line.trim().split(/\s{2,}/));
  }
  return rows;
}

describe('partition-lint allocation --format json: switches, GPU partitions, MMIO', () => {
  it('lists each switch with its type, uplinks, SR-IOV and the children on it', () => {
    const m = allocationJson(EDGE);
    assert.deepEqual(
      m.switches.map((s) => [s.name, s.type, s.uplinks, s.sriov, s.partitions, s.position.line]),
      [
        ['mgmt-uplink', 'external', ['nic0'], false, ['fw01'], 43],
        ['plant', 'external', ['nic1'], true, ['fw01', 'historian01', 'hmi01'], 46],
        ['host-local', 'internal', [], false, ['historian01', 'hmi01'], 50],
        ['ot', 'private', [], false, ['fw01', 'otgw01'], 52],
      ],
    );
    const nic1 = m.devices.find((d) => d.id === 'nic1');
    assert.equal(nic1?.uplinkOf, 'plant');
    assert.equal(nic1?.locationPath, 'PCIROOT(3A)#PCI(0000)#PCI(0000)');
    assert.deepEqual(m.partitions.find((p) => p.name === 'fw01')?.networkAdapters, ['plant', 'mgmt-uplink', 'ot']);
  });

  it('counts GPU partitions used and offered per partitionable GPU', () => {
    const m = allocationJson(VDI);
    assert.deepEqual(
      m.gpuPartitions.map((g) => [g.gpu, g.used, g.offered, g.partitions]),
      [
        ['gpu0', 4, 4, ['vdi01', 'vdi02', 'vdi03', 'vdi04']],
        ['gpu1', 3, 4, ['vdi05', 'vdi06', 'vdi07']],
      ],
    );
    assert.equal(m.partitions.find((p) => p.name === 'vdi05')?.gpuPartition, 'gpu1');
    assert.equal(m.partitions.find((p) => p.name === 'render01')?.gpuPartition, undefined);
  });

  it('gives the MMIO of each child with assigned devices: needed, set, recommended', () => {
    assert.deepEqual(allocationJson(VDI).mmio, [
      {
        partition: 'render01',
        devices: ['gpu2'],
        high: { needed: 176 * MiB, set: 688 * MiB, default: false, recommended: 688 * MiB, state: 'ok' },
        low: { needed: 0, set: 128 * MiB, default: false, recommended: 128 * MiB, state: 'ok' },
      },
    ]);
    assert.deepEqual(allocationJson(EDGE).mmio, [
      {
        partition: 'historian01',
        devices: ['nvme0'],
        high: { needed: 16 * MiB, set: 528 * MiB, default: false, recommended: 528 * MiB, state: 'ok' },
        low: { needed: 0, set: 128 * MiB, default: true, recommended: 128 * MiB, state: 'ok' },
      },
    ]);
  });

  it('judges each side of the MMIO space as mmio-space and mmio-buffer do', () => {
    const states = (rule: string, fixture: string): string[] => allocationJson(`test-fixtures/rules/${rule}/${fixture}.partition.yaml`).mmio.map((m) => `${m.partition} ${m.high.state} ${m.low.state}`);
    assert.deepEqual(states('mmio-space', 'fires-low'), ['render01 ok short']);
    assert.deepEqual(states('mmio-space', 'fires-explicit-high'), ['ml01 short ok']);
    assert.deepEqual(states('mmio-space', 'fires-low-4gib'), ['render01 ok not-below-4GiB']);
    assert.deepEqual(states('mmio-buffer', 'fires'), ['render01 no-buffer ok']);
    assert.deepEqual(states('mmio-buffer', 'fires-low'), ['render01 ok no-buffer']);
    // the low side needs nothing: the default 128 MiB stands, with no buffer to ask for
    assert.deepEqual(states('mmio-buffer', 'near-miss'), ['render01 ok ok']);
  });

  it('shows storage served through a root NIC (SMB 3.0) and network through switches', () => {
    const m = allocationJson('test-fixtures/rules/synthetic-needs-root-device/near-miss-switches.partition.yaml');
    assert.deepEqual(m.devices.find((d) => d.id === 'nic0')?.backs, [{ class: 'storage', partitions: ['lab01'] }]);
    assert.deepEqual(m.switches.map((s) => [s.name, s.partitions]), [['lan', []], ['mgmt', ['lab01']], ['lab', ['lab01']]]);
  });
});

describe('partition-lint allocation (text): switches, GPU partitions, MMIO', () => {
  it('prints the switches with their uplinks and children, and the uplinks in the device table', () => {
    const out = allocationText(EDGE);
    assert.deepEqual(section(out, 'Virtual switches: 4'), [
      ['switch', 'type', 'uplinks', 'SR-IOV', 'children on it'],
      ['mgmt-uplink', 'external', 'nic0', 'no', 'fw01'],
      ['plant', 'external', 'nic1', 'yes', 'fw01, historian01, hmi01'],
      ['host-local', 'internal', '-', 'no', 'historian01, hmi01'],
      ['ot', 'private', '-', 'no', 'fw01, otgw01'],
    ]);
    const nic1 = section(out, 'Devices: 5').find((r) => r[0] === 'nic1');
    assert.equal(nic1?.at(-1), 'root by default; uplink of switch plant; backs synthetic network for fw01, historian01, hmi01');
  });

  it('prints GPU partitions used / offered and the MMIO table', () => {
    const out = allocationText(VDI);
    assert.deepEqual(section(out, 'GPU partitions: 2 partitionable GPUs'), [
      ['GPU', 'used / offered', 'children'],
      ['gpu0', '4 / 4', 'vdi01, vdi02, vdi03, vdi04'],
      ['gpu1', '3 / 4', 'vdi05, vdi06, vdi07'],
    ]);
    assert.deepEqual(section(out, 'MMIO space of children with assigned devices (needed / set / Microsoft recommends):'), [
      ['partition', 'devices', 'high', 'low'],
      ['render01', 'gpu2', '176 MiB / 688 MiB / 688 MiB', '0 B / 128 MiB / 128 MiB'],
    ]);
  });

  it('marks a child short of MMIO space, and one without the buffer', () => {
    const short = allocationText('test-fixtures/rules/mmio-space/fires-low.partition.yaml');
    assert.deepEqual(section(short, 'MMIO space of children with assigned devices (needed / set / Microsoft recommends):')[1], [
      'render01',
      'gpu0',
      '176 MiB / 1 GiB / 688 MiB',
      '160 MiB / 128 MiB (default) / 288 MiB (SHORT)',
    ]);
    const noBuffer = allocationText('test-fixtures/rules/mmio-buffer/fires.partition.yaml');
    assert.deepEqual(section(noBuffer, 'MMIO space of children with assigned devices (needed / set / Microsoft recommends):')[1][2], '176 MiB / 512 MiB (default) / 688 MiB (no buffer)');
    // a low side below the default whose devices need no low MMIO: mmio-buffer does not fire, and the text says nothing
    const lowNeedsNothing = fs.readFileSync(path.join(repoRoot, 'test-fixtures/rules/mmio-buffer/near-miss.partition.yaml'), 'utf8').replace('mmioSpace: { high: 688MiB }', 'mmioSpace: { high: 688MiB, low: 64MiB }');
    const check = runCli(['check', '-', '--format', 'json'], { input: lowNeedsNothing });
    assert.deepEqual((JSON.parse(check.stdout) as Array<{ diagnostics: unknown[] }>)[0].diagnostics, [], 'no finding at all');
    const quiet = runCli(['allocation', '-'], { input: lowNeedsNothing }).stdout.split('\n');
    assert.equal(section(quiet, 'MMIO space of children with assigned devices (needed / set / Microsoft recommends):')[1][3], '0 B / 64 MiB / 128 MiB');
    const tooHigh = allocationText('test-fixtures/rules/mmio-space/fires-low-4gib.partition.yaml');
    assert.deepEqual(section(tooHigh, 'MMIO space of children with assigned devices (needed / set / Microsoft recommends):')[1][3], '0 B / 4 GiB / 128 MiB (NOT BELOW 4 GiB)');
  });

  it('prints no switch, GPU or MMIO section for a layout without them', () => {
    const out = allocationText('test-fixtures/valid/ws2008-host.partition.yaml').join('\n');
    assert.doesNotMatch(out, /Virtual switches|GPU partitions|MMIO space/);
  });
});

describe('docs/allocation-json.md', () => {
  it('its example output is what partition-lint allocation prints for its example layout', () => {
    const page = fs.readFileSync(path.join(repoRoot, 'docs', 'allocation-json.md'), 'utf8');
    const example = page.slice(page.indexOf('## Example'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(example)?.[1];
    const json = /```json\n([\s\S]*?)```/.exec(example)?.[1];
    assert.ok(yaml && json, 'the example has a layout and its JSON');
    const run = runCli(['allocation', '-', '--format', 'json'], { input: yaml });
    assert.equal(run.status, 0);
    assert.deepEqual(JSON.parse(run.stdout), JSON.parse(json));
  });
});
