#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Deployment script for the layout "hv-lab-01" (Windows Server 2025), written by partition-lint export.
# Source: test-fixtures/valid/modern-gpu-nic.partition.yaml
# Preview every change without making it: run this script with -WhatIf. Running it again changes only what differs.
[CmdletBinding(SupportsShouldProcess)]
param(
    # Skip the check that this host has the layout's logical processors and memory.
    [switch] $SkipHostCheck
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

if (-not $SkipHostCheck) {
    # The host: 32 logical processors and 128 GiB of memory, as the layout says.
    $vmHost = Get-VMHost
    if ($vmHost.LogicalProcessorCount -ne 32) {
        throw ('This host has {0} logical processors, the layout 32: is this the right host?' -f $vmHost.LogicalProcessorCount)
    }
    if ($vmHost.MemoryCapacity -ne 137438953472) {
        throw ('This host has {0} bytes of memory, the layout 137438953472: is this the right host?' -f $vmHost.MemoryCapacity)
    }
}

# Host settings: NUMA spanning on. It takes effect after the Hyper-V Virtual Machine Management service restarts (Restart-Service vmms).
$vmHost = Get-VMHost
if ($vmHost.NumaSpanningEnabled -ne $true) {
    if ($PSCmdlet.ShouldProcess('this host', 'Set-VMHost -NumaSpanningEnabled $true')) {
        Set-VMHost -NumaSpanningEnabled $true
        Write-Warning 'NUMA spanning changed: it takes effect after Restart-Service vmms (running VMs keep their placement until they restart).'
    }
}

# The root partition "root": PowerShell cannot set these; do them by hand.
#   Root virtual processors: 8 (minroot). Run: bcdedit /set hypervisorrootproc 8  then restart the host.
#   Root memory: 8 GiB (8589934592 bytes). Hyper-V has no setting for it: the root gets what VMs leave; keep that much unassigned.
#   Hypervisor reserve in the layout: 512 MiB (the hypervisor takes it; nothing to set).

# ---- VM "web01": generation 2, 2 virtual processors, guest: windows-server-2025 ----
$vm = Get-VM -Name 'web01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''web01''', 'New-VM')) {
        $vm = New-VM -Name 'web01' -Generation 2 -MemoryStartupBytes 2147483648 -NoVHD
    }
}
$processor = Get-VMProcessor -VMName 'web01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 2) {
    if ($PSCmdlet.ShouldProcess('VM ''web01''', 'Set-VMProcessor -Count 2')) {
        Assert-PartitionLayoutVMOff -Name 'web01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'web01' -Count 2
    }
}
# Processor affinity to LPs 8-9: PowerShell has no setting; use CPU groups (cpugroups.exe, see Microsoft's "Virtual machine resource controls").
$memory = Get-VMMemory -VMName 'web01' -ErrorAction SilentlyContinue
# Dynamic memory: startup 2 GiB, minimum 1 GiB, maximum 4 GiB, buffer 20 %.
if (-not $memory -or -not $memory.DynamicMemoryEnabled -or $memory.Startup -ne 2147483648 -or $memory.Minimum -ne 1073741824 -or $memory.Maximum -ne 4294967296 -or $memory.Buffer -ne 20) {
    if ($PSCmdlet.ShouldProcess('VM ''web01''', 'Set-VMMemory -DynamicMemoryEnabled $true')) {
        Assert-PartitionLayoutVMOff -Name 'web01' -Change 'set its memory'
        Set-VMMemory -VMName 'web01' -DynamicMemoryEnabled $true -StartupBytes 2147483648 -MinimumBytes 1073741824 -MaximumBytes 4294967296 -Buffer 20
    }
}
# Synthetic network: New-VM gave the VM one network adapter, not connected; connect it to the external switch (Connect-VMNetworkAdapter).
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).

# ---- VM "render01": generation 2, 8 virtual processors ----
$vm = Get-VM -Name 'render01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'New-VM')) {
        $vm = New-VM -Name 'render01' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD
    }
}
$processor = Get-VMProcessor -VMName 'render01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'render01' -Count 8
    }
}
# Processor affinity to LPs 16-23: PowerShell has no setting; use CPU groups (cpugroups.exe, see Microsoft's "Virtual machine resource controls").
$memory = Get-VMMemory -VMName 'render01' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'set its memory'
        Set-VMMemory -VMName 'render01' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# Direct device assignment (Microsoft's "Deploy graphics devices using Discrete Device Assignment"), with the VM off:
