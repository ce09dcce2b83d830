import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, LANGUAGE_ID, ruleOf, serverProblems, waitFor, workspaceDir } from './support';

describe('New Layout File', function () {
  afterEach(closeAllEditors);

  it('opens a starter layout that has no diagnostics', async function () {
    const before = vscode.window.activeTextEditor?.document.uri.toString();
    await vscode.commands.executeCommand('partitionLayout.newLayoutFile');
    const editor = await waitFor('the starter layout editor', () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.uri.toString() !== before && active.document.languageId === LANGUAGE_ID ? active : undefined;
    });
    const document = editor.document;
    assert.equal(document.uri.scheme, 'untitled', 'nothing is written to disk until the user saves');
    assert.ok(document.uri.path.endsWith('.partition.yaml'), document.uri.path);
    assert.ok(document.uri.path.startsWith(vscode.Uri.file(workspaceDir()).path), `bound to the workspace folder: ${document.uri.path}`);
    assert.match(document.getText(), /^layout: v1$/m);
    assert.match(document.getText(), /role: root/);
    // The server validated exactly this text and found nothing; what VS Code shows follows (the
    // empty document the command opens first may get a diagnostic until the starter's arrives).
    assert.deepEqual(await serverProblems(document), { error: 0, warning: 0, info: 0 });
    await waitFor('no diagnostics for the starter layout', () => vscode.languages.getDiagnostics(document.uri).length === 0).catch(() => {
      const left = vscode.languages.getDiagnostics(document.uri).map((d) => `${d.source ?? '?'} ${ruleOf(d)} line ${d.range.start.line + 1}: ${d.message}`);
      assert.deepEqual(left, [], 'the starter layout keeps diagnostics');
    });
  });
});
