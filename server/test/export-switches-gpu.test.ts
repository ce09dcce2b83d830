// partition-lint export for virtual switches, SR-IOV, GPU partitioning (GPU-P) and MMIO: every value in
// the script is the layout's, read from the layout model the checker builds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { LayoutModel } from '../src/core/model/types';
import { validate } from '../src/core/validate';
import { fixturesDir, runCli } from './support';
import { commandsNamed, parameterValue, parsePowerShell, referenceProblems, syntaxErrorLines, type ParsedPowerShell, type PsCommand } from './support/powershell';

const MiB = 1024 ** 2;

function model(name: string): LayoutModel {
  const result = validate(fs.readFileSync(path.join(fixturesDir, 'valid', `${name}.partition.yaml`), 'utf8'));
  assert.ok(result.model);
  return result.model;
}

async function exported(name: string, undo = false): Promise<ParsedPowerShell> {
  const run = runCli(['export', `test-fixtures/valid/${name}.partition.yaml`, ...(undo ? ['--undo'] : [])]);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  const parsed = await parsePowerShell(run.stdout);
  assert.deepEqual(syntaxErrorLines(parsed), []);
  assert.deepEqual(referenceProblems(parsed), []);
  return parsed;
}

const value = (c: PsCommand, p: string): string | bigint | undefined => parameterValue(c, p)?.value;
const text = (c: PsCommand, p: string): string | undefined => parameterValue(c, p)?.text;

/** The commands inside the `if (...) { ... }` body whose condition is nearest above `cmd`. */
function sameBlock(s: ParsedPowerShell, cmd: PsCommand): PsCommand[] {
  let block: Node | null = cmd.node.parent;
  while (block && block.type !== 'statement_block') block = block.parent;
  return s.commands.filter((c) => block && c.node.startIndex >= block.startIndex && c.node.endIndex <= block.endIndex);
}

/** Whether `cmd` sits inside `if ($RemoveVMs) { … }`. */
function behindRemoveVMs(cmd: PsCommand): boolean {
  for (let p = cmd.node.parent; p; p = p.parent) if (p.type === 'if_statement' && p.childForFieldName('condition')?.text === '$RemoveVMs') return true;
  return false;
}

/** The location paths the uplink / GPU lookups before `cmd` (in its block) ask for. */
function lookups(s: ParsedPowerShell, cmd: PsCommand, helper: string): Array<string | bigint | undefined> {
  return sameBlock(s, cmd).filter((c) => c.name === helper && c.line < cmd.line).map((c) => value(c, 'LocationPath'));
}

