import { formatBytes } from '../../core/util/sizes';
import { int, ps, str, type Code } from '../powershell/code';
import type { ScriptWriter } from '../powershell/script-writer';
import type { DeviceLocator, ExportPlan, PlannedVm } from './plan';

/** Parts shared by the deployment script and its undo: header, parameters, helpers, the host check. */

export interface ScriptSource {
  /** the layout's file name as the user gave it */
  file: string;
  /** warnings (and infos) of the layout, one line each, for the header */
  warnings: string[];
}

/**
 * Runs `body` only when the change is wanted: at the top level behind `$PSCmdlet.ShouldProcess`, so
 * `-WhatIf` prints the change instead of making it; inside a PowerShell Direct script block (no
 * $PSCmdlet there) directly: the whole block is already behind ShouldProcess.
 */
export type Guard = (w: ScriptWriter, target: string, action: string, body: (w: ScriptWriter) => void) => void;

export const shouldProcess: Guard = (w, target, action, body) => void w.block(ps`if ($PSCmdlet.ShouldProcess(${str(target)}, ${str(action)}))`, body);
export const direct: Guard = (w, _target, _action, body) => body(w);

export function allVms(vms: readonly PlannedVm[]): PlannedVm[] {
  return vms.flatMap((v) => [v, ...allVms(v.children)]);
}

export function hasNested(plan: ExportPlan): boolean {
  return plan.vms.some((v) => v.children.length > 0);
}

/** Whether any device the script looks up is found by its PCI address at run time (no locationPath in the layout). */
export function usesLocationInfo(plan: ExportPlan, undo = false): boolean {
  const located = [
    ...plan.vms.flatMap((v) => v.assigned.map((d) => d.locator)),
    ...(undo ? [] : [...plan.switches.flatMap((s) => s.uplinks.map((d) => d.locator)), ...plan.gpus.map((g) => g.locator)]),
  ];
  return located.some((l) => l.kind === 'locationInfo');
}

export function header(w: ScriptWriter, plan: ExportPlan, source: ScriptSource, what: string): void {
  w.line(ps`#Requires -RunAsAdministrator`).line(ps`#Requires -Modules Hyper-V`);
  w.comment(`${what} for the layout "${plan.layoutName}" (${plan.release.title}), written by partition-lint export.`);
  w.comment(`Source: ${source.file}`);
  w.comment('Preview every change without making it: run this script with -WhatIf. Running it again changes only what differs.');
  if (source.warnings.length > 0) {
    w.comment('', 'The layout has these warnings:');
    for (const warning of source.warnings) w.comment(`  ${warning}`);
  }
}

/** `[CmdletBinding(SupportsShouldProcess)] param(...)` and `$ErrorActionPreference = 'Stop'`. */
export function parameters(w: ScriptWriter, params: Array<{ help: string; declaration: Code }>): void {
  w.line(ps`[CmdletBinding(SupportsShouldProcess)]`);
  if (params.length === 0) w.line(ps`param()`);
  else {
    w.line(ps`param(`);
    w.indented((b) =>
      params.forEach((p, i) => {
        b.comment(p.help);
        b.line(i < params.length - 1 ? ps`${p.declaration},` : p.declaration);
      }),
    );
    w.line(ps`)`);
  }
  w.blank().line(ps`$ErrorActionPreference = 'Stop'`);
}

/** Read-only helper functions: they look at state and never change it. */
export interface HelperNeeds {
  vmOff: boolean;
  /** Get-PartitionLayoutPnpDevice (device assignment; the partitionable GPU lookup uses it too) */
  pnpByLocationPath: boolean;
  locationInfo: boolean;
  /** Get-PartitionLayoutNetAdapterName: an external switch's uplinks */
  netAdapter?: boolean;
  /** Get-PartitionLayoutPartitionableGpu: GPU-P */
  partitionableGpu?: boolean;
}

