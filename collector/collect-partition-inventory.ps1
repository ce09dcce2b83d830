<#
.SYNOPSIS
    Collects a Hyper-V host's inventory as one JSON document (format partition-inventory/1) for
    partition-lint: `partition-lint import` turns it into a layout, `partition-lint drift` compares a
    layout with it.

.DESCRIPTION
    Run it on the Hyper-V host, in an elevated Windows PowerShell 5.1 or PowerShell 7 with the
    Hyper-V and PnpDevice modules (Windows Server 2016 or later; older hosts lack some cmdlets and
    their parts stay empty). It only reads: nothing on the host changes.

    Every part is the named cmdlet's objects through Select-Object of the listed properties, with
    the cmdlets' own property names and values (enums as the numbers Windows PowerShell writes).

.PARAMETER Path
    The file to write (UTF-8 without a byte-order mark). Without it the JSON goes to the output
    stream, e.g. `.\collect-partition-inventory.ps1 > host.json` (Windows PowerShell 5.1 then
    writes UTF-16; partition-lint reads both).

.EXAMPLE
    .\collect-partition-inventory.ps1 -Path "$env:COMPUTERNAME.inventory.json"
#>
#Requires -Modules Hyper-V
[CmdletBinding()]
param(
    [string] $Path
)

$ErrorActionPreference = 'Stop'

# The JSON nests five levels (inventory > vms > VM > networkAdapters > adapter > values): -Depth
# well above that, so that ConvertTo-Json never cuts a value into its text ("@{Count=4; ...}").
$jsonDepth = 10

function Test-Cmdlet {
    param([string] $Name)
    return $null -ne (Get-Command -Name $Name -ErrorAction SilentlyContinue)
}

# MMIO space a device uses, summed as Microsoft's SurveyDDA.ps1 sums it (Win32_DeviceMemoryAddress
# ranges associated with the device); $null when it cannot be read.
function Get-MmioBytes {
    param([string] $InstanceId)
    $escaped = $InstanceId.Replace('\', '\\').Replace("'", "\'")
    $query = "ASSOCIATORS OF {Win32_PnPEntity.DeviceID='$escaped'} WHERE ResultClass = Win32_DeviceMemoryAddress"
    try {
        $total = [uint64] 0
        foreach ($range in @(Get-CimInstance -Query $query -ErrorAction Stop)) {
            $total += [uint64] $range.EndingAddress - [uint64] $range.StartingAddress
        }
        return $total
    } catch {
        return $null
    }
}

# The data of one device property (an array for DEVPKEY_Device_LocationPaths), $null when absent.
function Get-DevicePropertyData {
    param([string] $InstanceId, [string] $KeyName)
    $property = Get-PnpDeviceProperty -InstanceId $InstanceId -KeyName $KeyName -ErrorAction SilentlyContinue
    if ($null -eq $property) { return $null }
    return $property.Data
}

$os = Get-CimInstance -ClassName 'Win32_OperatingSystem' |
    Select-Object -Property 'Version', 'BuildNumber'

$vmHost = Get-VMHost |
    Select-Object -Property 'LogicalProcessorCount', 'MemoryCapacity', 'NumaSpanningEnabled', 'IovSupport', 'IovSupportReasons'

$numaNodes = @(Get-VMHostNumaNode |
        Select-Object -Property 'NodeId', 'ProcessorsAvailability', 'MemoryTotal', 'MemoryAvailable')

$pciDevices = @(Get-PnpDevice -PresentOnly |
        Where-Object { $_.InstanceId -like 'PCI\*' } |
        Select-Object -Property 'InstanceId', 'FriendlyName', 'Class', 'Status',
        @{ Name = 'LocationPaths'; Expression = { , @(Get-DevicePropertyData -InstanceId $_.InstanceId -KeyName 'DEVPKEY_Device_LocationPaths' | Where-Object { $null -ne $_ }) } },
        @{ Name = 'LocationInfo'; Expression = { Get-DevicePropertyData -InstanceId $_.InstanceId -KeyName 'DEVPKEY_Device_LocationInfo' } },
        @{ Name = 'MmioBytes'; Expression = { Get-MmioBytes -InstanceId $_.InstanceId } })

# Devices dismounted from the host (Dismount-VMHostAssignableDevice) and not yet assigned to a VM.
$assignableDevices = @()
if (Test-Cmdlet -Name 'Get-VMHostAssignableDevice') {
    $assignableDevices = @(Get-VMHostAssignableDevice |
            Select-Object -Property 'InstanceID', 'LocationPath')
}

$switches = @(Get-VMSwitch |
        Select-Object -Property 'Name', 'SwitchType', 'NetAdapterInterfaceDescriptions', 'IovEnabled', 'EmbeddedTeamingEnabled', 'AllowManagementOS')

# GPU partitioning (Windows Server 2025; the cmdlet exists on some earlier hosts too).
$gpus = @()
if (Test-Cmdlet -Name 'Get-VMHostPartitionableGpu') {
    $gpus = @(Get-VMHostPartitionableGpu |
            Select-Object -Property 'Name', 'PartitionCount', 'ValidPartitionCounts')
}

$hasAssignedDevices = Test-Cmdlet -Name 'Get-VMAssignableDevice'
$hasGpuPartitions = Test-Cmdlet -Name 'Get-VMGpuPartitionAdapter'

$vms = @(Get-VM |
        Select-Object -Property 'Name',
        @{ Name = 'VMId'; Expression = { [string] $_.Id } },
        'Generation', 'State', 'ProcessorCount', 'DynamicMemoryEnabled', 'MemoryStartup', 'MemoryMinimum', 'MemoryMaximum',
        'LowMemoryMappedIoSpace', 'HighMemoryMappedIoSpace', 'GuestControlledCacheTypes', 'AutomaticStopAction', 'IsClustered', 'Version',
        @{ Name = 'processor'; Expression = { Get-VMProcessor -VM $_ | Select-Object -Property 'Count', 'ExposeVirtualizationExtensions' } },
        @{ Name = 'memory'; Expression = { Get-VMMemory -VM $_ | Select-Object -Property 'Startup', 'Minimum', 'Maximum', 'Buffer', 'DynamicMemoryEnabled' } },
        @{ Name = 'networkAdapters'; Expression = { , @(Get-VMNetworkAdapter -VM $_ | Select-Object -Property 'Name', 'SwitchName', 'MacAddressSpoofing', 'IsLegacy') } },
        @{ Name = 'assignableDevices'; Expression = { if ($hasAssignedDevices) { , @(Get-VMAssignableDevice -VM $_ | Select-Object -Property 'InstanceID', 'LocationPath') } else { , @() } } },
        @{ Name = 'gpuPartitionAdapters'; Expression = { if ($hasGpuPartitions) { , @(Get-VMGpuPartitionAdapter -VM $_ | Select-Object -Property 'Name') } else { , @() } } })

$inventory = [pscustomobject] [ordered] @{
    schema            = 'partition-inventory/1'
    collectedAt       = [DateTime]::UtcNow.ToString('o')
    computerName      = $env:COMPUTERNAME
    os                = $os
    vmHost            = $vmHost
    numaNodes         = $numaNodes
    pciDevices        = $pciDevices
    assignableDevices = $assignableDevices
    switches          = $switches
    gpus              = $gpus
    vms               = $vms
}

$json = ConvertTo-Json -InputObject $inventory -Depth $jsonDepth
if ($Path) {
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $file = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    [System.IO.File]::WriteAllText($file, $json, $utf8)
    Write-Verbose -Message "Wrote $file"
} else {
    $json
}
