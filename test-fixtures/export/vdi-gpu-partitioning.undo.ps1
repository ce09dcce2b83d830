#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Undo script for the layout "vdi-gpu-01" (Windows Server 2025), written by partition-lint export.
# Source: test-fixtures/valid/vdi-gpu-partitioning.partition.yaml
# Preview every change without making it: run this script with -WhatIf. Running it again changes only what differs.
# It gives the assigned devices back to the host and removes the GPU partitions. VMs and virtual switches are removed only with -RemoveVMs.
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

# ---- VM "render01": its assigned devices back to the host, the VM off ----
# Device "gpu2" (gpu).
if (Get-VMAssignableDevice -VMName 'render01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq 'PCIROOT(C0)#PCI(0301)#PCI(0000)' }) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Remove-VMAssignableDevice ''gpu2''')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'remove device gpu2'
        Remove-VMAssignableDevice -VMName 'render01' -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)'
    }
}
if (Get-VMHostAssignableDevice -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('device ''gpu2''', 'Mount-VMHostAssignableDevice; Enable-PnpDevice')) {
        Mount-VMHostAssignableDevice -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)'
        $device = Get-PartitionLayoutPnpDevice -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)'
        Enable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
    }
}

# ---- VM "vdi07": its GPU partition removed, the VM off ----
# GPU partition of "gpu1".
if (Get-VMGpuPartitionAdapter -VMName 'vdi07' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'Remove-VMGpuPartitionAdapter')) {
        Assert-PartitionLayoutVMOff -Name 'vdi07' -Change 'remove its GPU partition'
        Remove-VMGpuPartitionAdapter -VMName 'vdi07'
    }
}

# ---- VM "vdi06": its GPU partition removed, the VM off ----
# GPU partition of "gpu1".
if (Get-VMGpuPartitionAdapter -VMName 'vdi06' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'Remove-VMGpuPartitionAdapter')) {
        Assert-PartitionLayoutVMOff -Name 'vdi06' -Change 'remove its GPU partition'
        Remove-VMGpuPartitionAdapter -VMName 'vdi06'
    }
}

# ---- VM "vdi05": its GPU partition removed, the VM off ----
# GPU partition of "gpu1".
if (Get-VMGpuPartitionAdapter -VMName 'vdi05' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'Remove-VMGpuPartitionAdapter')) {
        Assert-PartitionLayoutVMOff -Name 'vdi05' -Change 'remove its GPU partition'
        Remove-VMGpuPartitionAdapter -VMName 'vdi05'
    }
}

# ---- VM "vdi04": its GPU partition removed, the VM off ----
# GPU partition of "gpu0".
if (Get-VMGpuPartitionAdapter -VMName 'vdi04' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'Remove-VMGpuPartitionAdapter')) {
        Assert-PartitionLayoutVMOff -Name 'vdi04' -Change 'remove its GPU partition'
        Remove-VMGpuPartitionAdapter -VMName 'vdi04'
    }
}

# ---- VM "vdi03": its GPU partition removed, the VM off ----
# GPU partition of "gpu0".
if (Get-VMGpuPartitionAdapter -VMName 'vdi03' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'Remove-VMGpuPartitionAdapter')) {
        Assert-PartitionLayoutVMOff -Name 'vdi03' -Change 'remove its GPU partition'
        Remove-VMGpuPartitionAdapter -VMName 'vdi03'
    }
}

# ---- VM "vdi02": its GPU partition removed, the VM off ----
# GPU partition of "gpu0".
if (Get-VMGpuPartitionAdapter -VMName 'vdi02' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'Remove-VMGpuPartitionAdapter')) {
        Assert-PartitionLayoutVMOff -Name 'vdi02' -Change 'remove its GPU partition'
        Remove-VMGpuPartitionAdapter -VMName 'vdi02'
    }
}

# ---- VM "vdi01": its GPU partition removed, the VM off ----
# GPU partition of "gpu0".
if (Get-VMGpuPartitionAdapter -VMName 'vdi01' -ErrorAction SilentlyContinue) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'Remove-VMGpuPartitionAdapter')) {
        Assert-PartitionLayoutVMOff -Name 'vdi01' -Change 'remove its GPU partition'
        Remove-VMGpuPartitionAdapter -VMName 'vdi01'
    }
}

# With -RemoveVMs: the VMs, last first (nested VMs live inside their parent and go with it), then the switches.
if ($RemoveVMs) {
    if (Get-VM -Name 'render01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'render01').State -ne 'Off') {
                Stop-VM -Name 'render01' -TurnOff -Force
            }
            Remove-VM -Name 'render01' -Force
        }
    }
    if (Get-VM -Name 'vdi07' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'vdi07').State -ne 'Off') {
                Stop-VM -Name 'vdi07' -TurnOff -Force
            }
            Remove-VM -Name 'vdi07' -Force
        }
    }
    if (Get-VM -Name 'vdi06' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'vdi06').State -ne 'Off') {
                Stop-VM -Name 'vdi06' -TurnOff -Force
            }
            Remove-VM -Name 'vdi06' -Force
        }
    }
    if (Get-VM -Name 'vdi05' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'vdi05').State -ne 'Off') {
                Stop-VM -Name 'vdi05' -TurnOff -Force
            }
            Remove-VM -Name 'vdi05' -Force
        }
    }
    if (Get-VM -Name 'vdi04' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'vdi04').State -ne 'Off') {
                Stop-VM -Name 'vdi04' -TurnOff -Force
            }
            Remove-VM -Name 'vdi04' -Force
        }
    }
    if (Get-VM -Name 'vdi03' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'vdi03').State -ne 'Off') {
                Stop-VM -Name 'vdi03' -TurnOff -Force
            }
            Remove-VM -Name 'vdi03' -Force
        }
    }
    if (Get-VM -Name 'vdi02' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'vdi02').State -ne 'Off') {
                Stop-VM -Name 'vdi02' -TurnOff -Force
            }
            Remove-VM -Name 'vdi02' -Force
        }
    }
    if (Get-VM -Name 'vdi01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'vdi01').State -ne 'Off') {
                Stop-VM -Name 'vdi01' -TurnOff -Force
            }
            Remove-VM -Name 'vdi01' -Force
        }
    }
    if (Get-VMSwitch | Where-Object { $_.Name -eq 'mgmt' }) {
        if (Get-VMNetworkAdapter -All | Where-Object { $_.SwitchName -eq 'mgmt' -and -not $_.IsManagementOs -and $_.VMName -notin @('vdi01', 'vdi02', 'vdi03', 'vdi04', 'vdi05', 'vdi06', 'vdi07', 'render01') }) {
            Write-Warning 'Switch ''mgmt'' is kept: VMs that are not in the layout still have adapters on it.'
        } else {
            if ($PSCmdlet.ShouldProcess('switch ''mgmt''', 'Remove-VMSwitch')) {
                Remove-VMSwitch -Name 'mgmt' -Force
            }
        }
    }
    if (Get-VMSwitch | Where-Object { $_.Name -eq 'vdi' }) {
        if (Get-VMNetworkAdapter -All | Where-Object { $_.SwitchName -eq 'vdi' -and -not $_.IsManagementOs -and $_.VMName -notin @('vdi01', 'vdi02', 'vdi03', 'vdi04', 'vdi05', 'vdi06', 'vdi07', 'render01') }) {
            Write-Warning 'Switch ''vdi'' is kept: VMs that are not in the layout still have adapters on it.'
        } else {
            if ($PSCmdlet.ShouldProcess('switch ''vdi''', 'Remove-VMSwitch')) {
                Remove-VMSwitch -Name 'vdi' -Force
            }
        }
    }
}
