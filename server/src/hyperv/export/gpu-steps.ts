import { int, ps, str } from '../powershell/code';
import type { ScriptWriter } from '../powershell/script-writer';
import type { PlannedGpu, PlannedVm } from './plan';
import { locationPathOf, type Guard } from './script-parts';

/**
 * GPU partitioning (GPU-P, docs/format.md "gpuPartitions" and "gpuPartition"): the host's
 * partitionable GPUs get the layout's partition count, and each VM with a `gpuPartition` gets one
 * partition of its GPU, with the VM off.
 */

export function gpuSteps(w: ScriptWriter, gpus: readonly PlannedGpu[], guard: Guard): void {
  if (gpus.length === 0) return;
  w.blank().comment("Partitionable GPUs (GPU-P): each gets the layout's partition count; the counts a GPU accepts are its ValidPartitionCounts.");
  for (const g of gpus) {
    const count = int(g.partitions);
    w.blank().comment(`GPU "${g.id}": ${g.partitions} partitions.`);
    w.line(ps`$gpu = Get-PartitionLayoutPartitionableGpu -LocationPath ${locationPathOf(w, g.locator)}`);
    w.block(ps`if ($gpu.ValidPartitionCounts -notcontains ${count})`, (b) =>
      b.line(ps`throw (${str(`GPU '${g.id}' cannot be split into ${g.partitions} partitions; it accepts: `)} + ($gpu.ValidPartitionCounts -join ', '))`),
    );
    w.block(ps`if ($gpu.PartitionCount -ne ${count})`, (b) =>
      guard(b, `GPU '${g.id}'`, `Set-VMHostPartitionableGpu -PartitionCount ${g.partitions}`, (c) => c.line(ps`Set-VMHostPartitionableGpu -Name $gpu.Name -PartitionCount ${count}`)),
    );
  }
}

/** A VM's GPU partition: added when the VM has none, with the VM off. */
export function gpuPartitionStep(w: ScriptWriter, vm: PlannedVm, guard: Guard): void {
  const g = vm.gpuPartition;
  if (!g) return;
  const name = str(vm.name);
  w.comment(`GPU partition: one partition of "${g.id}" (GPU-P), with the VM off.`);
  w.block(ps`if (-not (Get-VMGpuPartitionAdapter -VMName ${name} -ErrorAction SilentlyContinue))`, (b) =>
    guard(b, `VM '${vm.name}'`, `Add-VMGpuPartitionAdapter (a partition of '${g.id}')`, (c) => {
      c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change ${str(`add a partition of GPU ${g.id}`)}`);
      c.line(ps`$gpu = Get-PartitionLayoutPartitionableGpu -LocationPath ${locationPathOf(c, g.locator)}`);
      c.line(ps`Add-VMGpuPartitionAdapter -VMName ${name} -InstancePath $gpu.Name`);
    }),
  );
}

/** Undo: the VM's GPU partition removed, with the VM off. */
export function gpuPartitionUndo(w: ScriptWriter, vm: PlannedVm, guard: Guard): void {
  const g = vm.gpuPartition;
  if (!g) return;
  const name = str(vm.name);
  w.comment(`GPU partition of "${g.id}".`);
  w.block(ps`if (Get-VMGpuPartitionAdapter -VMName ${name} -ErrorAction SilentlyContinue)`, (b) =>
    guard(b, `VM '${vm.name}'`, 'Remove-VMGpuPartitionAdapter', (c) => {
      c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change 'remove its GPU partition'`);
      c.line(ps`Remove-VMGpuPartitionAdapter -VMName ${name}`);
    }),
  );
}