describe('partition-lint export: switches, SR-IOV, GPU partitions, MMIO', () => {
  it('creates each switch of the layout with its type, uplinks found by their PCI location path, teaming and SR-IOV', async () => {
    for (const name of ['edge-sriov-switches', 'vdi-gpu-partitioning']) {
      const m = model(name);
      const s = await exported(name);
      const created = commandsNamed(s, 'New-VMSwitch');
      assert.deepEqual(created.map((c) => value(c, 'Name')), m.host.switches.map((sw) => sw.name), name);
      for (const [i, sw] of m.host.switches.entries()) {
        const c = created[i];
        if (sw.type === 'external') {
          assert.equal(text(c, 'NetAdapterName'), '$uplinks');
          assert.equal(text(c, 'SwitchType'), undefined);
          assert.deepEqual(lookups(s, c, 'Get-PartitionLayoutNetAdapterName'), sw.uplinks.map((u) => u.locationPath), `${name} ${sw.name}: uplinks`);
          assert.equal(text(c, 'EnableEmbeddedTeaming'), sw.uplinks.length > 1 ? '$true' : undefined, `${name} ${sw.name}: teaming`);
          assert.equal(text(c, 'EnableIov'), sw.sriov ? '$true' : undefined, `${name} ${sw.name}: SR-IOV`);
        } else {
          assert.equal(text(c, 'SwitchType'), sw.type === 'internal' ? 'Internal' : 'Private');
          assert.equal(text(c, 'NetAdapterName'), undefined);
        }
        // Guarded: created only when no switch of that exact name exists.
        assert.ok(s.text.includes(`$switch = Get-VMSwitch | Where-Object { $_.Name -eq '${sw.name}' }\nif (-not $switch) {`), `${name} ${sw.name}: existence check`);
      }
    }
  });

  it('gives each VM one adapter per networkAdapters entry, the first through New-VM, and asks for SR-IOV on an SR-IOV switch', async () => {
    const m = model('edge-sriov-switches');
    const s = await exported('edge-sriov-switches');
    const children = m.root?.children ?? [];
    assert.deepEqual(
      commandsNamed(s, 'New-VM').map((c) => [value(c, 'Name'), value(c, 'SwitchName')]),
      children.map((p) => [p.name, p.networkAdapters[0]?.value]),
    );
    assert.deepEqual(
      commandsNamed(s, 'Add-VMNetworkAdapter').map((c) => [value(c, 'VMName'), value(c, 'SwitchName')]),
      children.flatMap((p) => p.networkAdapters.map((a) => [p.name, a.value])),
    );
    const sriov = new Set(m.host.switches.filter((sw) => sw.sriov).map((sw) => sw.name));
    assert.deepEqual([...sriov], ['plant']);
    const iov = commandsNamed(s, 'Set-VMNetworkAdapter');
    assert.deepEqual(iov.map((c) => [text(c, 'VMNetworkAdapter'), value(c, 'IovWeight')]), [['$adapter', 100n], ['$adapter', 100n], ['$adapter', 100n]]);
    // Each targets the VM's adapters on the SR-IOV switch only.
    const foreachHeads = s.text.split('\n').filter((l) => l.includes('foreach ($adapter in @(Get-VMNetworkAdapter'));
    assert.deepEqual(
      foreachHeads.map((l) => /-VMName '([^']+)' \| Where-Object \{ \$_\.SwitchName -eq '([^']+)' -and \$_\.IovWeight -eq 0 \}/.exec(l)?.slice(1)),
      children.filter((p) => p.networkAdapters.some((a) => sriov.has(a.value))).map((p) => [p.name, 'plant']),
    );
  });

  it('sets each partitionable GPU to its partition count and adds one partition of the right GPU to each VM, with the VM off', async () => {
    const m = model('vdi-gpu-partitioning');
    const s = await exported('vdi-gpu-partitioning');
    const sets = commandsNamed(s, 'Set-VMHostPartitionableGpu');
    assert.deepEqual(sets.map((c) => [text(c, 'Name'), value(c, 'PartitionCount')]), m.gpus.map((g) => ['$gpu.Name', BigInt(g.offered)]));
    assert.deepEqual(m.gpus.map((g) => g.offered), [4, 4]);
    // The GPU each count goes to is looked up by its location path just before.
    const gpuLookups = commandsNamed(s, 'Get-PartitionLayoutPartitionableGpu').filter((c) => c.scriptBlockDepth === 0);
    assert.deepEqual(gpuLookups.slice(0, 2).map((c) => value(c, 'LocationPath')), m.gpus.map((g) => g.device.locationPath));
    for (const c of sets) assert.ok(gpuLookups.some((l) => l.line < c.line));

    const users = m.partitions.filter((p) => p.gpuPartition);
    const adds = commandsNamed(s, 'Add-VMGpuPartitionAdapter');
    assert.deepEqual(adds.map((c) => [value(c, 'VMName'), text(c, 'InstancePath')]), users.map((p) => [p.name, '$gpu.Name']));
    for (const [i, c] of adds.entries()) {
      const gpu = m.host.deviceById.get(users[i].gpuPartition?.value ?? '');
      assert.deepEqual(lookups(s, c, 'Get-PartitionLayoutPartitionableGpu'), [gpu?.locationPath], `${users[i].name}: its GPU`);
      const off = sameBlock(s, c).find((x) => x.name === 'Assert-PartitionLayoutVMOff');
      assert.ok(off && off.line < c.line, `${users[i].name}: the VM is checked to be off first`);
    }
    // Guarded: added only when the VM has no GPU partition yet.
    assert.equal(s.text.match(/if \(-not \(Get-VMGpuPartitionAdapter -VMName '[^']+' -ErrorAction SilentlyContinue\)\) \{/g)?.length, users.length);
  });

  it('checks that a GPU accepts the partition count before setting it', async () => {
    const s = await exported('vdi-gpu-partitioning');
    assert.equal(s.text.match(/if \(\$gpu\.ValidPartitionCounts -notcontains 4\) \{\n\s+throw \('GPU ''gpu[01]'' cannot be split into 4 partitions; it accepts: '/g)?.length, 2);
  });

  it('writes each side of the MMIO space in bytes: the layout\'s mmioSpace, else the devices\' MMIO plus Microsoft\'s buffer', async () => {
    const cases: Array<[string, string, number, number]> = [
      ['vdi-gpu-partitioning', 'render01', 128 * MiB, 688 * MiB],
      // high from the layout (528 MiB); low not stated: nvme0 needs no low MMIO, + 128 MiB
      ['edge-sriov-switches', 'historian01', 128 * MiB, 528 * MiB],
    ];
    for (const [name, vm, low, high] of cases) {
      const m = model(name);
      const p = m.partitionByName.get(vm);
      assert.equal(p?.mmio?.high.explicit ? p.mmio.high.has : p?.mmio?.high.recommended, high);
      assert.equal(p?.mmio?.low.explicit ? p.mmio.low.has : p?.mmio?.low.recommended, low);
      const s = await exported(name);
      const setVm = commandsNamed(s, 'Set-VM').filter((c) => value(c, 'Name') === vm);
      assert.deepEqual(setVm.filter((c) => parameterValue(c, 'LowMemoryMappedIoSpace')).map((c) => value(c, 'LowMemoryMappedIoSpace')), [BigInt(low)]);
      assert.deepEqual(setVm.filter((c) => parameterValue(c, 'HighMemoryMappedIoSpace')).map((c) => value(c, 'HighMemoryMappedIoSpace')), [BigInt(high)]);
      assert.ok(low < 4 * 1024 * MiB);
    }
  });

  it('keeps the order: host settings, switches, partitionable GPUs, then the VMs', async () => {
    const s = await exported('vdi-gpu-partitioning');
    const first = (n: string): number => commandsNamed(s, n).filter((c) => c.scriptBlockDepth === 0)[0]?.line ?? -1;
    const order = ['Set-VMHost', 'New-VMSwitch', 'Set-VMHostPartitionableGpu', 'New-VM'].map(first);
    assert.ok(order.every((l) => l > 0));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
  });

  it('undo removes the GPU partitions, last VM first, and the switches only behind -RemoveVMs, after the VMs', async () => {
    const m = model('vdi-gpu-partitioning');
    const s = await exported('vdi-gpu-partitioning', true);
    const users = m.partitions.filter((p) => p.gpuPartition).map((p) => p.name);
    assert.deepEqual(commandsNamed(s, 'Remove-VMGpuPartitionAdapter').map((c) => value(c, 'VMName')), [...users].reverse());
    for (const c of commandsNamed(s, 'Remove-VMGpuPartitionAdapter')) assert.ok(!behindRemoveVMs(c), `line ${c.line}: GPU partitions go without -RemoveVMs`);
    const removeSwitch = commandsNamed(s, 'Remove-VMSwitch');
    assert.deepEqual(removeSwitch.map((c) => value(c, 'Name')), m.host.switches.map((sw) => sw.name).reverse());
    const lastVm = Math.max(...commandsNamed(s, 'Remove-VM').map((c) => c.line));
    for (const c of removeSwitch) {
      assert.ok(c.line > lastVm, 'switches go after the VMs');
      assert.ok(behindRemoveVMs(c), `line ${c.line}: Remove-VMSwitch outside if ($RemoveVMs)`);
    }
    // A switch that VMs outside the layout still use is kept.
    assert.match(s.text, /\$_\.VMName -notin @\('vdi01', 'vdi02', 'vdi03', 'vdi04', 'vdi05', 'vdi06', 'vdi07', 'render01'\)/);
    assert.equal(commandsNamed(s, 'New-VMSwitch').length, 0);
    assert.equal(commandsNamed(s, 'Set-VMHostPartitionableGpu').length, 0);
  });

  it('refuses what the script cannot do: an uplink it cannot find, a Switch Embedded Team before Windows Server 2016', () => {
    const layout = (release: string, nic1: string[]): string =>
      [
        'layout: v1',
        'name: lab',
        'hypervisor: { model: microkernelized, release: ' + release + ' }',
        'host:',
        '  logicalProcessors: 8',
        '  memory: 32GiB',
        '  devices:',
        '    - { id: nic0, class: network, address: "0000:18:00.0" }',
        ...nic1,
        '    - { id: disk0, class: storage }',
        '  switches:',
        '    - { name: lan, type: external, devices: [nic0, nic1] }',
        'partitions:',
        '  - { name: root, role: root }',
        '  - { name: vm1, role: child, parent: root, virtualProcessors: 2, memory: 4GiB, networkAdapters: [lan] }',
        '',
      ].join('\n');
    const run = (text: string): { status: number | null; stdout: string; stderr: string } =>
      runCli(['export', '-', '--stdin-filename', 'lab.partition.yaml'], { input: text });

    const lost = run(layout('ws2022', ['    - { id: nic1, class: network }']));
    assert.equal(lost.stdout, '');
    assert.equal(lost.status, 1);
    assert.match(lost.stderr, /Device "nic1" is an uplink of the switch "lan" but has neither locationPath nor address: give its locationPath .* so the script can find it\.\s+export\n/);

    const old = run(layout('ws2012r2', ['    - { id: nic1, class: network, locationPath: "PCIROOT(0)#PCI(0300)#PCI(0000)" }']));
    assert.equal(old.status, 1);
    assert.match(old.stderr, /The switch "lan" has 2 uplinks: a Switch Embedded Team, which came with Windows Server 2016\. On Windows Server 2012 R2 team the adapters first \(New-NetLbfoTeam\) and give the switch one uplink\.\s+export\n/);

    const ok = run(layout('ws2016', ['    - { id: nic1, class: network, locationPath: "PCIROOT(0)#PCI(0300)#PCI(0000)" }']));
    assert.equal(ok.stderr, '');
    assert.equal(ok.status, 0);
    // nic0 has only an address: its location path is looked up from Windows' location text first.
    assert.match(ok.stdout, /\$locationPath = Get-PartitionLayoutLocationPath -LocationInfo 'PCI bus 24, device 0, function 0'\n\s+\$uplinks \+= Get-PartitionLayoutNetAdapterName -LocationPath \$locationPath\n/);
  });
});
