#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Deployment script for the layout "vdi-gpu-01" (Windows Server 2025), written by partition-lint export.
# Source: test-fixtures/valid/vdi-gpu-partitioning.partition.yaml
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

function Get-PartitionLayoutNetAdapterName {
    # The name of the physical network adapter at this PCI location path (its PnP device's DEVPKEY_Device_LocationPaths).
    param([string] $LocationPath)
    foreach ($adapter in Get-NetAdapter -Physical) {
        $paths = (Get-PnpDeviceProperty -InstanceId $adapter.PnPDeviceID -KeyName 'DEVPKEY_Device_LocationPaths' -ErrorAction SilentlyContinue).Data
        if ($paths -contains $LocationPath) {
            return $adapter.Name
        }
    }
    throw ("No physical network adapter of this host has the PCI location path {0}: check the layout's locationPath or address." -f $LocationPath)
}

function Get-PartitionLayoutPartitionableGpu {
    # The partitionable GPU (Get-VMHostPartitionableGpu) at this PCI location path. Its Name is the device's
    # interface path, which holds the PnP instance ID with # for \ (what Add-VMGpuPartitionAdapter -InstancePath takes).
    param([string] $LocationPath)
    $device = Get-PartitionLayoutPnpDevice -LocationPath $LocationPath
    $pattern = '*#' + [WildcardPattern]::Escape($device.InstanceId -replace '\\', '#') + '#*'
    foreach ($gpu in Get-VMHostPartitionableGpu) {
        if ($gpu.Name -like $pattern) {
            return $gpu
        }
    }
    throw ("The GPU at the PCI location path {0} is not partitionable on this host (Get-VMHostPartitionableGpu does not list it): check its driver." -f $LocationPath)
}

