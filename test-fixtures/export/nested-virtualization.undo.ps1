#Requires -RunAsAdministrator
#Requires -Modules Hyper-V
# Undo script for the layout "nested-lab" (Windows Server 2022), written by partition-lint export.
# Source: test-fixtures/valid/nested-virtualization.partition.yaml
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

# With -RemoveVMs: the VMs, last first (nested VMs live inside their parent and go with it).
if ($RemoveVMs) {
    # "lab01" holds the nested VMs inner01, inner02.
    if (Get-VM -Name 'lab01' -ErrorAction SilentlyContinue) {
        if ($PSCmdlet.ShouldProcess('VM ''lab01''', 'Stop-VM -TurnOff; Remove-VM')) {
            if ((Get-VM -Name 'lab01').State -ne 'Off') {
                Stop-VM -Name 'lab01' -TurnOff -Force
            }
            Remove-VM -Name 'lab01' -Force
        }
    }
}
