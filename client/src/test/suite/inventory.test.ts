import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImportInventoryResult } from '../../../../server/src/protocol';
import { api, closeAllEditors, copyFixture, openLayout, repoRoot, ruleOf, waitFor, workspaceDir } from './support';

/** Import Host Inventory and Compare with Host Inventory, in the real VS Code. */

function copyInventory(name: string, folder: string): vscode.Uri {
  const target = path.join(workspaceDir(), folder, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'test-fixtures', 'inventory', name), target);
  return vscode.Uri.file(target);
}

/** The drift diagnostics VS Code shows for a document: rule, severity, 1-based line, message. */
function driftRows(uri: vscode.Uri): Array<[string, string, number, string]> {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => ruleOf(d).startsWith('drift-'))
    .map((d): [string, string, number, string] => [ruleOf(d), vscode.DiagnosticSeverity[d.severity], d.range.start.line + 1, d.message])
    .sort((a, b) => a[2] - b[2] || a[0].localeCompare(b[0]));
}

describe('Import Host Inventory', function () {
  afterEach(closeAllEditors);

  it('writes the imported layout beside the inventory, opens it, and never replaces a file', async function () {
    const inventory = copyInventory('host-ws2025-ps7.inventory.json', 'import');
    const first = await vscode.commands.executeCommand<vscode.Uri>('partitionLayout.importInventory', inventory);
    assert.equal(first?.fsPath, path.join(workspaceDir(), 'import', 'hv-lab-01.partition.yaml'));
    const editor = await waitFor('the imported layout in the editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath === first.fsPath ? vscode.window.activeTextEditor : undefined));
    const text = editor.document.getText();
    assert.equal(editor.document.languageId, 'partition-yaml');
    assert.match(text, /^# Imported by partition-lint from host-ws2025-ps7\.inventory\.json \(host HV-LAB-01, collected 2026-12-01T04:40:00\.000Z\)\.$/m);
    assert.match(text, /^ {2}- name: sql-server-01 # on the host: "SQL Server 01"$/m);
    assert.equal(fs.readFileSync(first.fsPath, 'utf8'), text, 'the layout is written to disk');

    const second = await vscode.commands.executeCommand<vscode.Uri>('partitionLayout.importInventory', inventory);
    assert.equal(second?.fsPath, path.join(workspaceDir(), 'import', 'hv-lab-01-2.partition.yaml'));
    assert.equal(fs.readFileSync(first.fsPath, 'utf8'), text, 'the first layout is untouched');
  });

  it('writes nothing for an inventory it cannot read, and the server says why', async function () {
    const inventory = copyInventory('truncated-depth.inventory.json', 'import-bad');
    const result = await vscode.commands.executeCommand('partitionLayout.importInventory', inventory);
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(path.dirname(inventory.fsPath)), ['truncated-depth.inventory.json'], 'no layout written');
    // the reason the command shows the user ("Partition Layout: Import Host Inventory failed: …")
    const reply = await (await api()).client.sendRequest<ImportInventoryResult>('partitionLayout/importInventory', { inventoryUri: inventory.toString() });
    assert.ok('error' in reply);
    assert.match(reply.error, /^truncated-depth\.inventory\.json: ConvertTo-Json cut these 6 values at its -Depth, .*-Depth 10 or more$/);
  });
});

describe('Compare with Host Inventory', function () {
  afterEach(closeAllEditors);

  it('shows drift as diagnostics on the layout until the command runs again or the layout is closed', async function () {
    const layout = copyFixture('drift/drift-mmio/fires.partition.yaml');
    const sameHost = copyInventory('host-ws2025-ps51.inventory.json', 'drift/drift-mmio');
    const otherHost = copyInventory('host-ws2022-ps7.inventory.json', 'drift/drift-mmio');
    await openLayout(layout);

    const n = await vscode.commands.executeCommand<number>('partitionLayout.compareInventory', sameHost);
    assert.equal(n, 1);
    await waitFor('the drift diagnostic', () => driftRows(layout).length === 1);
    assert.deepEqual(driftRows(layout), [
      ['drift-mmio', 'Error', 118, 'Partition "render01" has mmioSpace.low 1 GiB in the layout; VM "render01" has 3 GiB on the host (LowMemoryMappedIoSpace).'],
    ]);

    // run again with another host: its findings replace the first ones
    const m = await vscode.commands.executeCommand<number>('partitionLayout.compareInventory', otherHost);
    assert.ok(m !== undefined && m > 1, `${m} differences with another host`);
    await waitFor('the other host\'s drift', () => driftRows(layout).length === m);
    assert.ok(!driftRows(layout).some((r) => r[0] === 'drift-mmio' && r[2] === 118 && r[3].includes('3 GiB')), 'the first comparison is gone');
    assert.deepEqual(driftRows(layout)[0].slice(0, 3), ['drift-host', 'Error', 8]);

    await closeAllEditors();
    await waitFor('no drift diagnostics after closing the layout', () => driftRows(layout).length === 0);
  });

  it('compares nothing without an open layout', async function () {
    const inventory = copyInventory('host-ws2025-ps51.inventory.json', 'no-layout');
    assert.equal(vscode.window.activeTextEditor, undefined);
    const result = await vscode.commands.executeCommand('partitionLayout.compareInventory', inventory);
    assert.equal(result, undefined);
  });
});
