// partition-lint export: the scripts parse as PowerShell, use only documented cmdlets and parameters,
// carry the layout's values exactly, follow the documented order, and run nothing from the file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { fixturesDir, runCli } from './support';
import {
  commandsNamed,
  parameterValue,
  parsePowerShell,
  referenceProblems,
  skeleton,
  syntaxErrorLines,
  type ParsedPowerShell,
  type PsCommand,
} from './support/powershell';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const EXPORTABLE = ['modern-gpu-nic', 'nested-virtualization', 'vdi-gpu-partitioning', 'edge-sriov-switches'];

function exportFile(file: string, ...extra: string[]): { status: number | null; stdout: string; stderr: string } {
  return runCli(['export', file, ...extra]);
}

async function exported(file: string, ...extra: string[]): Promise<ParsedPowerShell> {
  const run = exportFile(file, ...extra);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  const parsed = await parsePowerShell(run.stdout);
  assert.deepEqual(syntaxErrorLines(parsed), [], 'the script parses as PowerShell');
  assert.deepEqual(referenceProblems(parsed), [], 'every cmdlet and parameter is documented');
  return parsed;
}

const CHANGES = /^(New|Set|Add|Remove|Disable|Enable|Dismount|Mount|Stop)-/i;

/** The text of the conditions of the `if` statements around a node. */
function enclosingConditions(n: Node): string[] {
  const out: string[] = [];
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'if_statement') out.push(p.childForFieldName('condition')?.text ?? '');
  }
  return out;
}

function str(cmd: PsCommand, param: string): string | bigint | undefined {
  return parameterValue(cmd, param)?.value;
}

