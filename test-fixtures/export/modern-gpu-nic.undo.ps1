#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Undo script for the layout "hv-lab-01" (Windows Server 2025), written by partition-lint export.
# Source: test-fixtures/valid/modern-gpu-nic.partition.yaml
# Preview every change without making it: run this script with -WhatIf. Running it again changes only what differs.
# It gives the assigned devices back to the host. VMs are removed only with -RemoveVMs.
[CmdletBinding(SupportsShouldProcess)]
param(
    # Also remove the layout's VMs (their configuration only: virtual disk files stay).
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

function Get-PartitionLayoutLocationPath {
    # The PCI location path (PCIROOT(...)#PCI(...)) of the device Windows shows at a PCI bus, device and function.
    param([string] $LocationInfo)
    foreach ($device in Get-PnpDevice) {
        $info = (Get-PnpDeviceProperty -InstanceId $device.InstanceId -KeyName 'DEVPKEY_Device_LocationInfo' -ErrorAction SilentlyContinue).Data
        if ($info -eq $LocationInfo) {
            $paths = (Get-PnpDeviceProperty -InstanceId $device.InstanceId -KeyName 'DEVPKEY_Device_LocationPaths').Data
            return ($paths | Where-Object { $_ -like 'PCIROOT(*' })[0]
        }
    }
    throw ("No device of this host is at {0}: give the device's locationPath in the layout." -f $LocationInfo)
}

# ---- VM "edge01": its assigned devices back to the host, the VM off ----
# Device "nic1" (network) at PCI 0000:03:00.1.
$locationPath = Get-PartitionLayoutLocationPath -LocationInfo 'PCI bus 3, device 0, function 1'
if (Get-VMAssignableDevice -VMName 'edge01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq $locationPath }) {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'Remove-VMAssignableDevice ''nic1''')) {
        Assert-PartitionLayoutVMOff -Name 'edge01' -Change 'remove device nic1'
        Remove-VMAssignableDevice -VMName 'edge01' -LocationPath $locationPath
    }
}
if (Get-VMHostAssignableDevice -LocationPath $locationPath -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('device ''nic1''', 'Mount-VMHostAssignableDevice; Enable-PnpDevice')) {
        Mount-VMHostAssignableDevice -LocationPath $locationPath
        $device = Get-PartitionLayoutPnpDevice -LocationPath $locationPath
        Enable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
    }
}

# ---- VM "render01": its assigned devices back to the host, the VM off ----
# Device "gpu0" (gpu) at PCI 0000:65:00.0.
$locationPath = Get-PartitionLayoutLocationPath -LocationInfo 'PCI bus 101, device 0, function 0'
if (Get-VMAssignableDevice -VMName 'render01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq $locationPath }) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Remove-VMAssignableDevice ''gpu0''')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'remove device gpu0'
        Remove-VMAssignableDevice -VMName 'render01' -LocationPath $locationPath
    }
}
if (Get-VMHostAssignableDevice -LocationPath $locationPath -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('device ''gpu0''', 'Mount-VMHostAssignableDevice; Enable-PnpDevice')) {
        Mount-VMHostAssignableDevice -LocationPath $locationPath
        $device = Get-PartitionLayoutPnpDevice -LocationPath $locationPath
        Enable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
    }
}

# With -RemoveVMs: the VMs, last first (nested VMs live inside their parent and go with it).
if ($RemoveVMs) {
    if (Get-VM -Name 'edge01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'edge01').State -ne 'Off') {
                Stop-VM -Name 'edge01' -TurnOff -Force
            }
            Remove-VM -Name 'edge01' -Force
        }
    }
    if (Get-VM -Name 'render01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'render01').State -ne 'Off') {
                Stop-VM -Name 'render01' -TurnOff -Force
            }
            Remove-VM -Name 'render01' -Force
        }
    }
    if (Get-VM -Name 'web01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''web01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'web01').State -ne 'Off') {
                Stop-VM -Name 'web01' -TurnOff -Force
            }
            Remove-VM -Name 'web01' -Force
        }
    }
}
