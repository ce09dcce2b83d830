import { formatBytes } from '../../core/util/sizes';
import { bool, int, ps, str, word } from '../powershell/code';
import { ScriptWriter } from '../powershell/script-writer';
import { gpuPartitionStep, gpuSteps } from './gpu-steps';
import type { ExportPlan, MmioBytes, PlannedVm } from './plan';
import {
  direct,
  hasNested,
  header,
  helpers,
  hostCheck,
  locationPathOf,
  parameters,
  shouldProcess,
  usesLocationInfo,
  type Guard,
  type ScriptSource,
} from './script-parts';
import { adapterSteps, switchSteps } from './switch-steps';
import { formatRanges } from '../../core/util/ranges';

/**
 * The deployment script (README "Export", docs/decisions.md): host check, host settings, then each child of the root in
 * document order, nested children through PowerShell Direct. Every step reads the current state
 * first and changes only what differs; every changing cmdlet carries its literal names and values.
 */
export function deployScript(plan: ExportPlan, source: ScriptSource): string {
  const w = new ScriptWriter();
  header(w, plan, source, 'Deployment script');
  const nested = hasNested(plan);
  parameters(w, [
    { help: 'Skip the check that this host has the layout\'s logical processors and memory.', declaration: ps`[switch] $SkipHostCheck` },
    ...(nested
      ? [{ help: 'An administrator of the nested parents\' guests, for PowerShell Direct (Invoke-Command -VMName).', declaration: ps`[System.Management.Automation.PSCredential] $GuestCredential` }]
      : []),
  ]);
  const assigns = plan.vms.some((v) => v.assigned.length > 0);
  helpers(w, {
    vmOff: true,
    pnpByLocationPath: assigns,
    locationInfo: usesLocationInfo(plan),
    netAdapter: plan.switches.some((s) => s.uplinks.length > 0),
    partitionableGpu: plan.gpus.length > 0,
  });
  w.blank();
  w.block(ps`if (-not $SkipHostCheck)`, (b) => hostCheck(b, plan));
  hostSettings(w, plan);
  rootComments(w, plan);
  switchSteps(w, plan.switches, shouldProcess);
  gpuSteps(w, plan.gpus, shouldProcess);
  for (const vm of plan.vms) {
    vmSteps(w, vm, shouldProcess, plan.release.generation2);
    if (vm.children.length > 0) nestedSteps(w, vm, plan.release.generation2);
  }
  w.blank().line(ps`Write-Verbose 'The host matches the layout.'`);
  return w.toString();
}

function hostSettings(w: ScriptWriter, plan: ExportPlan): void {
  const on = plan.host.numaSpanning;
  w.blank().comment(`Host settings: NUMA spanning ${on ? 'on' : 'off'}. It takes effect after the Hyper-V Virtual Machine Management service restarts (Restart-Service vmms).`);
  w.line(ps`$vmHost = Get-VMHost`);
  w.block(ps`if ($vmHost.NumaSpanningEnabled -ne ${bool(on)})`, (b) =>
    shouldProcess(b, 'this host', `Set-VMHost -NumaSpanningEnabled ${on ? '$true' : '$false'}`, (c) => {
      c.line(ps`Set-VMHost -NumaSpanningEnabled ${bool(on)}`);
      c.line(ps`Write-Warning 'NUMA spanning changed: it takes effect after Restart-Service vmms (running VMs keep their placement until they restart).'`);
    }),
  );
}

function rootComments(w: ScriptWriter, plan: ExportPlan): void {
  const r = plan.root;
  w.blank().comment(`The root partition "${r.name}": PowerShell cannot set these; do them by hand.`);
  if (r.virtualProcessors !== undefined) {
    w.comment(`  Root virtual processors: ${r.virtualProcessors} (minroot). Run: bcdedit /set hypervisorrootproc ${r.virtualProcessors}  then restart the host.`);
  }
  if (r.memory !== undefined) {
    w.comment(`  Root memory: ${formatBytes(r.memory)} (${r.memory} bytes). Hyper-V has no setting for it: the root gets what VMs leave; keep that much unassigned.`);
  } else {
    w.comment('  Root memory: what the VMs leave (the layout states none).');
  }
  if (plan.host.hypervisorReserve > 0) w.comment(`  Hypervisor reserve in the layout: ${formatBytes(plan.host.hypervisorReserve)} (the hypervisor takes it; nothing to set).`);
  if (r.affinity.length > 0) w.comment(`  Root processor affinity: LPs ${formatRanges(r.affinity)}. Use minroot (bcdedit /set hypervisorrootproc) or CPU groups (cpugroups.exe).`);
}


