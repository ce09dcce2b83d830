import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, closeAllEditors, copyFixture, extension, openLayout, positionOf, waitFor } from './support';

/** the preview's webview type (package.json activates on onWebviewPanel:<it>) */
const VIEW_TYPE = 'partitionLayout.allocationPreview';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('partitionLayout.allocationPreview'));
}

function partitionNames(text: string): string[] {
  const layout = parse(text) as { partitions: { name: string }[] };
  return layout.partitions.map((p) => p.name);
}

describe('allocation preview', function () {
  afterEach(closeAllEditors);

  it('the preview command opens a webview panel that renders the layout\'s partitions and follows edits', async function () {
    const uri = copyFixture('valid/modern-gpu-nic.partition.yaml');
    const { document } = await openLayout(uri);
    const expected = partitionNames(fs.readFileSync(uri.fsPath, 'utf8'));
    assert.deepEqual(expected, ['root', 'web01', 'render01', 'edge01']);
    const { previewManager } = await api();

    await vscode.commands.executeCommand('partitionLayout.openPreview');
    const tab = await waitFor('a webview tab of the allocation preview', () => previewTabs()[0]);
    assert.equal(tab.label, 'Allocation: modern-gpu-nic.partition.yaml');
    assert.notEqual(tab.group.viewColumn, vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()))?.viewColumn, 'the preview opens beside the editor');
    // the webview's script reported back the partitions it drew
    await waitFor(`the webview to render ${expected.join(', ')} (rendered: ${previewManager.lastRendered.join(', ')})`, () => JSON.stringify([...previewManager.lastRendered].sort()) === JSON.stringify([...expected].sort()));

    // re-renders on a change, without reopening
    const name = positionOf(document, 'name: edge01', 'name: '.length);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(name, name.translate(0, 'edge01'.length)), 'edge02');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the webview to render the renamed partition edge02', () => previewManager.lastRendered.includes('edge02') && !previewManager.lastRendered.includes('edge01'));
    assert.equal(previewTabs().length, 1, 'still one preview panel');
  });

  it('restores a preview after a window reload: the serializer follows the layout the webview saved', async function () {
    const uri = copyFixture('valid/ws2008-host.partition.yaml');
    await openLayout(uri);
    const expected = partitionNames(fs.readFileSync(uri.fsPath, 'utf8'));
    const { previewManager } = await api();
    const manifest = extension().packageJSON as { activationEvents: string[] };
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${VIEW_TYPE}`), 'VS Code activates the extension to restore its panel');

    // what VS Code does on a reload: a panel of our view type, and the state the webview saved
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Allocation Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    await previewManager.deserializeWebviewPanel(panel, { uri: uri.toString(), query: { filter: '', offsets: {} } });
    assert.equal(previewManager.followed?.toString(), uri.toString());
    assert.equal(panel.title, 'Allocation: ws2008-host.partition.yaml');
    await waitFor(`the restored webview to render ${expected.join(', ')} (rendered: ${previewManager.lastRendered.join(', ')})`, () => JSON.stringify([...previewManager.lastRendered]) === JSON.stringify(expected));
  });
});
