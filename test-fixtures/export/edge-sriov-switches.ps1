#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Deployment script for the layout "edge-plant-07" (Windows Server 2022), written by partition-lint export.
# Source: test-fixtures/valid/edge-sriov-switches.partition.yaml
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

if (-not $SkipHostCheck) {
    # The host: 32 logical processors and 192 GiB of memory, as the layout says.
    $vmHost = Get-VMHost
    if ($vmHost.LogicalProcessorCount -ne 32) {
        throw ('This host has {0} logical processors, the layout 32: is this the right host?' -f $vmHost.LogicalProcessorCount)
    }
    if ($vmHost.MemoryCapacity -ne 206158430208) {
        throw ('This host has {0} bytes of memory, the layout 206158430208: is this the right host?' -f $vmHost.MemoryCapacity)
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
#   Root virtual processors: 4 (minroot). Run: bcdedit /set hypervisorrootproc 4  then restart the host.
#   Root memory: 12 GiB (12884901888 bytes). Hyper-V has no setting for it: the root gets what VMs leave; keep that much unassigned.
#   Hypervisor reserve in the layout: 1 GiB (the hypervisor takes it; nothing to set).

# Virtual switches: each is created when no switch of its name exists. Type, teaming and SR-IOV can be set only when a
# switch is created: a switch of that name that differs is reported, not changed.

# Switch "mgmt-uplink": external on nic0.
# The host keeps its own adapter on it (AllowManagementOS, on by default); its network drops for a moment while the switch is created.
$switch = Get-VMSwitch | Where-Object { $_.Name -eq 'mgmt-uplink' }
if (-not $switch) {
    if ($PSCmdlet.ShouldProcess('switch ''mgmt-uplink''', 'New-VMSwitch (external on nic0)')) {
        $uplinks = @()
        $uplinks += Get-PartitionLayoutNetAdapterName -LocationPath 'PCIROOT(0)#PCI(0200)#PCI(0000)'
        New-VMSwitch -Name 'mgmt-uplink' -NetAdapterName $uplinks
    }
} else {
    if ($switch.SwitchType -ne 'External' -or $switch.IovEnabled -ne $false -or $switch.EmbeddedTeamingEnabled -eq $true) {
        Write-Warning 'Switch ''mgmt-uplink'' exists but is not external on nic0 as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.'
    }
}

# Switch "plant": external on nic1, SR-IOV.
# The host keeps its own adapter on it (AllowManagementOS, on by default); its network drops for a moment while the switch is created.
$switch = Get-VMSwitch | Where-Object { $_.Name -eq 'plant' }
if (-not $switch) {
    if ($PSCmdlet.ShouldProcess('switch ''plant''', 'New-VMSwitch (external on nic1, SR-IOV)')) {
        $uplinks = @()
        $uplinks += Get-PartitionLayoutNetAdapterName -LocationPath 'PCIROOT(3A)#PCI(0000)#PCI(0000)'
        New-VMSwitch -Name 'plant' -NetAdapterName $uplinks -EnableIov $true
    }
} else {
    if ($switch.SwitchType -ne 'External' -or $switch.IovEnabled -ne $true -or $switch.EmbeddedTeamingEnabled -eq $true) {
        Write-Warning 'Switch ''plant'' exists but is not external on nic1, SR-IOV as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.'
    }
}

# Switch "host-local": internal, no uplink.
$switch = Get-VMSwitch | Where-Object { $_.Name -eq 'host-local' }
if (-not $switch) {
    if ($PSCmdlet.ShouldProcess('switch ''host-local''', 'New-VMSwitch (internal, no uplink)')) {
        New-VMSwitch -Name 'host-local' -SwitchType Internal
    }
} else {
    if ($switch.SwitchType -ne 'Internal') {
        Write-Warning 'Switch ''host-local'' exists but is not internal, no uplink as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.'
    }
}

# Switch "ot": private, no uplink.
$switch = Get-VMSwitch | Where-Object { $_.Name -eq 'ot' }
if (-not $switch) {
    if ($PSCmdlet.ShouldProcess('switch ''ot''', 'New-VMSwitch (private, no uplink)')) {
        New-VMSwitch -Name 'ot' -SwitchType Private
    }
} else {
    if ($switch.SwitchType -ne 'Private') {
        Write-Warning 'Switch ''ot'' exists but is not private, no uplink as the layout says: remove it (Remove-VMSwitch) and run this script again, or fix the layout.'
    }
}

# ---- VM "fw01": generation 2, 4 virtual processors, guest: linux ----
$vm = Get-VM -Name 'fw01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'New-VM')) {
        $vm = New-VM -Name 'fw01' -Generation 2 -MemoryStartupBytes 8589934592 -NoVHD -SwitchName 'plant'
    }
}
$processor = Get-VMProcessor -VMName 'fw01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 4) {
    if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'Set-VMProcessor -Count 4')) {
        Assert-PartitionLayoutVMOff -Name 'fw01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'fw01' -Count 4
    }
}
# Processor affinity to LPs 4-7: PowerShell has no setting; use CPU groups (cpugroups.exe, see Microsoft's "Virtual machine resource controls").
$memory = Get-VMMemory -VMName 'fw01' -ErrorAction SilentlyContinue
# Static memory: 8 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 8589934592) {
    if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 8589934592')) {
        Assert-PartitionLayoutVMOff -Name 'fw01' -Change 'set its memory'
        Set-VMMemory -VMName 'fw01' -DynamicMemoryEnabled $false -StartupBytes 8589934592
    }
}
# Network adapters: plant, mgmt-uplink, ot (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'fw01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'plant' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'Add-VMNetworkAdapter -SwitchName ''plant''')) {
        Add-VMNetworkAdapter -VMName 'fw01' -SwitchName 'plant'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'fw01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'mgmt-uplink' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'Add-VMNetworkAdapter -SwitchName ''mgmt-uplink''')) {
        Add-VMNetworkAdapter -VMName 'fw01' -SwitchName 'mgmt-uplink'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'fw01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'ot' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'Add-VMNetworkAdapter -SwitchName ''ot''')) {
        Add-VMNetworkAdapter -VMName 'fw01' -SwitchName 'ot'
    }
}
# SR-IOV on "plant": its adapters ask for a virtual function (IovWeight 100; 0 turns SR-IOV off).
if (-not $vm -or (Get-VMNetworkAdapter -VMName 'fw01' | Where-Object { $_.SwitchName -eq 'plant' -and $_.IovWeight -eq 0 })) {
    if ($PSCmdlet.ShouldProcess('VM ''fw01''', 'Set-VMNetworkAdapter -IovWeight 100 (switch ''plant'')')) {
        foreach ($adapter in @(Get-VMNetworkAdapter -VMName 'fw01' | Where-Object { $_.SwitchName -eq 'plant' -and $_.IovWeight -eq 0 })) {
            Set-VMNetworkAdapter -VMNetworkAdapter $adapter -IovWeight 100
        }
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).

# ---- VM "otgw01": generation 2, 2 virtual processors, guest: windows-server-2022 ----
$vm = Get-VM -Name 'otgw01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''otgw01''', 'New-VM')) {
        $vm = New-VM -Name 'otgw01' -Generation 2 -MemoryStartupBytes 8589934592 -NoVHD -SwitchName 'ot'
    }
}
$processor = Get-VMProcessor -VMName 'otgw01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 2) {
    if ($PSCmdlet.ShouldProcess('VM ''otgw01''', 'Set-VMProcessor -Count 2')) {
        Assert-PartitionLayoutVMOff -Name 'otgw01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'otgw01' -Count 2
    }
}
$memory = Get-VMMemory -VMName 'otgw01' -ErrorAction SilentlyContinue
# Static memory: 8 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 8589934592) {
    if ($PSCmdlet.ShouldProcess('VM ''otgw01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 8589934592')) {
        Assert-PartitionLayoutVMOff -Name 'otgw01' -Change 'set its memory'
        Set-VMMemory -VMName 'otgw01' -DynamicMemoryEnabled $false -StartupBytes 8589934592
    }
}
# Network adapters: ot (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'otgw01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'ot' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''otgw01''', 'Add-VMNetworkAdapter -SwitchName ''ot''')) {
        Add-VMNetworkAdapter -VMName 'otgw01' -SwitchName 'ot'
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).