function vmSteps(w: ScriptWriter, vm: PlannedVm, guard: Guard, generations: boolean): void {
  const name = str(vm.name);
  const label = `VM '${vm.name}'`;
  w.blank().comment(`---- VM "${vm.name}": generation ${vm.generation}, ${vm.processors} virtual processors${vm.os !== undefined ? `, guest: ${vm.os}` : ''} ----`);
  w.line(ps`$vm = Get-VM -Name ${name} -ErrorAction SilentlyContinue`);
  const startup = vm.memory.kind === 'static' ? vm.memory.bytes : vm.memory.startup;
  const first = vm.adapters[0];
  // New-VM gives the VM one network adapter: on the first networkAdapters switch, else not connected.
  const onSwitch = first ? ps` -SwitchName ${str(first.switchName)}` : ps``;
  w.block(ps`if (-not $vm)`, (b) =>
    guard(b, label, 'New-VM', (c) =>
      c.line(
        generations
          ? ps`$vm = New-VM -Name ${name} -Generation ${int(vm.generation)} -MemoryStartupBytes ${int(startup)} -NoVHD${onSwitch}`
          : ps`$vm = New-VM -Name ${name} -MemoryStartupBytes ${int(startup)} -NoVHD${onSwitch}`,
      ),
    ),
  );

  w.line(ps`$processor = Get-VMProcessor -VMName ${name} -ErrorAction SilentlyContinue`);
  w.block(ps`if (-not $processor -or $processor.Count -ne ${int(vm.processors)})`, (b) =>
    guard(b, label, `Set-VMProcessor -Count ${vm.processors}`, (c) => {
      c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'set its processor count'`);
      c.line(ps`Set-VMProcessor -VMName ${name} -Count ${int(vm.processors)}`);
    }),
  );
  if (vm.nestedParent) {
    w.block(ps`if (-not $processor -or $processor.ExposeVirtualizationExtensions -ne $true)`, (b) =>
      guard(b, label, 'Set-VMProcessor -ExposeVirtualizationExtensions $true (nested virtualization)', (c) => {
        c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'expose virtualization extensions'`);
        c.line(ps`Set-VMProcessor -VMName ${name} -ExposeVirtualizationExtensions $true`);
      }),
    );
  }
  if (vm.affinity.length > 0) {
    w.comment(`Processor affinity to LPs ${formatRanges(vm.affinity)}: PowerShell has no setting; use CPU groups (cpugroups.exe, see Microsoft's "Virtual machine resource controls").`);
  }

  w.line(ps`$memory = Get-VMMemory -VMName ${name} -ErrorAction SilentlyContinue`);
  const m = vm.memory;
  if (m.kind === 'static') {
    w.comment(`Static memory: ${formatBytes(m.bytes)}.`);
    w.block(ps`if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne ${int(m.bytes)})`, (b) =>
      guard(b, label, `Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes ${m.bytes}`, (c) => {
        c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'set its memory'`);
        c.line(ps`Set-VMMemory -VMName ${name} -DynamicMemoryEnabled $false -StartupBytes ${int(m.bytes)}`);
      }),
    );
  } else {
    const buffer = m.buffer !== undefined ? ps` -Buffer ${int(m.buffer)}` : ps``;
    const bufferTest = m.buffer !== undefined ? ps` -or $memory.Buffer -ne ${int(m.buffer)}` : ps``;
    w.comment(`Dynamic memory: startup ${formatBytes(m.startup)}, minimum ${formatBytes(m.minimum)}, maximum ${formatBytes(m.maximum)}${m.buffer !== undefined ? `, buffer ${m.buffer} %` : ''}.`);
    w.block(
      ps`if (-not $memory -or -not $memory.DynamicMemoryEnabled -or $memory.Startup -ne ${int(m.startup)} -or $memory.Minimum -ne ${int(m.minimum)} -or $memory.Maximum -ne ${int(m.maximum)}${bufferTest})`,
      (b) =>
        guard(b, label, 'Set-VMMemory -DynamicMemoryEnabled $true', (c) => {
          c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'set its memory'`);
          c.line(ps`Set-VMMemory -VMName ${name} -DynamicMemoryEnabled $true -StartupBytes ${int(m.startup)} -MinimumBytes ${int(m.minimum)} -MaximumBytes ${int(m.maximum)}${buffer}`);
        }),
    );
  }

  adapterSteps(w, vm, guard);
  if (vm.synthetic.includes('network') && vm.adapters.length === 0) {
    w.comment('Synthetic network: New-VM gave the VM one network adapter, not connected; connect it to the external switch (Connect-VMNetworkAdapter).');
  }
  if (vm.synthetic.includes('storage')) w.comment('Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).');
  if (vm.nestedParent) {
    w.comment('Nested virtualization: its adapters need MAC address spoofing for the nested VMs\' traffic.');
    w.block(ps`if (-not $vm -or (Get-VMNetworkAdapter -VMName ${name} | Where-Object { $_.MacAddressSpoofing -ne 'On' }))`, (b) =>
      guard(b, label, 'Set-VMNetworkAdapter -MacAddressSpoofing On', (c) => c.line(ps`Set-VMNetworkAdapter -VMName ${name} -MacAddressSpoofing On`)),
    );
  }
  gpuPartitionStep(w, vm, guard);
  if (vm.assigned.length > 0) assignmentSteps(w, vm, guard);
}

