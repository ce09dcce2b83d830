import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, copyFixture, expectedRows, openLayout, positionOf, ruleOf, SOURCE, waitFor, waitForRows } from './support';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('partitionLayout.allocationPreview'));
}

describe('editor details: status bar, quick fixes that select, rename refusals', function () {
  afterEach(closeAllEditors);

  it('a status-bar item shows the layout\'s problem count, opens the preview, and hides for other files', async function () {
    const fixture = 'vscode/gpu-lab.partition.yaml';
    const expected = expectedRows(fixture);
    const count = (severity: string): number => expected.filter((r) => r.severity === severity).length;
    assert.ok(count('error') > 0 && count('warning') > 0, 'the fixture has errors and warnings');
    const uri = copyFixture(fixture);
    await openLayout(uri);
    await waitForRows(uri, expected);
    const { problemStatus } = await api();
    const info = count('info') > 0 ? ` $(info) ${count('info')}` : '';
    const view = await waitFor('the status-bar item to count the problems', () => {
      const v = problemStatus.view;
      return v.visible && v.uri === uri.toString() && v.text === `$(error) ${count('error')} $(warning) ${count('warning')}${info} Layout` ? v : undefined;
    });
    assert.match(view.tooltip, new RegExp(`^Partition Layout: ${count('error')} errors?, ${count('warning')} warnings?.* in gpu-lab\\.partition\\.yaml\\. Click to open the allocation preview\\.$`));
    assert.equal(view.command, 'partitionLayout.openPreview');

    // a click runs the item's command: the preview opens beside the layout
    await vscode.commands.executeCommand(view.command);
    await waitFor('the allocation preview to open', () => previewTabs()[0]);

    // a fixed layout shows no problems
    const fixed = copyFixture('valid/modern-gpu-nic.partition.yaml');
    await openLayout(fixed);
    await waitFor('the item to show a layout without problems', () => problemStatus.view.uri === fixed.toString() && problemStatus.view.text === '$(pass) Layout');

    // another kind of file: no item
    const other = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'not a layout' });
    await vscode.window.showTextDocument(other);
    await waitFor('the item to hide for a plain-text file', () => !problemStatus.view.visible);
  });

  it('the disable-comment quick fix leaves its reason selected, to be typed over', async function () {
    const fixture = 'rules/no-hypervisor-drivers/fires.partition.yaml';
    const expected = expectedRows(fixture);
    const uri = copyFixture(fixture);
    const editor = await openLayout(uri);
    await waitForRows(uri, expected);
    const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.source === SOURCE && ruleOf(d) === 'no-hypervisor-drivers');
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a): a is vscode.CodeAction => a.title === 'Disable no-hypervisor-drivers for this line');
    assert.ok(disable?.edit && disable.command, `a disable fix with an edit and a command; offered: ${actions.map((a) => a.title).join(' | ')}`);
    // what VS Code does with a chosen code action: apply its edit, then run its command
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    await vscode.commands.executeCommand(disable.command.command, ...(disable.command.arguments ?? []));
    const line = editor.document.lineAt(diagnostic.range.start.line).text;
    assert.match(line, /^\s*# partition-lint-disable-next-line no-hypervisor-drivers -- reason$/);
    assert.equal(editor.document.getText(editor.selection), 'reason');
    assert.equal(editor.selection.start.line, diagnostic.range.start.line);

    // typing replaces the selection
    assert.ok(await editor.edit((b) => b.replace(editor.selection, 'vendor driver, reviewed')));
    assert.match(editor.document.lineAt(diagnostic.range.start.line).text, /-- vendor driver, reviewed$/);
  });

  it('an invalid new name is a message for the user, not an error in the log', async function () {
    const uri = copyFixture('valid/modern-gpu-nic.partition.yaml');
    const { document } = await openLayout(uri);
    const { client } = await api();
    const logged: unknown[] = [];
    const original = client.error.bind(client);
    client.error = (message: string, data?: unknown, showNotification?: boolean | 'force') => {
      logged.push(message);
      original(message, data, showNotification);
    };
    try {
      const at = positionOf(document, 'name: web01', 'name: '.length + 1);
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, at, 'Web 01')),
        (error: Error) => {
          assert.match(error.message, /^"Web 01" is not a valid partition name: use lower-case letters, digits and -/);
          return true;
        },
      );
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, at, 'render01')), /already uses the partition name "render01"/);
      assert.deepEqual(logged, []);
      // a valid name still renames
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, 'web02');
      assert.ok(edit.size > 0);
    } finally {
      client.error = original;
    }
  });
});
