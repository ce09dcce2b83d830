#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Deployment script for the layout "nested-lab" (Windows Server 2022), written by partition-lint export.
# Source: test-fixtures/valid/nested-virtualization.partition.yaml
# Preview every change without making it: run this script with -WhatIf. Running it again changes only what differs.
[CmdletBinding(SupportsShouldProcess)]
param(
    # Skip the check that this host has the layout's logical processors and memory.
    [switch] $SkipHostCheck,
    # An administrator of the nested parents' guests, for PowerShell Direct (Invoke-Command -VMName).
    [System.Management.Automation.PSCredential] $GuestCredential
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

if (-not $SkipHostCheck) {
    # The host: 64 logical processors and 256 GiB of memory, as the layout says.
    $vmHost = Get-VMHost
    if ($vmHost.LogicalProcessorCount -ne 64) {
        throw ('This host has {0} logical processors, the layout 64: is this the right host?' -f $vmHost.LogicalProcessorCount)
    }
    if ($vmHost.MemoryCapacity -ne 274877906944) {
        throw ('This host has {0} bytes of memory, the layout 274877906944: is this the right host?' -f $vmHost.MemoryCapacity)
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
#   Root memory: 16 GiB (17179869184 bytes). Hyper-V has no setting for it: the root gets what VMs leave; keep that much unassigned.
#   Hypervisor reserve in the layout: 1 GiB (the hypervisor takes it; nothing to set).

# ---- VM "lab01": generation 2, 16 virtual processors ----
$vm = Get-VM -Name 'lab01' -ErrorAction SilentlyContinue
if (-not $vm) {
    if ($PSCmdlet.ShouldProcess('VM ''lab01''', 'New-VM')) {
        $vm = New-VM -Name 'lab01' -Generation 2 -MemoryStartupBytes 68719476736 -NoVHD
    }
}
$processor = Get-VMProcessor -VMName 'lab01' -ErrorAction SilentlyContinue
if (-not $processor -or $processor.Count -ne 16) {
    if ($PSCmdlet.ShouldProcess('VM ''lab01''', 'Set-VMProcessor -Count 16')) {
        Assert-PartitionLayoutVMOff -Name 'lab01' -Change 'set its processor count'
        Set-VMProcessor -VMName 'lab01' -Count 16
    }
}
if (-not $processor -or $processor.ExposeVirtualizationExtensions -ne $true) {
    if ($PSCmdlet.ShouldProcess('VM ''lab01''', 'Set-VMProcessor -ExposeVirtualizationExtensions $true (nested virtualization)')) {
        Assert-PartitionLayoutVMOff -Name 'lab01' -Change 'expose virtualization extensions'
        Set-VMProcessor -VMName 'lab01' -ExposeVirtualizationExtensions $true
    }
}
$memory = Get-VMMemory -VMName 'lab01' -ErrorAction SilentlyContinue
# Static memory: 64 GiB.
if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 68719476736) {
    if ($PSCmdlet.ShouldProcess('VM ''lab01''', 'Set-VMMemory -DynamicMemoryEnabled $false -StartupBytes 68719476736')) {
        Assert-PartitionLayoutVMOff -Name 'lab01' -Change 'set its memory'
        Set-VMMemory -VMName 'lab01' -DynamicMemoryEnabled $false -StartupBytes 68719476736
    }
}
# Synthetic network: New-VM gave the VM one network adapter, not connected; connect it to the external switch (Connect-VMNetworkAdapter).
# Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
# Nested virtualization: its adapters need MAC address spoofing for the nested VMs' traffic.
if (-not $vm -or (Get-VMNetworkAdapter -VMName 'lab01' | Where-Object { $_.MacAddressSpoofing -ne 'On' })) {
    if ($PSCmdlet.ShouldProcess('VM ''lab01''', 'Set-VMNetworkAdapter -MacAddressSpoofing On')) {
        Set-VMNetworkAdapter -VMName 'lab01' -MacAddressSpoofing On
    }
}

# Nested partitions of "lab01" run inside it: the script creates them there through PowerShell Direct.
# "lab01" must be running a guest with the Hyper-V role; until then this step only warns.
if ($PSCmdlet.ShouldProcess('VM ''lab01''', 'create its nested VMs (inner01, inner02) through PowerShell Direct')) {
    if (-not $GuestCredential) {
        throw 'The layout has nested partitions in VM ''lab01'': run this script with -GuestCredential (an administrator of that guest).'
    }
    if ((Get-VM -Name 'lab01').State -ne 'Running') {
        Write-Warning 'VM ''lab01'' is not running: start it, install the Hyper-V role in its guest, and run this script again to create its nested VMs.'
    } else {
        Invoke-Command -VMName 'lab01' -Credential $GuestCredential -ScriptBlock {
            $ErrorActionPreference = 'Stop'

            function Assert-PartitionLayoutVMOff {
                # Stops the script with a clear message when a change needs the VM off and it is not.
                param([string] $Name, [string] $Change)
                $state = (Get-VM -Name $Name).State
                if ($state -ne 'Off') {
                    throw ("VM '{0}' is {1}: stop it to {2}, then run this script again." -f $Name, $state, $Change)
                }
            }

            # ---- VM "inner01": generation 2, 4 virtual processors ----
            $vm = Get-VM -Name 'inner01' -ErrorAction SilentlyContinue
            if (-not $vm) {
                $vm = New-VM -Name 'inner01' -Generation 2 -MemoryStartupBytes 17179869184 -NoVHD
            }
            $processor = Get-VMProcessor -VMName 'inner01' -ErrorAction SilentlyContinue
            if (-not $processor -or $processor.Count -ne 4) {
                Assert-PartitionLayoutVMOff -Name 'inner01' -Change 'set its processor count'
                Set-VMProcessor -VMName 'inner01' -Count 4
            }
            $memory = Get-VMMemory -VMName 'inner01' -ErrorAction SilentlyContinue
            # Static memory: 16 GiB.
            if (-not $memory -or $memory.DynamicMemoryEnabled -or $memory.Startup -ne 17179869184) {
                Assert-PartitionLayoutVMOff -Name 'inner01' -Change 'set its memory'
                Set-VMMemory -VMName 'inner01' -DynamicMemoryEnabled $false -StartupBytes 17179869184
            }
            # Synthetic network: New-VM gave the VM one network adapter, not connected; connect it to the external switch (Connect-VMNetworkAdapter).
            # Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).

            # ---- VM "inner02": generation 2, 4 virtual processors ----
            $vm = Get-VM -Name 'inner02' -ErrorAction SilentlyContinue
            if (-not $vm) {
                $vm = New-VM -Name 'inner02' -Generation 2 -MemoryStartupBytes 8589934592 -NoVHD
            }
            $processor = Get-VMProcessor -VMName 'inner02' -ErrorAction SilentlyContinue
            if (-not $processor -or $processor.Count -ne 4) {
                Assert-PartitionLayoutVMOff -Name 'inner02' -Change 'set its processor count'
                Set-VMProcessor -VMName 'inner02' -Count 4
            }
            $memory = Get-VMMemory -VMName 'inner02' -ErrorAction SilentlyContinue
            # Dynamic memory: startup 8 GiB, minimum 4 GiB, maximum 16 GiB.
            if (-not $memory -or -not $memory.DynamicMemoryEnabled -or $memory.Startup -ne 8589934592 -or $memory.Minimum -ne 4294967296 -or $memory.Maximum -ne 17179869184) {
                Assert-PartitionLayoutVMOff -Name 'inner02' -Change 'set its memory'
                Set-VMMemory -VMName 'inner02' -DynamicMemoryEnabled $true -StartupBytes 8589934592 -MinimumBytes 4294967296 -MaximumBytes 17179869184
            }
            # Synthetic storage: the layout describes no disks; attach the virtual disks (Add-VMHardDiskDrive).
        }
    }
}

Write-Verbose 'The host matches the layout.'