# ---- VM "historian01": generation 2, 8 virtual processors, guest: windows-server-2022 ----
$vm = Get-VM -Name 'historian01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'New-VM')) {
        $vm = New-VM -Name 'historian01' -Generation 2 -MemoryStartupBytes 68719476736 -NoVHD -SwitchName 'plant'
    }
}
$processor = Get-VMProcessor -VMName 'historian01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 8) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Set-VMProcessor -Count 8')) {
        Assert-PartitionLayoutVMOff -Name 'historian01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'historian01' -Count 8
    }
}
# Processor affinity to LPs 8-15: PowerShell has no setting; use CPU groups (cpugroups.exe, see Microsoft's "Virtual machine resource controls").
$memory = Get-VMMemory -VMName 'historian01' -ErrorAction SilentlyContinue
# Static memory: 64 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 68719476736) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 68719476736')) {
        Assert-PartitionLayoutVMOff -Name 'historian01' -Change 'set its memory'
        Set-VMMemory -VMName 'historian01' -DynamicMemoryEnabled $false -StartupBytes 68719476736
    }
}
# Network adapters: plant, host-local (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'historian01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'plant' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Add-VMNetworkAdapter -SwitchName ''plant''')) {
        Add-VMNetworkAdapter -VMName 'historian01' -SwitchName 'plant'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'historian01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'host-local' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Add-VMNetworkAdapter -SwitchName ''host-local''')) {
        Add-VMNetworkAdapter -VMName 'historian01' -SwitchName 'host-local'
    }
}
# SR-IOV on "plant": its adapters ask for a virtual function (IovWeight 100; 0 turns SR-IOV off).
if (-not $vm -or (Get-VMNetworkAdapter -VMName 'historian01' | Where-Object { $_.SwitchName -eq 'plant' -and $_.IovWeight -eq 0 })) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Set-VMNetworkAdapter -IovWeight 100 (switch ''plant'')')) {
        foreach ($adapter in @(Get-VMNetworkAdapter -VMName 'historian01' | Where-Object { $_.SwitchName -eq 'plant' -and $_.IovWeight -eq 0 })) {
            Set-VMNetworkAdapter -VMNetworkAdapter $adapter -IovWeight 100
        }
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# Direct device assignment (Microsoft's "Deploy graphics devices using Discrete Device Assignment"), with the VM off:
# turn-off as its stop action, then MMIO space, then per device Disable-PnpDevice, Dismount-VMHostAssignableDevice, Add-VMAssignableDevice.
if (-not $vm -or $vm.AutomaticStopAction -ne 'TurnOff') {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Set-VM -AutomaticStopAction TurnOff')) {
        Assert-PartitionLayoutVMOff -Name 'historian01' -Change 'set its stop action'
        Set-VM -Name 'historian01' -AutomaticStopAction TurnOff
    }
}
# MMIO space: low 128 MiB (Microsoft's recommendation: the devices' MMIO plus 128 MiB), high 528 MiB (the layout's mmioSpace).
if (-not $vm -or $vm.LowMemoryMappedIoSpace -ne 134217728) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Set-VM -LowMemoryMappedIoSpace 134217728')) {
        Assert-PartitionLayoutVMOff -Name 'historian01' -Change 'set its low MMIO space'
        Set-VM -Name 'historian01' -LowMemoryMappedIoSpace 134217728
    }
}
if (-not $vm -or $vm.HighMemoryMappedIoSpace -ne 553648128) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'Set-VM -HighMemoryMappedIoSpace 553648128')) {
        Assert-PartitionLayoutVMOff -Name 'historian01' -Change 'set its high MMIO space'
        Set-VM -Name 'historian01' -HighMemoryMappedIoSpace 553648128
    }
}
# Device "nvme0" (storage).
if (-not (Get-VMAssignableDevice -VMName 'historian01' -ErrorAction SilentlyContinue | Where-Object { $_.LocationPath -eq 'PCIROOT(85)#PCI(0000)#PCI(0000)' })) {
    if ($PSCmdlet.ShouldProcess('VM ''historian01''', 'assign device ''nvme0''')) {
        Assert-PartitionLayoutVMOff -Name 'historian01' -Change 'assign device nvme0'
        if (-not (Get-VMHostAssignableDevice -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)' -ErrorAction SilentlyContinue)) {
            $device = Get-PartitionLayoutPnpDevice -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)'
            Disable-PnpDevice -InstanceId $device.InstanceId -Confirm:$false
            Dismount-VMHostAssignableDevice -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)'
        }
        Add-VMAssignableDevice -VMName 'historian01' -LocationPath 'PCIROOT(85)#PCI(0000)#PCI(0000)'
    }
}

