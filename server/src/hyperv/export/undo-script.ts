import { ps, str } from '../powershell/code';
import { ScriptWriter } from '../powershell/script-writer';
import { gpuPartitionUndo } from './gpu-steps';
import type { ExportPlan, PlannedVm } from './plan';
import { allVms, header, helpers, locationPathOf, parameters, shouldProcess, usesLocationInfo, type ScriptSource } from './script-parts';
import { switchUndo } from './switch-steps';

/**
 * The undo script: gives each assigned device back to the host (Remove-VMAssignableDevice →
 * Mount-VMHostAssignableDevice → Enable-PnpDevice, the reverse of the deployment) and removes the
 * GPU partitions; with -RemoveVMs it also removes the layout's VMs (children of the root; nested ones
 * go with their parent) and then its virtual switches.
 */
export function undoScript(plan: ExportPlan, source: ScriptSource): string {
  const w = new ScriptWriter();
  header(w, plan, source, 'Undo script');
  const gpuP = plan.vms.some((v) => v.gpuPartition);
  const switches = plan.switches.length > 0;
  w.comment(
    `It gives the assigned devices back to the host${gpuP ? ' and removes the GPU partitions' : ''}. VMs${switches ? ' and virtual switches' : ''} are removed only with -RemoveVMs.`,
  );
  parameters(w, [
    {
      help: `Also remove the layout's VMs (their configuration only: virtual disk files stay)${switches ? ', then its virtual switches' : ''}.`,
      declaration: ps`[switch] $RemoveVMs`,
    },
  ]);
  const assigned = plan.vms.some((v) => v.assigned.length > 0);
  helpers(w, { vmOff: true, pnpByLocationPath: assigned, locationInfo: usesLocationInfo(plan, true) });
  for (const vm of plan.vms.filter((v) => v.assigned.length > 0 || v.gpuPartition).reverse()) vmUndo(w, vm);
  if (plan.vms.length > 0 || plan.switches.length > 0) {
    w.blank().comment(`With -RemoveVMs: the VMs, last first (nested VMs live inside their parent and go with it)${switches ? ', then the switches' : ''}.`);
    w.block(ps`if ($RemoveVMs)`, (b) => {
      for (const vm of [...plan.vms].reverse()) {
        const name = str(vm.name);
        const nestedNames = allVms(vm.children).map((c) => c.name);
        if (nestedNames.length > 0) b.comment(`"${vm.name}" holds the nested VMs ${nestedNames.join(', ')}.`);
        b.block(ps`if (Get-VM -Name ${name} -ErrorAction SilentlyContinue)`, (c) =>
          shouldProcess(c, `VM '${vm.name}'`, 'Stop-VM -TurnOff; Remove-VM', (d) => {
            d.block(ps`if ((Get-VM -Name ${name}).State -ne 'Off')`, (e) => e.line(ps`Stop-VM -Name ${name} -TurnOff -Force`));
            d.line(ps`Remove-VM -Name ${name} -Force`);
          }),
        );
      }
      switchUndo(b, plan.switches, plan.vms.map((v) => v.name), shouldProcess);
    });
  }
  return w.toString();
}

function vmUndo(w: ScriptWriter, vm: PlannedVm): void {
  const name = str(vm.name);
  const what = [...(vm.assigned.length > 0 ? ['its assigned devices back to the host'] : []), ...(vm.gpuPartition ? ['its GPU partition removed'] : [])];
  w.blank().comment(`---- VM "${vm.name}": ${what.join(', ')}, the VM off ----`);
  for (const d of [...vm.assigned].reverse()) {
    w.comment(`Device "${d.id}" (${d.class})${d.locator.kind === 'locationInfo' ? ` at PCI ${d.locator.address}` : ''}.`);
    const lp = locationPathOf(w, d.locator);
    w.block(ps`if (Get-VMAssignableDevice -VMName ${name} -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq ${lp} })`, (b) =>
      shouldProcess(b, `VM '${vm.name}'`, `Remove-VMAssignableDevice '${d.id}'`, (c) => {
        c.line(ps`Assert-PartitionLayoutVMOff -Name ${name} -Change ${str(`remove device ${d.id}`)}`);
        c.line(ps`Remove-VMAssignableDevice -VMName ${name} -LocationPath ${lp}`);
      }),
    );
    w.block(ps`if (Get-VMHostAssignableDevice -LocationPath ${lp} -ErrorAction SilentlyContinue)`, (b) =>
      shouldProcess(b, `device '${d.id}'`, 'Mount-VMHostAssignableDevice; Enable-PnpDevice', (c) => {
        c.line(ps`Mount-VMHostAssignableDevice -LocationPath ${lp}`);
        c.line(ps`$device = Get-PartitionLayoutPnpDevice -LocationPath ${lp}`);
        c.line(ps`Enable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false`);
      }),
    );
  }
  gpuPartitionUndo(w, vm, shouldProcess);
}