describe('partition-lint export', () => {
  for (const name of EXPORTABLE) {
    for (const undo of [false, true]) {
      const golden = path.join(fixturesDir, 'export', `${name}${undo ? '.undo' : ''}.ps1`);
      it(`${name}${undo ? ' --undo' : ''}: parses, uses documented cmdlets only, and equals its reviewed golden script`, async () => {
        const file = `test-fixtures/valid/${name}.partition.yaml`;
        const run = exportFile(file, ...(undo ? ['--undo'] : []));
        await exported(file, ...(undo ? ['--undo'] : []));
        if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, run.stdout);
        assert.equal(run.stdout, fs.readFileSync(golden, 'utf8'));
      });
    }
  }

  it('carries the layout values exactly: VMs, processors, memory in bytes, MMIO in bytes', async () => {
    const s = await exported('test-fixtures/valid/modern-gpu-nic.partition.yaml');
    assert.deepEqual(
      commandsNamed(s, 'New-VM').map((c) => [str(c, 'Name'), str(c, 'Generation'), str(c, 'MemoryStartupBytes'), parameterValue(c, 'NoVHD')?.type]),
      [
        ['web01', 2n, BigInt(2 * GiB), 'switch'],
        ['render01', 2n, BigInt(32 * GiB), 'switch'],
        ['edge01', 2n, BigInt(16 * GiB), 'switch'],
      ],
    );
    assert.deepEqual(
      commandsNamed(s, 'Set-VMProcessor').map((c) => [str(c, 'VMName'), str(c, 'Count')]),
      [['web01', 2n], ['render01', 8n], ['edge01', 4n]],
    );
    const mem = commandsNamed(s, 'Set-VMMemory');
    assert.deepEqual(
      mem.map((c) => [str(c, 'VMName'), parameterValue(c, 'DynamicMemoryEnabled')?.text, str(c, 'StartupBytes'), str(c, 'MinimumBytes'), str(c, 'MaximumBytes'), str(c, 'Buffer')]),
      [
        ['web01', '$true', BigInt(2 * GiB), BigInt(1 * GiB), BigInt(4 * GiB), 20n],
        ['render01', '$false', BigInt(32 * GiB), undefined, undefined, undefined],
        ['edge01', '$false', BigInt(16 * GiB), undefined, undefined, undefined],
      ],
    );
    const setVm = commandsNamed(s, 'Set-VM').map((c) => c.parameters.map((p) => `${p.name}=${p.value?.text ?? ''}`).join(' '));
    assert.deepEqual(setVm, [
      "Name='render01' AutomaticStopAction=TurnOff",
      "Name='render01' GuestControlledCacheTypes=$true",
      `Name='render01' LowMemoryMappedIoSpace=${128 * MiB}`,
      `Name='render01' HighMemoryMappedIoSpace=${688 * MiB}`,
      "Name='edge01' AutomaticStopAction=TurnOff",
      `Name='edge01' LowMemoryMappedIoSpace=${128 * MiB}`,
      `Name='edge01' HighMemoryMappedIoSpace=${512 * MiB}`,
    ]);
    // The host check compares with the layout's LPs and bytes.
    assert.match(s.text, /\$vmHost\.LogicalProcessorCount -ne 32\)/);
    assert.match(s.text, new RegExp(`\\$vmHost\\.MemoryCapacity -ne ${128 * GiB}\\)`));
    // What PowerShell cannot set is a comment with the way to do it.
    assert.ok(s.comments.some((c) => c.includes('bcdedit /set hypervisorrootproc 8')));
    assert.ok(s.comments.some((c) => c.includes('LPs 16-23') && c.includes('CPU groups')));
  });

  it('writes the header: #Requires, CmdletBinding with ShouldProcess, Stop on errors', async () => {
    const s = await exported('test-fixtures/valid/modern-gpu-nic.partition.yaml');
    const lines = s.text.split('\n');
    assert.deepEqual(lines.slice(0, 2), ['#Requires -RunAsAdministrator', '#Requires -Modules Hyper-V']);
    assert.ok(s.text.includes('[CmdletBinding(SupportsShouldProcess)]\nparam('));
    assert.ok(lines.includes("$ErrorActionPreference = 'Stop'"));
    assert.ok(s.comments.some((c) => c.includes('"hv-lab-01" (Windows Server 2025)')));
    assert.ok(s.comments.some((c) => c.includes('Source: test-fixtures/valid/modern-gpu-nic.partition.yaml')));
  });

  it('puts every change behind $PSCmdlet.ShouldProcess (so -WhatIf previews it) and behind a check of the current state', async () => {
    for (const name of EXPORTABLE) {
      for (const extra of [[], ['--undo']]) {
        const s = await exported(`test-fixtures/valid/${name}.partition.yaml`, ...extra);
        const changing = s.commands.filter((c) => CHANGES.test(c.name) || c.name === 'Invoke-Command');
        assert.ok(changing.length > 0);
        for (const c of changing) {
          const conds = enclosingConditions(c.node);
          if (c.scriptBlockDepth > 0 && !/^function/.test(c.node.parent?.text ?? '')) {
            // inside PowerShell Direct: the Invoke-Command itself is behind ShouldProcess (checked at depth 0)
            continue;
          }
          assert.ok(conds.some((t) => t.includes('$PSCmdlet.ShouldProcess(')), `${name} line ${c.line}: ${c.name} is not behind ShouldProcess`);
          assert.ok(conds.length >= 2, `${name} line ${c.line}: ${c.name} does not first test the current state`);
        }
      }
    }
  });

  it('assigns each device in the documented order, with the VM off: Disable-PnpDevice, Dismount-VMHostAssignableDevice, Add-VMAssignableDevice', async () => {
    const s = await exported('test-fixtures/valid/modern-gpu-nic.partition.yaml');
    const order = s.commands.filter((c) => /PnpDevice$|AssignableDevice$|^Set-VM$|^Assert-PartitionLayoutVMOff$/.test(c.name) && !/^Get-/.test(c.name) && c.scriptBlockDepth === 0);
    const render = order.filter((c) => c.line > (commandsNamed(s, 'New-VM').find((n) => str(n, 'Name') === 'render01')?.line ?? 0) && c.line < (commandsNamed(s, 'New-VM').find((n) => str(n, 'Name') === 'edge01')?.line ?? 0));
    const tail = render.slice(-4).map((c) => c.name);
    assert.deepEqual(tail, ['Assert-PartitionLayoutVMOff', 'Disable-PnpDevice', 'Dismount-VMHostAssignableDevice', 'Add-VMAssignableDevice']);
    assert.ok(render.findIndex((c) => c.name === 'Set-VM') < render.findIndex((c) => c.name === 'Disable-PnpDevice'), 'VM settings come before the device moves');
    // The device is found by its address at run time (the fixture gives no locationPath): 0000:65:00.0 = bus 101.
    assert.ok(s.commands.some((c) => c.name === 'Get-PartitionLayoutLocationPath' && str(c, 'LocationInfo') === 'PCI bus 101, device 0, function 0'));
  });

  it('undo gives devices back in reverse (Remove-VMAssignableDevice, Mount-VMHostAssignableDevice, Enable-PnpDevice) and removes VMs only behind -RemoveVMs', async () => {
    const s = await exported('test-fixtures/valid/modern-gpu-nic.partition.yaml', '--undo');
    const moves = s.commands.filter((c) => ['Remove-VMAssignableDevice', 'Mount-VMHostAssignableDevice', 'Enable-PnpDevice'].includes(c.name)).map((c) => c.name);
    assert.deepEqual(moves, ['Remove-VMAssignableDevice', 'Mount-VMHostAssignableDevice', 'Enable-PnpDevice', 'Remove-VMAssignableDevice', 'Mount-VMHostAssignableDevice', 'Enable-PnpDevice']);
    assert.deepEqual(commandsNamed(s, 'Remove-VMAssignableDevice').map((c) => str(c, 'VMName')), ['edge01', 'render01']);
    const removes = commandsNamed(s, 'Remove-VM');
    assert.deepEqual(removes.map((c) => str(c, 'Name')), ['edge01', 'render01', 'web01']);
    for (const r of removes) assert.ok(enclosingConditions(r.node).includes('$RemoveVMs'), `line ${r.line}: Remove-VM outside if ($RemoveVMs)`);
    assert.ok(/param\(\n(\s*#.*\n)*\s*\[switch\] \$RemoveVMs\n\)/.test(s.text), 'the script declares -RemoveVMs');
    assert.equal(commandsNamed(s, 'New-VM').length, 0);
  });

  it('creates nested children inside their parent through PowerShell Direct, and exposes virtualization extensions to the parent', async () => {
    const s = await exported('test-fixtures/valid/nested-virtualization.partition.yaml');
    const top = commandsNamed(s, 'New-VM').filter((c) => c.scriptBlockDepth === 0).map((c) => str(c, 'Name'));
    assert.deepEqual(top, ['lab01']);
    const invoke = commandsNamed(s, 'Invoke-Command');
    assert.equal(invoke.length, 1);
    assert.equal(str(invoke[0], 'VMName'), 'lab01');
    assert.equal(parameterValue(invoke[0], 'Credential')?.text, '$GuestCredential');
    const inner = commandsNamed(s, 'New-VM').filter((c) => c.scriptBlockDepth === 1);
    assert.deepEqual(inner.map((c) => [str(c, 'Name'), str(c, 'MemoryStartupBytes')]), [['inner01', BigInt(16 * GiB)], ['inner02', BigInt(8 * GiB)]]);
    for (const c of inner) assert.ok(c.line > invoke[0].line);
    const expose = commandsNamed(s, 'Set-VMProcessor').filter((c) => parameterValue(c, 'ExposeVirtualizationExtensions'));
    assert.deepEqual(expose.map((c) => [str(c, 'VMName'), parameterValue(c, 'ExposeVirtualizationExtensions')?.text]), [['lab01', '$true']]);
    assert.deepEqual(commandsNamed(s, 'Set-VMNetworkAdapter').map((c) => [str(c, 'VMName'), parameterValue(c, 'MacAddressSpoofing')?.text]), [['lab01', 'On']]);
  });

  it('refuses a layout with errors: exit 1, the errors in stylish form, no script', () => {
    const run = exportFile('test-fixtures/cli/problems.partition.yaml');
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^partition-lint: test-fixtures\/cli\/problems\.partition\.yaml: no script written: the layout has errors; fix them first:\n/);
    assert.match(run.stderr, /\n\s+\d+:\d+\s+error\s+.+\s{2}[a-z0-9-]+\n/);
    assert.doesNotMatch(run.stderr, /warning/);
  });

  it('refuses what no script can deploy: a monolithic hypervisor, a release without the Hyper-V module', () => {
    const mono = exportFile('test-fixtures/valid/monolithic-contrast.partition.yaml');
    assert.equal(mono.status, 1);
    assert.equal(mono.stdout, '');
    assert.match(mono.stderr, /error\s+The layout describes a monolithic hypervisor; Hyper-V is microkernelized.*\s+export\n/);
    const old = exportFile('test-fixtures/valid/ws2008-host.partition.yaml');
    assert.equal(old.status, 1);
    assert.match(old.stderr, /error\s+Windows Server 2008 has no Hyper-V PowerShell module \(it came with Windows Server 2012\).*\s+export\n/);
  });

  it('writes warnings into the header as comments', async () => {
    const layout = fs.readFileSync(path.join(fixturesDir, 'valid', 'nested-virtualization.partition.yaml'), 'utf8').replace('memory: 64GiB', 'memory: 64GB');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
    const file = path.join(dir, 'warn.partition.yaml');
    fs.writeFileSync(file, layout);
    const run = runCli(['export', file]);
    assert.equal(run.status, 0);
    const s = await parsePowerShell(run.stdout);
    const line = layout.split('\n').findIndex((l) => l.includes('64GB')) + 1;
    assert.ok(s.comments.some((c) => c.startsWith(`#   ${line}:`) && c.includes('warning') && c.includes('(size-unit-ambiguous)')), s.comments.join('\n'));
    fs.rmSync(dir, { recursive: true });
  });

  it('--output writes the script with a byte-order mark (Windows PowerShell 5.1 reads UTF-8 only with one)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
    const out = path.join(dir, 'deploy.ps1');
    const run = runCli(['export', 'test-fixtures/valid/modern-gpu-nic.partition.yaml', '--output', out]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    const bytes = fs.readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), exportFile('test-fixtures/valid/modern-gpu-nic.partition.yaml').stdout);
    fs.rmSync(dir, { recursive: true });
  });

  it('--undo and --output are for export only', () => {
    const run = runCli(['check', '--undo', 'test-fixtures/valid']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /option --undo is for partition-lint export, not check/);
  });

  it('lists export in --help', () => {
    assert.match(runCli(['--help']).stdout, /partition-lint export \[--undo\] \[--output FILE\] FILE\s+write a Hyper-V PowerShell deployment script/);
  });
});