# ---- VM "hmi01": generation 2, 4 virtual processors, guest: windows-11-enterprise ----
$vm = Get-VM -Name 'hmi01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''hmi01''', 'New-VM')) {
        $vm = New-VM -Name 'hmi01' -Generation 2 -MemoryStartupBytes 8589934592 -NoVHD -SwitchName 'plant'
    }
}
$processor = Get-VMProcessor -VMName 'hmi01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 4) {
    if ($PSCmdlet.ShouldProcess('VM ''hmi01''', 'Set-VMProcessor -Count 4')) {
        Assert-PartitionLayoutVMOff -Name 'hmi01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'hmi01' -Count 4
    }
}
$memory = Get-VMMemory -VMName 'hmi01' -ErrorAction SilentlyContinue
# Dynamic memory: startup 8 GiB, minimum 4 GiB, maximum 16 GiB, buffer 20 %.
if (-not $memory -or -not $memory.DynamicMemoryEnabled -or $memory.Startup -ne 8589934592 -or $memory.Minimum -ne 4294967296 -or $memory.Maximum -ne 17179869184 -or $memory.Buffer -ne 20) {
    if ($PSCmdlet.ShouldProcess('VM ''hmi01''', 'Set-VMMemory -DynamicMemoryEnabled $true')) {
        Assert-PartitionLayoutVMOff -Name 'hmi01' -Change 'set its memory'
        Set-VMMemory -VMName 'hmi01' -DynamicMemoryEnabled $true -StartupBytes 8589934592 -MinimumBytes 4294967296 -MaximumBytes 17179869184 -Buffer 20
    }
}
# Network adapters: plant, host-local (one per networkAdapters entry; New-VM made the first).
if (@(Get-VMNetworkAdapter -VMName 'hmi01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'plant' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''hmi01''', 'Add-VMNetworkAdapter -SwitchName ''plant''')) {
        Add-VMNetworkAdapter -VMName 'hmi01' -SwitchName 'plant'
    }
}
if (@(Get-VMNetworkAdapter -VMName 'hmi01' -ErrorAction SilentlyContinue | Where-Object { $_.SwitchName -eq 'host-local' }).Count -lt 1) {
    if ($PSCmdlet.ShouldProcess('VM ''hmi01''', 'Add-VMNetworkAdapter -SwitchName ''host-local''')) {
        Add-VMNetworkAdapter -VMName 'hmi01' -SwitchName 'host-local'
    }
}
# SR-IOV on "plant": its adapters ask for a virtual function (IovWeight 100; 0 turns SR-IOV off).
if (-not $vm -or (Get-VMNetworkAdapter -VMName 'hmi01' | Where-Object { $_.SwitchName -eq 'plant' -and $_.IovWeight -eq 0 })) {
    if ($PSCmdlet.ShouldProcess('VM ''hmi01''', 'Set-VMNetworkAdapter -IovWeight 100 (switch ''plant'')')) {
        foreach ($adapter in @(Get-VMNetworkAdapter -VMName 'hmi01' | Where-Object { $_.SwitchName -eq 'plant' -and $_.IovWeight -eq 0 })) {
            Set-VMNetworkAdapter -VMNetworkAdapter $adapter -IovWeight 100
        }
    }
}
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).

Write-Verbose 'The host matches the layout.'
