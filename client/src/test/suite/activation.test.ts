import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { copyFixture, extension, LANGUAGE_ID, log, metrics, openLayout, waitFor } from './support';

describe('activation', function () {
  it('runs the extension the runner meant to test (installed .vsix or the checkout)', function () {
    const ext = extension();
    metrics.extensionPath = ext.extensionPath;
    log(`extension under test: ${ext.id} ${String(ext.packageJSON.version)} at ${ext.extensionPath}`);
    // The runner says where the extension must come from: in --installed mode from the extensions
    // folder it installed the .vsix into, so that a packaging mistake cannot pass.
    const installedIn = process.env.PARTITION_LAYOUT_TEST_EXTENSIONS_DIR;
    const developedAt = process.env.PARTITION_LAYOUT_TEST_DEVELOPMENT_PATH;
    if (installedIn) {
      assert.ok(ext.extensionPath.startsWith(installedIn + path.sep), `expected the installed extension under ${installedIn}, got ${ext.extensionPath}`);
    } else {
      assert.ok(developedAt, 'the runner sets PARTITION_LAYOUT_TEST_EXTENSIONS_DIR or PARTITION_LAYOUT_TEST_DEVELOPMENT_PATH');
      assert.equal(path.resolve(ext.extensionPath), path.resolve(developedAt));
    }
  });

  it('is not active before a layout is opened, and activates when a *.partition.yaml opens', async function () {
    const ext = extension();
    // The workspace holds no layout when the window opens, so neither onLanguage nor
    // workspaceContains has fired yet.
    assert.equal(ext.isActive, false, 'the extension was already active before any layout was opened');
    const uri = copyFixture('valid/modern-gpu-nic.partition.yaml');

    const started = performance.now();
    const editor = await openLayout(uri);
    // No activate() call here: the file alone must trigger activation (activationEvents).
    await waitFor('the extension to activate after opening a *.partition.yaml', () => ext.isActive, 30_000);
    const api = ext.exports;
    await waitFor('the language client to run', () => api.client.state === State.Running, 30_000);
    metrics.activationMs = Math.round(performance.now() - started);
    log(`activation: ${metrics.activationMs} ms from opening the first layout to the language client running`);

    assert.equal(editor.document.languageId, LANGUAGE_ID);
    assert.ok(api.client.initializeResult, 'the server answered initialize');
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['partitionLayout.newLayoutFile', 'partitionLayout.openPreview']) assert.ok(commands.includes(id), `command ${id} is registered`);
  });
});