describe('partition-lint export runs nothing from the file', () => {
  // Free text of the layout (name, guest.os, a driver, device ids: an assigned GPU, a switch's uplink, a
  // partitionable GPU) carrying PowerShell. Switch names and location paths admit no such text (schema).
  const PAYLOADS = [
    "x'; Remove-Item -Recurse C:\\ ; '",
    'x$(Remove-Item C:\\)',
    'x`; Remove-Item C:\\',
    'x’; Remove-Item C:\\; ‘',
    'x“; Remove-Item C:\\; ”',
    "x\r\nRemove-Item C:\\\r\n#",
    'x\u2028Remove-Item C:\\',
    'x\u0085Remove-Item C:\\',
    'x #> Remove-Item C:\\ <#',
    'x — Remove-Item',
  ];
  const deviceIdPayloads = ["gpu'0;$(Remove-Item)", 'gpu’0;$(Remove-Item)‘', 'gpu`0"$x'];

  function layout(text: string, deviceId: string): string {
    const q = JSON.stringify(text); // a YAML double-quoted scalar with the same escapes
    return [
      'layout: v1',
      `name: ${q}`,
      'hypervisor:',
      '  model: microkernelized',
      '  release: ws2025',
      'host:',
      '  logicalProcessors: 16',
      '  memory: 64GiB',
      '  iommu: true',
      '  devices:',
      `    - id: ${JSON.stringify(deviceId)}`,
      '      class: gpu',
      '      address: "0000:65:00.0"',
      `      driver: ${q}`,
      '      assignable: true',
      '      mmio: 256MiB',
      '    - id: disk0',
      '      class: storage',
      `    - id: ${JSON.stringify(`${deviceId}-nic`)}`,
      '      class: network',
      '      address: "0000:18:00.0"',
      `    - id: ${JSON.stringify(`${deviceId}-gpup`)}`,
      '      class: gpu',
      '      address: "0000:21:00.0"',
      `      driver: ${q}`,
      '      gpuPartitions: 2',
      '  switches:',
      '    - name: lan',
      '      type: external',
      `      devices: [${JSON.stringify(`${deviceId}-nic`)}]`,
      'partitions:',
      '  - name: root',
      '    role: root',
      '  - name: vm1',
      '    role: child',
      '    parent: root',
      '    guest:',
      `      os: ${q}`,
      '    virtualProcessors: 2',
      '    memory: 4GiB',
      `    devices: [${JSON.stringify(deviceId)}]`,
      '    synthetic: [storage]',
      '    networkAdapters: [lan]',
      `    gpuPartition: ${JSON.stringify(`${deviceId}-gpup`)}`,
      '',
    ].join('\n');
  }

  async function exportText(text: string, undo = false): Promise<ParsedPowerShell> {
    const run = runCli(['export', '-', '--stdin-filename', 'payload.partition.yaml', ...(undo ? ['--undo'] : [])], { input: text });
    assert.equal(run.stderr, '', text);
    assert.equal(run.status, 0);
    return parsePowerShell(run.stdout);
  }

  for (const undo of [false, true]) {
    it(`${undo ? 'undo: ' : ''}every payload leaves the script with the same PowerShell structure as plain text does`, async () => {
      const plain = await exportText(layout('plain', 'gpu0'), undo);
      assert.deepEqual(syntaxErrorLines(plain), []);
      const base = skeleton(plain);
      for (const [i, p] of PAYLOADS.entries()) {
        for (const id of [deviceIdPayloads[i % deviceIdPayloads.length]]) {
          const s = await exportText(layout(p, id), undo);
          assert.deepEqual(syntaxErrorLines(s), [], `${JSON.stringify(p)} / ${id}`);
          assert.equal(skeleton(s), base, `${JSON.stringify(p)} / ${id}: the script's structure changed`);
          assert.deepEqual(s.commands.map((c) => c.name), plain.commands.map((c) => c.name));
          assert.equal(commandsNamed(s, 'Remove-Item').length, 0);
          // The free text is in comments only, never split over lines.
          for (const c of s.comments) assert.doesNotMatch(c, /[\r\u2028\u2029\u0085]/);
          // The device id reaches string literals with its exact value.
          const assert1 = s.commands.find((c) => c.name === 'Assert-PartitionLayoutVMOff' && String(str(c, 'Change')).startsWith('assign device'));
          if (!undo) assert.equal(str(assert1 as PsCommand, 'Change'), `assign device ${id}`);
          const gpuP = s.commands.find((c) => c.name === 'Assert-PartitionLayoutVMOff' && String(str(c, 'Change')).startsWith('add a partition'));
          if (!undo) assert.equal(str(gpuP as PsCommand, 'Change'), `add a partition of GPU ${id}-gpup`);
          const warning = s.commands.find((c) => c.name === 'Write-Warning' && c.positional[0]?.value !== undefined && String(c.positional[0].value).startsWith("Switch 'lan' exists"));
          if (!undo) assert.equal(warning?.positional[0].value, `Switch 'lan' exists but is not external on ${id}-nic as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.`);
        }
      }
    });
  }

  it('keeps the script pure ASCII, whatever the file holds (Windows PowerShell 5.1 may read it as ANSI)', async () => {
    for (const p of PAYLOADS) {
      const s = await exportText(layout(`${p} é 中 😀`, 'gpu’0'));
      assert.match(s.text, /^[\n -~]*$/, JSON.stringify(p));
    }
  });
});
