#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Undo script for the layout "edge-plant-07" (Windows Server 2022), written by partition-lint export.
# Source: test-fixtures/valid/edge-sriov-switches.partition.yaml
# Preview every change without making it: run this script with -WhatIf. Running it again changes only what differs.
# It gives the assigned devices back to the host. VMs and virtual switches are removed only with -RemoveVMs.
[CmdletBinding(SupportsShouldProcess)]
param(
    # Also remove the layout's VMs (their configuration only: virtual disk files stay), then its virtual switches.
    [switch] $RemoveVMs
)

$ErrorActionPreference = 'Stop'

function Assert-PartitionLayoutVMOff {
    # Stops the script with a clear message when a change needs the VM off and it is not.
    param([string] $Name, [string] $Change)
    $state = (Get-VM -Name $Name).State
    if ($state -ne 'Off') {
        throw ("VM '{0}' is {1}: stop it to {2}, then run this script again." -f $Name, $state, $Change)
    }
}

function Get-PartitionLayoutPnpDevice {
    # The PnP device whose PCI location paths include this one (Get-PnpDeviceProperty DEVPKEY_Device_LocationPaths).
    param([string] $LocationPath)
    foreach ($device in Get-PnpDevice) {
        $paths = (Get-PnpDeviceProperty -InstanceId $device.InstanceId -KeyName 'DEVPKEY_Device_LocationPaths' -ErrorAction SilentlyContinue).Data
        if ($paths -contains $LocationPath) {
            return $device
        }
    }
    throw ("No device of this host has the PCI location path {0}: check the layout's locationPath or address." -f $LocationPath)
}

# ---- VM "historian01": its assigned devices back to the host, the VM off ----
# Device "nvme0" (storage).
if (Get-VMAssignableDevice -VMName 'historian01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq 'PCIROOT(85)#PCI(0000)#PCI(0000)' }) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Remove-VMAssignableDevice ''nvme0''')) {
        Assert-PartitionLayoutVMOff -Name 'historian01' -Change 'remove device nvme0'
        Remove-VMAssignableDevice -VMName 'historian01' -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)'
    }
}
if (Get-VMHostAssignableDevice -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('device ''nvme0''', 'Mount-VMHostAssignableDevice; Enable-PnpDevice')) {
        Mount-VMHostAssignableDevice -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)'
        $device = Get-PartitionLayoutPnpDevice -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)'
        Enable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
    }
}

# With -RemoveVMs: the VMs, last first (nested VMs live inside their parent and go with it), then the switches.
if ($RemoveVMs) {
    if (Get-VM -Name 'hmi01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''hmi01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'hmi01').State -ne 'Off') {
                Stop-VM -Name 'hmi01' -TurnOff -Force
            }
            Remove-VM -Name 'hmi01' -Force
        }
    }
    if (Get-VM -Name 'historian01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'historian01').State -ne 'Off') {
                Stop-VM -Name 'historian01' -TurnOff -Force
            }
            Remove-VM -Name 'historian01' -Force
        }
    }
    if (Get-VM -Name 'otgw01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''otgw01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'otgw01').State -ne 'Off') {
                Stop-VM -Name 'otgw01' -TurnOff -Force
            }
            Remove-VM -Name 'otgw01' -Force
        }
    }
    if (Get-VM -Name 'fw01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'fw01').State -ne 'Off') {
                Stop-VM -Name 'fw01' -TurnOff -Force
            }
            Remove-VM -Name 'fw01' -Force
        }
    }
    if (Get-VMSwitch | Where-Object { $_.Name -eq 'ot' }) {
        if (Get-VMNetworkAdapter -All | Where-Object { $_.SwitchName -eq 'ot' -and -not $_.IsManagementOs -and $_.VMName -notin @('fw01', 'otgw01', 'historian01', 'hmi01') }) {
            Write-Warning 'Switch ''ot'' is kept: VMs that are not in the layout still have adapters on it.'
        } else {
            if ($PSCmdlet.ShouldProcess('switch ''ot''', 'Remove-VMSwitch')) {
                Remove-VMSwitch -Name 'ot' -Force
            }
        }
    }
    if (Get-VMSwitch | Where-Object { $_.Name -eq 'host-local' }) {
        if (Get-VMNetworkAdapter -All | Where-Object { $_.SwitchName -eq 'host-local' -and -not $_.IsManagementOs -and $_.VMName -notin @('fw01', 'otgw01', 'historian01', 'hmi01') }) {
            Write-Warning 'Switch ''host-local'' is kept: VMs that are not in the layout still have adapters on it.'
        } else {
            if ($PSCmdlet.ShouldProcess('switch ''host-local''', 'Remove-VMSwitch')) {
                Remove-VMSwitch -Name 'host-local' -Force
            }
        }
    }
    if (Get-VMSwitch | Where-Object { $_.Name -eq 'plant' }) {
        if (Get-VMNetworkAdapter -All | Where-Object { $_.SwitchName -eq 'plant' -and -not $_.IsManagementOs -and $_.VMName -notin @('fw01', 'otgw01', 'historian01', 'hmi01') }) {
            Write-Warning 'Switch ''plant'' is kept: VMs that are not in the layout still have adapters on it.'
        } else {
            if ($PSCmdlet.ShouldProcess('switch ''plant''', 'Remove-VMSwitch')) {
                Remove-VMSwitch -Name 'plant' -Force
            }
        }
    }
    if (Get-VMSwitch | Where-Object { $_.Name -eq 'mgmt-uplink' }) {
        if (Get-VMNetworkAdapter -All | Where-Object { $_.SwitchName -eq 'mgmt-uplink' -and -not $_.IsManagementOs -and $_.VMName -notin @('fw01', 'otgw01', 'historian01', 'hmi01') }) {
            Write-Warning 'Switch ''mgmt-uplink'' is kept: VMs that are not in the layout still have adapters on it.'
        } else {
            if ($PSCmdlet.ShouldProcess('switch ''mgmt-uplink''', 'Remove-VMSwitch')) {
                Remove-VMSwitch -Name 'mgmt-uplink' -Force
            }
        }
    }
}
