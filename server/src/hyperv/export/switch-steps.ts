import { bool, int, join, ps, str, word, type Code } from '../powershell/code';
import type { ScriptWriter } from '../powershell/script-writer';
import type { PlannedSwitch, PlannedVm } from './plan';
import { locationPathOf, type Guard } from './script-parts';

/**
 * Virtual switches and the VMs' adapters on them (docs/format.md, "switches" and "networkAdapters").
 * A switch is created when no switch of its name exists; its type, team and SR-IOV can be set only
 * when it is created, so a switch of that name that differs is reported, never changed.
 */

const TYPE_WORD: Record<PlannedSwitch['type'], string> = { external: 'External', internal: 'Internal', private: 'Private' };

/** The PowerShell test of the current switch in `$switch`, true when it differs from the layout's. */
function differs(sw: PlannedSwitch): Code {
  const type = ps`$switch.SwitchType -ne ${str(TYPE_WORD[sw.type])}`;
  if (sw.type !== 'external') return type;
  // EmbeddedTeamingEnabled came with Windows Server 2016: before, it is $null (not teamed).
  const team = sw.uplinks.length > 1 ? ps`$switch.EmbeddedTeamingEnabled -ne $true` : ps`$switch.EmbeddedTeamingEnabled -eq $true`;
  return ps`${type} -or $switch.IovEnabled -ne ${bool(sw.sriov)} -or ${team}`;
}

function describe(sw: PlannedSwitch): string {
  if (sw.type !== 'external') return `${sw.type}, no uplink`;
  const team = sw.uplinks.length > 1 ? ', a Switch Embedded Team' : '';
  return `external on ${sw.uplinks.map((u) => u.id).join(', ')}${team}${sw.sriov ? ', SR-IOV' : ''}`;
}

export function switchSteps(w: ScriptWriter, switches: readonly PlannedSwitch[], guard: Guard): void {
  if (switches.length === 0) return;
  w.blank().comment(
    'Virtual switches: each is created when no switch of its name exists. Type, teaming and SR-IOV can be set only when a',
    'switch is created: a switch of that name that differs is reported, not changed.',
  );
  for (const sw of switches) {
    const name = str(sw.name);
    w.blank().comment(`Switch "${sw.name}": ${describe(sw)}.`);
    if (sw.type === 'external') {
      w.comment('The host keeps its own adapter on it (AllowManagementOS, on by default); its network drops for a moment while the switch is created.');
    }
    w.line(ps`$switch = Get-VMSwitch | Where-Object { $_.Name -eq ${name} }`);
    w.ifElse(
      ps`if (-not $switch)`,
      (b) =>
        guard(b, `switch '${sw.name}'`, `New-VMSwitch (${describe(sw)})`, (c) => {
          if (sw.type !== 'external') {
            c.line(ps`New-VMSwitch -Name ${name} -SwitchType ${word(TYPE_WORD[sw.type])}`);
            return;
          }
          c.line(ps`$uplinks = @()`);
          for (const u of sw.uplinks) c.line(ps`$uplinks += Get-PartitionLayoutNetAdapterName -LocationPath ${locationPathOf(c, u.locator)}`);
          const team = sw.uplinks.length > 1 ? ps` -EnableEmbeddedTeaming $true` : ps``;
          const iov = sw.sriov ? ps` -EnableIov $true` : ps``;
          c.line(ps`New-VMSwitch -Name ${name} -NetAdapterName $uplinks${team}${iov}`);
        }),
      (b) =>
        b.block(ps`if (${differs(sw)})`, (c) =>
          c.line(ps`Write-Warning ${str(`Switch '${sw.name}' exists but is not ${describe(sw)} as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.`)}`),
        ),
    );
  }
}

/** One adapter per `networkAdapters` entry; adapters on an SR-IOV switch ask for a virtual function. */
export function adapterSteps(w: ScriptWriter, vm: PlannedVm, guard: Guard): void {
  if (vm.adapters.length === 0) return;
  const name = str(vm.name);
  const label = `VM '${vm.name}'`;
  w.comment(`Network adapters: ${vm.adapters.map((a) => a.switchName).join(', ')} (one per networkAdapters entry; New-VM made the first).`);
  const seen = new Map<string, number>();
  for (const a of vm.adapters) {
    const n = (seen.get(a.switchName) ?? 0) + 1;
    seen.set(a.switchName, n);
    const on = ps`Where-Object { $_.SwitchName -eq ${str(a.switchName)} }`;
    w.block(ps`if (@(Get-VMNetworkAdapter -VMName ${name} -ErrorAction SilentlyContinue | ${on}).Count -lt ${int(n)})`, (b) =>
      guard(b, label, `Add-VMNetworkAdapter -SwitchName '${a.switchName}'`, (c) => c.line(ps`Add-VMNetworkAdapter -VMName ${name} -SwitchName ${str(a.switchName)}`)),
    );
  }
  for (const switchName of new Set(vm.adapters.filter((a) => a.sriov).map((a) => a.switchName))) {
    const off = ps`Where-Object { $_.SwitchName -eq ${str(switchName)} -and $_.IovWeight -eq 0 }`;
    w.comment(`SR-IOV on "${switchName}": its adapters ask for a virtual function (IovWeight 100; 0 turns SR-IOV off).`);
    w.block(ps`if (-not $vm -or (Get-VMNetworkAdapter -VMName ${name} | ${off}))`, (b) =>
      guard(b, label, `Set-VMNetworkAdapter -IovWeight 100 (switch '${switchName}')`, (c) =>
        c.block(ps`foreach ($adapter in @(Get-VMNetworkAdapter -VMName ${name} | ${off}))`, (d) => d.line(ps`Set-VMNetworkAdapter -VMNetworkAdapter $adapter -IovWeight 100`)),
      ),
    );
  }
}

/**
 * Undo, behind -RemoveVMs and after the VMs: the switches, last first, unless VMs outside the layout
 * (`vmNames` are the layout's, removed just before) still have adapters on them.
 */
export function switchUndo(w: ScriptWriter, switches: readonly PlannedSwitch[], vmNames: readonly string[], guard: Guard): void {
  const layoutVms = ps`@(${join(vmNames.map(str), ', ')})`;
  for (const sw of [...switches].reverse()) {
    const name = str(sw.name);
    w.block(ps`if (Get-VMSwitch | Where-Object { $_.Name -eq ${name} })`, (b) =>
      b.ifElse(
        ps`if (Get-VMNetworkAdapter -All | Where-Object { $_.SwitchName -eq ${name} -and -not $_.IsManagementOs -and $_.VMName -notin ${layoutVms} })`,
        (c) => c.line(ps`Write-Warning ${str(`Switch '${sw.name}' is kept: VMs that are not in the layout still have adapters on it.`)}`),
        (c) => guard(c, `switch '${sw.name}'`, 'Remove-VMSwitch', (d) => d.line(ps`Remove-VMSwitch -Name ${name} -Force`)),
      ),
    );
  }
}