# turn-off as its stop action, then MMIO space, then per device Disable-PnpDevice, Dismount-VMHostAssignableDevice, Add-VMAssignableDevice.
if (-not $vm -or $vm.AutomaticStopAction -ne 'TurnOff') {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VM -AutomaticStopAction TurnOff')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'set its stop action'
        Set-VM -Name 'render01' -AutomaticStopAction TurnOff
    }
}
if (-not $vm -or $vm.GuestControlledCacheTypes -ne $true) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VM -GuestControlledCacheTypes $true')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'let the guest control cache types'
        Set-VM -Name 'render01' -GuestControlledCacheTypes $true
    }
}
# MMIO space: low 128 MiB, high 688 MiB (the layout's mmioSpace).
if (-not $vm -or $vm.LowMemoryMappedIoSpace -ne 134217728) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VM -LowMemoryMappedIoSpace 134217728')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'set its low MMIO space'
        Set-VM -Name 'render01' -LowMemoryMappedIoSpace 134217728
    }
}
if (-not $vm -or $vm.HighMemoryMappedIoSpace -ne 721420288) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VM -HighMemoryMappedIoSpace 721420288')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'set its high MMIO space'
        Set-VM -Name 'render01' -HighMemoryMappedIoSpace 721420288
    }
}
# Device "gpu0" (gpu) at PCI 0000:65:00.0.
$locationPath = Get-PartitionLayoutLocationPath -LocationInfo 'PCI bus 101, device 0, function 0'
if (-not (Get-VMAssignableDevice -VMName 'render01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq $locationPath })) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'assign device ''gpu0''')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'assign device gpu0'
        if (-not (Get-VMHostAssignableDevice -LocationPath $locationPath -ErrorAction SilentlyContinue)) {
            $device = Get-PartitionLayoutPnpDevice -LocationPath $locationPath
            Disable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
            Dismount-VMHostAssignableDevice -LocationPath $locationPath
        }
        Add-VMAssignableDevice -VMName 'render01' -LocationPath $locationPath
    }
}

# ---- VM "edge01": generation 2, 4 virtual processors ----
$vm = Get-VM -Name 'edge01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'New-VM')) {
        $vm = New-VM -Name 'edge01' -Generation 2 -MemoryStartupBytes 17179869184 -NoVHD
    }
}
$processor = Get-VMProcessor -VMName 'edge01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 4) {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'Set-VMProcessor -Count 4')) {
        Assert-PartitionLayoutVMOff -Name 'edge01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'edge01' -Count 4
    }
}
$memory = Get-VMMemory -VMName 'edge01' -ErrorAction SilentlyContinue
# Static memory: 16 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 17179869184) {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 17179869184')) {
        Assert-PartitionLayoutVMOff -Name 'edge01' -Change 'set its memory'
        Set-VMMemory -VMName 'edge01' -DynamicMemoryEnabled $false -StartupBytes 17179869184
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# Direct device assignment (Microsoft's "Deploy graphics devices using Discrete Device Assignment"), with the VM off:
# turn-off as its stop action, then MMIO space, then per device Disable-PnpDevice, Dismount-VMHostAssignableDevice, Add-VMAssignableDevice.
if (-not $vm -or $vm.AutomaticStopAction -ne 'TurnOff') {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'Set-VM -AutomaticStopAction TurnOff')) {
        Assert-PartitionLayoutVMOff -Name 'edge01' -Change 'set its stop action'
        Set-VM -Name 'edge01' -AutomaticStopAction TurnOff
    }
}
# MMIO space: low 128 MiB, high 512 MiB (Microsoft's recommendation: the devices' MMIO plus 128 MiB low / 512 MiB high; the layout sets no mmioSpace).
if (-not $vm -or $vm.LowMemoryMappedIoSpace -ne 134217728) {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'Set-VM -LowMemoryMappedIoSpace 134217728')) {
        Assert-PartitionLayoutVMOff -Name 'edge01' -Change 'set its low MMIO space'
        Set-VM -Name 'edge01' -LowMemoryMappedIoSpace 134217728
    }
}
if (-not $vm -or $vm.HighMemoryMappedIoSpace -ne 536870912) {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'Set-VM -HighMemoryMappedIoSpace 536870912')) {
        Assert-PartitionLayoutVMOff -Name 'edge01' -Change 'set its high MMIO space'
        Set-VM -Name 'edge01' -HighMemoryMappedIoSpace 536870912
    }
}
# Device "nic1" (network) at PCI 0000:03:00.1.
$locationPath = Get-PartitionLayoutLocationPath -LocationInfo 'PCI bus 3, device 0, function 1'
if (-not (Get-VMAssignableDevice -VMName 'edge01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq $locationPath })) {
    if ($PSCmdlet.ShouldProcess('VM ''edge01''', 'assign device ''nic1''')) {
        Assert-PartitionLayoutVMOff -Name 'edge01' -Change 'assign device nic1'
        if (-not (Get-VMHostAssignableDevice -LocationPath $locationPath -ErrorAction SilentlyContinue)) {
            $device = Get-PartitionLayoutPnpDevice -LocationPath $locationPath
            Disable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
            Dismount-VMHostAssignableDevice -LocationPath $locationPath
        }
        Add-VMAssignableDevice -VMName 'edge01' -LocationPath $locationPath
    }
}

Write-Verbose 'The host matches the layout.'