function assignmentSteps(w: ScriptWriter, vm: PlannedVm, guard: Guard): void {
  const name = str(vm.name);
  const label = `VM '${vm.name}'`;
  const mmio = vm.mmio;
  w.comment(
    `Direct device assignment (Microsoft's "Deploy graphics devices using Discrete Device Assignment"), with the VM off:`,
    'turn-off as its stop action, then MMIO space, then per device Disable-PnpDevice, Dismount-VMHostAssignableDevice, Add-VMAssignableDevice.',
  );
  w.block(ps`if (-not $vm -or $vm.AutomaticStopAction -ne 'TurnOff')`, (b) =>
    guard(b, label, 'Set-VM -AutomaticStopAction TurnOff', (c) => {
      c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'set its stop action'`);
      c.line(ps`Set-VM -Name ${name} -AutomaticStopAction ${word('TurnOff')}`);
    }),
  );
  if (vm.assigned.some((d) => d.class === 'gpu')) {
    w.block(ps`if (-not $vm -or $vm.GuestControlledCacheTypes -ne $true)`, (b) =>
      guard(b, label, 'Set-VM -GuestControlledCacheTypes $true', (c) => {
        c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'let the guest control cache types'`);
        c.line(ps`Set-VM -Name ${name} -GuestControlledCacheTypes $true`);
      }),
    );
  }
  if (mmio) {
    w.comment(mmioComment(mmio.low, mmio.high));
    w.block(ps`if (-not $vm -or $vm.LowMemoryMappedIoSpace -ne ${int(mmio.low.bytes)})`, (b) =>
      guard(b, label, `Set-VM -LowMemoryMappedIoSpace ${mmio.low.bytes}`, (c) => {
        c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'set its low MMIO space'`);
        c.line(ps`Set-VM -Name ${name} -LowMemoryMappedIoSpace ${int(mmio.low.bytes)}`);
      }),
    );
    w.block(ps`if (-not $vm -or $vm.HighMemoryMappedIoSpace -ne ${int(mmio.high.bytes)})`, (b) =>
      guard(b, label, `Set-VM -HighMemoryMappedIoSpace ${mmio.high.bytes}`, (c) => {
        c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'set its high MMIO space'`);
        c.line(ps`Set-VM -Name ${name} -HighMemoryMappedIoSpace ${int(mmio.high.bytes)}`);
      }),
    );
  }
  for (const d of vm.assigned) {
    w.comment(`Device "${d.id}" (${d.class})${d.locator.kind === 'locationInfo' ? ` at PCI ${d.locator.address}` : ''}.`);
    const lp = locationPathOf(w, d.locator);
    w.block(ps`if (-not (Get-VMAssignableDevice -VMName ${name} -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq ${lp} }))`, (b) =>
      guard(b, label, `assign device '${d.id}'`, (c) => {
        c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change ${str(`assign device ${d.id}`)}`);
        c.block(ps`if (-not (Get-VMHostAssignableDevice -LocationPath ${lp} -ErrorAction SilentlyContinue))`, (e) => {
          e.line(ps`$device = Get-PartitionLayoutPnpDevice -LocationPath ${lp}`);
          e.line(ps`Disable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false`);
          e.line(ps`Dismount-VMHostAssignableDevice -LocationPath ${lp}`);
        });
        c.line(ps`Add-VMAssignableDevice -VMName ${name} -LocationPath ${lp}`);
      }),
    );
  }
}

const LAYOUTS = "the layout's mmioSpace";
const RECOMMENDED = "Microsoft's recommendation: the devices' MMIO plus";

/** Where the MMIO sizes come from: the layout's mmioSpace, or Microsoft's sizing, said once when both sides agree. */
function mmioComment(low: MmioBytes, high: MmioBytes): string {
  const sizes = `low ${formatBytes(low.bytes)}, high ${formatBytes(high.bytes)}`;
  if (!low.recommended && !high.recommended) return `MMIO space: ${sizes} (${LAYOUTS}).`;
  if (low.recommended && high.recommended) return `MMIO space: ${sizes} (${RECOMMENDED} 128 MiB low / 512 MiB high; the layout sets no mmioSpace).`;
  const why = (side: MmioBytes, buffer: string): string => (side.recommended ? `${RECOMMENDED} ${buffer}` : LAYOUTS);
  return `MMIO space: low ${formatBytes(low.bytes)} (${why(low, '128 MiB')}), high ${formatBytes(high.bytes)} (${why(high, '512 MiB')}).`;
}

function nestedSteps(w: ScriptWriter, parent: PlannedVm, generations: boolean): void {
  const name = str(parent.name);
  w.blank().comment(
    `Nested partitions of "${parent.name}" run inside it: the script creates them there through PowerShell Direct.`,
    `"${parent.name}" must be running a guest with the Hyper-V role; until then this step only warns.`,
  );
  shouldProcess(w, `VM '${parent.name}'`, `create its nested VMs (${parent.children.map((c) => c.name).join(', ')}) through PowerShell Direct`, (b) => {
    b.block(ps`if (-not $GuestCredential)`, (c) =>
      c.line(ps`throw ${str(`The layout has nested partitions in VM '${parent.name}': run this script with -GuestCredential (an administrator of that guest).`)}`),
    );
    b.ifElse(
      ps`if ((Get-VM -Name ${name}).State -ne 'Running')`,
      (c) => c.line(ps`Write-Warning ${str(`VM '${parent.name}' is not running: start it, install the Hyper-V role in its guest, and run this script again to create its nested VMs.`)}`),
      (c) => nestedBlock(c, parent, generations),
    );
  });
}

/** Invoke-Command -VMName … -ScriptBlock { … }: the children's steps, and their own nested children, inside the parent. */
function nestedBlock(w: ScriptWriter, parent: PlannedVm, generations: boolean): void {
  w.block(ps`Invoke-Command -VMName ${str(parent.name)} -Credential $GuestCredential -ScriptBlock`, (b) => {
    b.line(ps`$ErrorActionPreference = 'Stop'`);
    if (parent.children.some((c) => c.children.length > 0)) b.line(ps`$GuestCredential = $using:GuestCredential`);
    helpers(b, { vmOff: true, pnpByLocationPath: false, locationInfo: false });
    for (const child of parent.children) {
      vmSteps(b, child, direct, generations);
      if (child.children.length > 0) {
        b.blank().comment(`Nested partitions of "${child.name}", one level further in.`);
        b.ifElse(
          ps`if ((Get-VM -Name ${str(child.name)}).State -ne 'Running')`,
          (c) => c.line(ps`Write-Warning ${str(`VM '${child.name}' is not running: start it and run this script again to create its nested VMs.`)}`),
          (c) => nestedBlock(c, child, generations),
        );
      }
    }
  });
}