export function helpers(w: ScriptWriter, opts: HelperNeeds): void {
  if (opts.vmOff) {
    w.blank();
    w.block(ps`function Assert-PartitionLayoutVMOff`, (b) => {
      b.comment('Stops the script with a clear message when a change needs the VM off and it is not.');
      b.line(ps`param([string] $Name, [string] $Change)`);
      b.line(ps`$state = (Get-VM -Name $Name).State`);
      b.block(ps`if ($state -ne 'Off')`, (c) => c.line(ps`throw ("VM '{0}' is {1}: stop it to {2}, then run this script again." -f $Name, $state, $Change)`));
    });
  }
  if (opts.pnpByLocationPath || opts.partitionableGpu) {
    w.blank();
    w.block(ps`function Get-PartitionLayoutPnpDevice`, (b) => {
      b.comment('The PnP device whose PCI location paths include this one (Get-PnpDeviceProperty DEVPKEY_Device_LocationPaths).');
      b.line(ps`param([string] $LocationPath)`);
      b.block(ps`foreach ($device in Get-PnpDevice)`, (c) => {
        c.line(ps`$paths = (Get-PnpDeviceProperty -InstanceId $device.InstanceId -KeyName 'DEVPKEY_Device_LocationPaths' -ErrorAction SilentlyContinue).Data`);
        c.block(ps`if ($paths -contains $LocationPath)`, (d) => d.line(ps`return $device`));
      });
      b.line(ps`throw ("No device of this host has the PCI location path {0}: check the layout's locationPath or address." -f $LocationPath)`);
    });
  }
  if (opts.locationInfo) {
    w.blank();
    w.block(ps`function Get-PartitionLayoutLocationPath`, (b) => {
      b.comment('The PCI location path (PCIROOT(...)#PCI(...)) of the device Windows shows at a PCI bus, device and function.');
      b.line(ps`param([string] $LocationInfo)`);
      b.block(ps`foreach ($device in Get-PnpDevice)`, (c) => {
        c.line(ps`$info = (Get-PnpDeviceProperty -InstanceId $device.InstanceId -KeyName 'DEVPKEY_Device_LocationInfo' -ErrorAction SilentlyContinue).Data`);
        c.block(ps`if ($info -eq $LocationInfo)`, (d) => {
          d.line(ps`$paths = (Get-PnpDeviceProperty -InstanceId $device.InstanceId -KeyName 'DEVPKEY_Device_LocationPaths').Data`);
          d.line(ps`return ($paths | Where-Object { $_ -like 'PCIROOT(*' })[0]`);
        });
      });
      b.line(ps`throw ("No device of this host is at {0}: give the device's locationPath in the layout." -f $LocationInfo)`);
    });
  }
  if (opts.netAdapter) {
    w.blank();
    w.block(ps`function Get-PartitionLayoutNetAdapterName`, (b) => {
      b.comment('The name of the physical network adapter at this PCI location path (its PnP device\'s DEVPKEY_Device_LocationPaths).');
      b.line(ps`param([string] $LocationPath)`);
      b.block(ps`foreach ($adapter in Get-NetAdapter -Physical)`, (c) => {
        c.line(ps`$paths = (Get-PnpDeviceProperty -InstanceId $adapter.PnPDeviceID -KeyName 'DEVPKEY_Device_LocationPaths' -ErrorAction SilentlyContinue).Data`);
        c.block(ps`if ($paths -contains $LocationPath)`, (d) => d.line(ps`return $adapter.Name`));
      });
      b.line(ps`throw ("No physical network adapter of this host has the PCI location path {0}: check the layout's locationPath or address." -f $LocationPath)`);
    });
  }
  if (opts.partitionableGpu) {
    w.blank();
    w.block(ps`function Get-PartitionLayoutPartitionableGpu`, (b) => {
      b.comment('The partitionable GPU (Get-VMHostPartitionableGpu) at this PCI location path. Its Name is the device\'s');
      b.comment('interface path, which holds the PnP instance ID with # for \\ (what Add-VMGpuPartitionAdapter -InstancePath takes).');
      b.line(ps`param([string] $LocationPath)`);
      b.line(ps`$device = Get-PartitionLayoutPnpDevice -LocationPath $LocationPath`);
      b.line(ps`$pattern = '*#' + [WildcardPattern]::Escape($device.InstanceId -replace '\\\\', '#') + '#*'`);
      b.block(ps`foreach ($gpu in Get-VMHostPartitionableGpu)`, (c) => {
        c.block(ps`if ($gpu.Name -like $pattern)`, (d) => d.line(ps`return $gpu`));
      });
      b.line(ps`throw ("The GPU at the PCI location path {0} is not partitionable on this host (Get-VMHostPartitionableGpu does not list it): check its driver." -f $LocationPath)`);
    });
  }
}

export function hostCheck(w: ScriptWriter, plan: ExportPlan): void {
  w.comment(`The host: ${plan.host.logicalProcessors} logical processors and ${formatBytes(plan.host.memory)} of memory, as the layout says.`);
  w.line(ps`$vmHost = Get-VMHost`);
  w.block(ps`if ($vmHost.LogicalProcessorCount -ne ${int(plan.host.logicalProcessors)})`, (b) =>
    b.line(ps`throw ('This host has {0} logical processors, the layout ${int(plan.host.logicalProcessors)}: is this the right host?' -f $vmHost.LogicalProcessorCount)`),
  );
  w.block(ps`if ($vmHost.MemoryCapacity -ne ${int(plan.host.memory)})`, (b) =>
    b.line(ps`throw ('This host has {0} bytes of memory, the layout ${int(plan.host.memory)}: is this the right host?' -f $vmHost.MemoryCapacity)`),
  );
}

/** The script's text for how a device is found: a literal location path, or the variable the lookup fills. */
export function locationPathOf(w: ScriptWriter, locator: DeviceLocator): Code {
  if (locator.kind === 'locationPath') return str(locator.locationPath);
  w.line(ps`$locationPath = Get-PartitionLayoutLocationPath -LocationInfo ${str(locator.locationInfo)}`);
  return ps`$locationPath`;
}

