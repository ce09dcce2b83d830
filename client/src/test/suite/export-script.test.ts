import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, copyFixture, openLayout, repoRoot, serverProblems, waitFor } from './support';

/** Export Deployment Script, in the real VS Code: the script opens beside the layout; a layout with errors gets none. */

describe('Export Deployment Script', function () {
  afterEach(closeAllEditors);

  it('opens the script as an untitled PowerShell document beside the layout, equal to partition-lint export\'s', async function () {
    const layout = copyFixture('valid/vdi-gpu-partitioning.partition.yaml');
    const editor = await openLayout(layout);
    const problems = await serverProblems(editor.document);
    assert.equal(problems.error, 0);

    const script = await vscode.commands.executeCommand<vscode.TextDocument>('partitionLayout.exportScript');
    assert.ok(script, 'the command returns the script document');
    assert.equal(script.isUntitled, true);
    assert.equal(script.languageId, 'powershell');
    const shown = await waitFor('the script in an editor', () => vscode.window.visibleTextEditors.find((e) => e.document === script));
    assert.equal(shown.viewColumn, vscode.ViewColumn.Two, 'beside the layout');
    assert.equal(editor.viewColumn, vscode.ViewColumn.One);

    const lines = script.getText().split('\n');
    // What a reviewer checks first: the header, and the steps with the layout's values.
    assert.deepEqual(lines.slice(0, 4), [
      '#Requires -RunAsAdministrator',
      '#Requires -Modules Hyper-V',
      '# Deployment script for the layout "vdi-gpu-01" (Windows Server 2025), written by partition-lint export.',
      '# Source: vdi-gpu-partitioning.partition.yaml',
    ]);
    for (const line of [
      '        New-VMSwitch -Name \'vdi\' -NetAdapterName $uplinks -EnableEmbeddedTeaming $true',
      '        New-VMSwitch -Name \'mgmt\' -SwitchType Internal',
      '        Set-VMHostPartitionableGpu -Name $gpu.Name -PartitionCount 4',
      '        Add-VMGpuPartitionAdapter -VMName \'vdi07\' -InstancePath $gpu.Name',
      '        Set-VM -Name \'render01\' -HighMemoryMappedIoSpace 721420288',
      '        Add-VMAssignableDevice -VMName \'render01\' -LocationPath \'PCIROOT(C0)#PCI(0301)#PCI(0000)\'',
    ]) {
      assert.ok(lines.includes(line), `the script has the line: ${line}`);
    }
    // The whole text is the reviewed golden script, with the editor's file name in the header.
    const golden = fs.readFileSync(path.join(repoRoot, 'test-fixtures', 'export', 'vdi-gpu-partitioning.ps1'), 'utf8');
    assert.equal(script.getText(), golden.replace('# Source: test-fixtures/valid/vdi-gpu-partitioning.partition.yaml', '# Source: vdi-gpu-partitioning.partition.yaml'));
  });

  it('opens no document for a layout with errors', async function () {
    const layout = copyFixture('vscode/gpu-lab.partition.yaml');
    const editor = await openLayout(layout);
    const problems = await serverProblems(editor.document);
    assert.ok(problems.error > 0, 'the fixture has errors');
    const before = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;

    const script = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('partitionLayout.exportScript');
    assert.equal(script, undefined);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, before, 'no untitled document opened');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), layout.toString(), 'the layout stays the active editor');
    // The error message and its Open Problems button are checked in the workbench (scripts/vscode-test/ui-test.mjs).
  });
});
