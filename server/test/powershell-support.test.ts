// The PowerShell test helper itself: it must find what it is meant to find, or tests built on it prove nothing.
import * as assert from 'node:assert/strict';
import {
  commandsNamed,
  decodeVerbatim,
  parameterValue,
  parsePowerShell,
  referenceProblems,
  skeleton,
  syntaxErrorLines,
} from './support/powershell';

describe('PowerShell test helper (tree-sitter-powershell)', () => {
  it('parses a well-formed script with no errors and lists its commands, parameters and values', async () => {
    const script = [
      '#Requires -Modules Hyper-V',
      '[CmdletBinding(SupportsShouldProcess)]',
      'param([switch]$RemoveVMs)',
      "$ErrorActionPreference = 'Stop'",
      "if (-not (Get-VM -Name 'web01' -ErrorAction SilentlyContinue)) {",
      "    New-VM -Name 'it''s' -Generation 2 -MemoryStartupBytes 2147483648 -NoVHD",
      '}',
      "Set-VM -Name 'web01' -HighMemoryMappedIoSpace 33280Mb -GuestControlledCacheTypes $true -Confirm:$false",
      "Invoke-Command -VMName 'host2' -Credential $c -ScriptBlock { Set-VMProcessor -VMName 'n1' -Count 2 }",
    ].join('\r\n');
    const parsed = await parsePowerShell(script);
    assert.deepEqual(syntaxErrorLines(parsed), []);
    assert.deepEqual(
      parsed.commands.map((c) => `${c.line} ${c.name} ${c.scriptBlockDepth}`),
      ['5 Get-VM 0', '6 New-VM 0', '8 Set-VM 0', '9 Invoke-Command 0', '9 Set-VMProcessor 1'],
    );
    const newVm = commandsNamed(parsed, 'New-VM')[0];
    assert.equal(parameterValue(newVm, 'Name')?.value, "it's");
    assert.equal(parameterValue(newVm, 'MemoryStartupBytes')?.value, 2147483648n);
    assert.equal(parameterValue(newVm, 'NoVHD')?.type, 'switch');
    const setVm = commandsNamed(parsed, 'Set-VM')[0];
    assert.equal(parameterValue(setVm, 'HighMemoryMappedIoSpace')?.value, 33280n * 1024n * 1024n);
    assert.equal(parameterValue(setVm, 'GuestControlledCacheTypes')?.text, '$true');
    assert.equal(parameterValue(setVm, 'Confirm')?.text, '$false');
    assert.deepEqual(referenceProblems(parsed), []);
  });

  it('reports syntax errors with their line and column', async () => {
    const parsed = await parsePowerShell("Get-VM -Name 'a'\nif ($x) { Set-VM -Name 'b'\n");
    assert.ok(parsed.errors.length > 0, 'an unclosed block is an error');
    assert.match(syntaxErrorLines(parsed)[0], /^\d+:\d+ (ERROR|MISSING)/);
  });

  it('flags unknown cmdlets, unknown parameters, mixed parameter sets and missing mandatory parameters', async () => {
    const parsed = await parsePowerShell(
      [
        "Set-VMGpu -VMName 'a'",
        "Set-VMProcessor -VMName 'a' -Cores 2",
        "Set-VM -Name 'a' -VM $vm",
        'Add-VMAssignableDevice -LocationPath $lp',
        "function Test-Thing { param($x) }",
        "Test-Thing -x 'a'",
        "Set-VM -Name 'a' -Verbose -WhatIf",
      ].join('\n'),
    );
    assert.deepEqual(referenceProblems(parsed), [
      'line 1: Set-VMGpu: not a documented cmdlet',
      'line 2: Set-VMProcessor: no parameter -Cores',
      'line 3: Set-VM: parameters -Name -VM fit no single parameter set',
      'line 4: Add-VMAssignableDevice: missing mandatory -VMName',
    ]);
  });

  it('reads Unicode single quotes as PowerShell does: a lone ‘ ends the string', async () => {
    assert.equal(decodeVerbatim("'a’’b'"), 'a’b');
    assert.throws(() => decodeVerbatim("'a’b'"), /unpaired quote/);
    // What an unescaped ’ does to a command: the rest becomes code (a second statement).
    const bad = await parsePowerShell("Set-VM -Name 'x’; Remove-Item C:\\ -Recurse; ’' -Notes 'n'");
    assert.ok(commandsNamed(bad, 'Remove-Item').length > 0);
    const good = await parsePowerShell("Set-VM -Name 'x’’; Remove-Item C:\\ -Recurse; ’’' -Notes 'n'");
    assert.deepEqual(syntaxErrorLines(good), []);
    assert.deepEqual(good.commands.map((c) => c.name), ['Set-VM']);
    assert.equal(parameterValue(good.commands[0], 'Name')?.value, 'x’; Remove-Item C:\\ -Recurse; ’');
  });

  it('gives two scripts the same skeleton only when they differ in literal text alone', async () => {
    const a = await parsePowerShell("# note: one\nSet-VM -Name 'a' -ProcessorCount 2");
    const b = await parsePowerShell("# note: two $(x)\nSet-VM -Name 'b; x' -ProcessorCount 4");
    const c = await parsePowerShell("# note: one\nSet-VM -Name 'a' -ProcessorCount 2; Remove-Item x");
    assert.equal(skeleton(a), skeleton(b));
    assert.notEqual(skeleton(a), skeleton(c));
  });
});