if (-not $SkipHostCheck) {
    # The host: 96 logical processors and 768 GiB of memory, as the layout says.
    $vmHost = Get-VMHost
    if ($vmHost.LogicalProcessorCount -ne 96) {
        throw ('This host has {0} logical processors, the layout 96: is this the right host?' -f $vmHost.LogicalProcessorCount)
    }
    if ($vmHost.MemoryCapacity -ne 824633720832) {
        throw ('This host has {0} bytes of memory, the layout 824633720832: is this the right host?' -f $vmHost.MemoryCapacity)
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
#   Root virtual processors: 16 (minroot). Run: bcdedit /set hypervisorrootproc 16  then restart the host.
#   Root memory: 48 GiB (51539607552 bytes). Hyper-V has no setting for it: the root gets what VMs leave; keep that much unassigned.
#   Hypervisor reserve in the layout: 2 GiB (the hypervisor takes it; nothing to set).

# Virtual switches: each is created when no switch of its name exists. Type, teaming and SR-IOV can be set only when a
# switch is created: a switch of that name that differs is reported, not changed.

# Switch "vdi": external on nic0, nic1, a Switch Embedded Team.
# The host keeps its own adapter on it (AllowManagementOS, on by default); its network drops for a moment while the switch is created.
$switch = Get-VMSwitch | Where-Object { $_.Name -eq 'vdi' }
if (-not $switch) {
    if ($PSCmdlet.ShouldProcess('switch ''vdi''', 'New-VMSwitch (external on nic0, nic1, a Switch Embedded Team)')) {
        $uplinks = @()
        $uplinks += Get-PartitionLayoutNetAdapterName -LocationPath 'PCIROOT(40)#PCI(0101)#PCI(0000)'
        $uplinks += Get-PartitionLayoutNetAdapterName -LocationPath 'PCIROOT(40)#PCI(0101)#PCI(0001)'
        New-VMSwitch -Name 'vdi' -NetAdapterName $uplinks -EnableEmbeddedTeaming $true
    }
} else {
    if ($switch.SwitchType -ne 'External' -or $switch.IovEnabled -ne $false -or $switch.EmbeddedTeamingEnabled -ne $true) {
        Write-Warning 'Switch ''vdi'' exists but is not external on nic0, nic1, a Switch Embedded Team as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.'
    }
}

# Switch "mgmt": internal, no uplink.
$switch = Get-VMSwitch | Where-Object { $_.Name -eq 'mgmt' }
if (-not $switch) {
    if ($PSCmdlet.ShouldProcess('switch ''mgmt''', 'New-VMSwitch (internal, no uplink)')) {
        New-VMSwitch -Name 'mgmt' -SwitchType Internal
    }
} else {
    if ($switch.SwitchType -ne 'Internal') {
        Write-Warning 'Switch ''mgmt'' exists but is not internal, no uplink as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.'
    }
}

# Partitionable GPUs (GPU-P): each gets the layout's partition count; the counts a GPU accepts are its ValidPartitionCounts.

# GPU "gpu0": 4 partitions.
$gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(20)#PCI(0301)#PCI(0000)'
if ($gpu.ValidPartitionCounts -notcontains 4) {
    throw ('GPU ''gpu0'' cannot be split into 4 partitions; it accepts: ' + ($gpu.ValidPartitionCounts -join ', '))
}
if ($gpu.PartitionCount -ne 4) {
    if ($PSCmdlet.ShouldProcess('GPU ''gpu0''', 'Set-VMHostPartitionableGpu -PartitionCount 4')) {
        Set-VMHostPartitionableGpu -Name $gpu.Name -PartitionCount 4
    }
}

# GPU "gpu1": 4 partitions.
$gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(E0)#PCI(0301)#PCI(0000)'
if ($gpu.ValidPartitionCounts -notcontains 4) {
    throw ('GPU ''gpu1'' cannot be split into 4 partitions; it accepts: ' + ($gpu.ValidPartitionCounts -join ', '))
}
if ($gpu.PartitionCount -ne 4) {
    if ($PSCmdlet.ShouldProcess('GPU ''gpu1''', 'Set-VMHostPartitionableGpu -PartitionCount 4')) {
        Set-VMHostPartitionableGpu -Name $gpu.Name -PartitionCount 4
    }
}

# ---- VM "vdi01": generation 2, 8 virtual processors, guest: windows-11-enterprise-multi-session ----
$vm = Get-VM -Name 'vdi01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'New-VM')) {
        $vm = New-VM -Name 'vdi01' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'vdi01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'vdi01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'vdi01' -Count 8
    }
}
$memory = Get-VMMemory -VMName 'vdi01' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'vdi01' -Change 'set its memory'
        Set-VMMemory -VMName 'vdi01' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Network adapters: vdi, mgmt (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'vdi01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'vdi01' -SwitchName 'vdi'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'vdi01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'Add-VMNetworkAdapter -SwitchName ''mgmt''')) {
        Add-VMNetworkAdapter -VMName 'vdi01' -SwitchName 'mgmt'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# GPU partition: one partition of "gpu0" (GPU-P), with the VM off.
if (-not (Get-VMGpuPartitionAdapter -VMName 'vdi01' -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi01''', 'Add-VMGpuPartitionAdapter (a partition of ''gpu0'')')) {
        Assert-PartitionLayoutVMOff -Name 'vdi01' -Change 'add a partition of GPU gpu0'
        $gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(20)#PCI(0301)#PCI(0000)'
        Add-VMGpuPartitionAdapter -VMName 'vdi01' -InstancePath $gpu.Name
    }
}

# ---- VM "vdi02": generation 2, 8 virtual processors, guest: windows-11-enterprise-multi-session ----
$vm = Get-VM -Name 'vdi02' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'New-VM')) {
        $vm = New-VM -Name 'vdi02' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'vdi02' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'vdi02' -Change 'set its processor count'
        Set-VMProcessor -VMName 'vdi02' -Count 8
    }
}
$memory = Get-VMMemory -VMName 'vdi02' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'vdi02' -Change 'set its memory'
        Set-VMMemory -VMName 'vdi02' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Network adapters: vdi, mgmt (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'vdi02' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'vdi02' -SwitchName 'vdi'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'vdi02' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'Add-VMNetworkAdapter -SwitchName ''mgmt''')) {
        Add-VMNetworkAdapter -VMName 'vdi02' -SwitchName 'mgmt'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# GPU partition: one partition of "gpu0" (GPU-P), with the VM off.
if (-not (Get-VMGpuPartitionAdapter -VMName 'vdi02' -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi02''', 'Add-VMGpuPartitionAdapter (a partition of ''gpu0'')')) {
        Assert-PartitionLayoutVMOff -Name 'vdi02' -Change 'add a partition of GPU gpu0'
        $gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(20)#PCI(0301)#PCI(0000)'
        Add-VMGpuPartitionAdapter -VMName 'vdi02' -InstancePath $gpu.Name
    }
}

# ---- VM "vdi03": generation 2, 8 virtual processors, guest: windows-11-enterprise-multi-session ----
$vm = Get-VM -Name 'vdi03' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'New-VM')) {
        $vm = New-VM -Name 'vdi03' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'vdi03' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'vdi03' -Change 'set its processor count'
        Set-VMProcessor -VMName 'vdi03' -Count 8
    }
}
$memory = Get-VMMemory -VMName 'vdi03' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'vdi03' -Change 'set its memory'
        Set-VMMemory -VMName 'vdi03' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Network adapters: vdi, mgmt (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'vdi03' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'vdi03' -SwitchName 'vdi'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'vdi03' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'Add-VMNetworkAdapter -SwitchName ''mgmt''')) {
        Add-VMNetworkAdapter -VMName 'vdi03' -SwitchName 'mgmt'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# GPU partition: one partition of "gpu0" (GPU-P), with the VM off.
if (-not (Get-VMGpuPartitionAdapter -VMName 'vdi03' -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi03''', 'Add-VMGpuPartitionAdapter (a partition of ''gpu0'')')) {
        Assert-PartitionLayoutVMOff -Name 'vdi03' -Change 'add a partition of GPU gpu0'
        $gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(20)#PCI(0301)#PCI(0000)'
        Add-VMGpuPartitionAdapter -VMName 'vdi03' -InstancePath $gpu.Name
    }
}

# ---- VM "vdi04": generation 2, 8 virtual processors, guest: windows-11-enterprise-multi-session ----
$vm = Get-VM -Name 'vdi04' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'New-VM')) {
        $vm = New-VM -Name 'vdi04' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'vdi04' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'vdi04' -Change 'set its processor count'
        Set-VMProcessor -VMName 'vdi04' -Count 8
    }
}
$memory = Get-VMMemory -VMName 'vdi04' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'vdi04' -Change 'set its memory'
        Set-VMMemory -VMName 'vdi04' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Network adapters: vdi, mgmt (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'vdi04' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'vdi04' -SwitchName 'vdi'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'vdi04' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'Add-VMNetworkAdapter -SwitchName ''mgmt''')) {
        Add-VMNetworkAdapter -VMName 'vdi04' -SwitchName 'mgmt'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# GPU partition: one partition of "gpu0" (GPU-P), with the VM off.
if (-not (Get-VMGpuPartitionAdapter -VMName 'vdi04' -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi04''', 'Add-VMGpuPartitionAdapter (a partition of ''gpu0'')')) {
        Assert-PartitionLayoutVMOff -Name 'vdi04' -Change 'add a partition of GPU gpu0'
        $gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(20)#PCI(0301)#PCI(0000)'
        Add-VMGpuPartitionAdapter -VMName 'vdi04' -InstancePath $gpu.Name
    }
}

# ---- VM "vdi05": generation 2, 8 virtual processors, guest: windows-11-enterprise-multi-session ----
$vm = Get-VM -Name 'vdi05' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'New-VM')) {
        $vm = New-VM -Name 'vdi05' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'vdi05' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'vdi05' -Change 'set its processor count'
        Set-VMProcessor -VMName 'vdi05' -Count 8
    }
}
$memory = Get-VMMemory -VMName 'vdi05' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'vdi05' -Change 'set its memory'
        Set-VMMemory -VMName 'vdi05' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Network adapters: vdi, mgmt (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'vdi05' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'vdi05' -SwitchName 'vdi'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'vdi05' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'Add-VMNetworkAdapter -SwitchName ''mgmt''')) {
        Add-VMNetworkAdapter -VMName 'vdi05' -SwitchName 'mgmt'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# GPU partition: one partition of "gpu1" (GPU-P), with the VM off.
if (-not (Get-VMGpuPartitionAdapter -VMName 'vdi05' -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi05''', 'Add-VMGpuPartitionAdapter (a partition of ''gpu1'')')) {
        Assert-PartitionLayoutVMOff -Name 'vdi05' -Change 'add a partition of GPU gpu1'
        $gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(E0)#PCI(0301)#PCI(0000)'
        Add-VMGpuPartitionAdapter -VMName 'vdi05' -InstancePath $gpu.Name
    }
}

# ---- VM "vdi06": generation 2, 8 virtual processors, guest: windows-11-enterprise-multi-session ----
$vm = Get-VM -Name 'vdi06' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'New-VM')) {
        $vm = New-VM -Name 'vdi06' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'vdi06' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'vdi06' -Change 'set its processor count'
        Set-VMProcessor -VMName 'vdi06' -Count 8
    }
}
$memory = Get-VMMemory -VMName 'vdi06' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'vdi06' -Change 'set its memory'
        Set-VMMemory -VMName 'vdi06' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Network adapters: vdi, mgmt (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'vdi06' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'vdi06' -SwitchName 'vdi'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'vdi06' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'Add-VMNetworkAdapter -SwitchName ''mgmt''')) {
        Add-VMNetworkAdapter -VMName 'vdi06' -SwitchName 'mgmt'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# GPU partition: one partition of "gpu1" (GPU-P), with the VM off.
if (-not (Get-VMGpuPartitionAdapter -VMName 'vdi06' -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi06''', 'Add-VMGpuPartitionAdapter (a partition of ''gpu1'')')) {
        Assert-PartitionLayoutVMOff -Name 'vdi06' -Change 'add a partition of GPU gpu1'
        $gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(E0)#PCI(0301)#PCI(0000)'
        Add-VMGpuPartitionAdapter -VMName 'vdi06' -InstancePath $gpu.Name
    }
}

# ---- VM "vdi07": generation 2, 8 virtual processors, guest: windows-11-enterprise-multi-session ----
$vm = Get-VM -Name 'vdi07' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'New-VM')) {
        $vm = New-VM -Name 'vdi07' -Generation 2 -MemoryStartupBytes 34359738368 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'vdi07' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'vdi07' -Change 'set its processor count'
        Set-VMProcessor -VMName 'vdi07' -Count 8
    }
}
$memory = Get-VMMemory -VMName 'vdi07' -ErrorAction SilentlyContinue
# Static memory: 32 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 34359738368) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 34359738368')) {
        Assert-PartitionLayoutVMOff -Name 'vdi07' -Change 'set its memory'
        Set-VMMemory -VMName 'vdi07' -DynamicMemoryEnabled $false -StartupBytes 34359738368
    }
}
# Network adapters: vdi, mgmt (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'vdi07' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'vdi07' -SwitchName 'vdi'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'vdi07' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'Add-VMNetworkAdapter -SwitchName ''mgmt''')) {
        Add-VMNetworkAdapter -VMName 'vdi07' -SwitchName 'mgmt'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# GPU partition: one partition of "gpu1" (GPU-P), with the VM off.
if (-not (Get-VMGpuPartitionAdapter -VMName 'vdi07' -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess('VM ''vdi07''', 'Add-VMGpuPartitionAdapter (a partition of ''gpu1'')')) {
        Assert-PartitionLayoutVMOff -Name 'vdi07' -Change 'add a partition of GPU gpu1'
        $gpu = Get-PartitionLayoutPartitionableGpu -LocationPath 'PCIROOT(E0)#PCI(0301)#PCI(0000)'
        Add-VMGpuPartitionAdapter -VMName 'vdi07' -InstancePath $gpu.Name
    }
}

# ---- VM "render01": generation 2, 16 virtual processors, guest: windows-server-2025 ----
$vm = Get-VM -Name 'render01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'New-VM')) {
        $vm = New-VM -Name 'render01' -Generation 2 -MemoryStartupBytes 137438953472 -NoVHD -SwitchName 'vdi'
    }
}
$processor = Get-VMProcessor -VMName 'render01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 16) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VMProcessor -Count 16')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'render01' -Count 16
    }
}
$memory = Get-VMMemory -VMName 'render01' -ErrorAction SilentlyContinue
# Static memory: 128 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 137438953472) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 137438953472')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'set its memory'
        Set-VMMemory -VMName 'render01' -DynamicMemoryEnabled $false -StartupBytes 137438953472
    }
}
# Network adapters: vdi (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'render01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'vdi' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'Add-VMNetworkAdapter -SwitchName ''vdi''')) {
        Add-VMNetworkAdapter -VMName 'render01' -SwitchName 'vdi'
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
# Device "gpu2" (gpu).
if (-not (Get-VMAssignableDevice -VMName 'render01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq 'PCIROOT(C0)#PCI(0301)#PCI(0000)' })) {
    if ($PSCmdlet.ShouldProcess('VM ''render01''', 'assign device ''gpu2''')) {
        Assert-PartitionLayoutVMOff -Name 'render01' -Change 'assign device gpu2'
        if (-not (Get-VMHostAssignableDevice -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)' -ErrorAction SilentlyContinue)) {
            $device = Get-PartitionLayoutPnpDevice -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)'
            Disable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
            Dismount-VMHostAssignableDevice -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)'
        }
        Add-VMAssignableDevice -VMName 'render01' -LocationPath 'PCIROOT(C0)#PCI(0301)#PCI(0000)'
    }
}

Write-Verbose 'The host matches the layout.'
