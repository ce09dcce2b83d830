import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, copyFixture, hoverText, openLayout, positionOf, serverProblems } from './support';

// valid/modern-gpu-nic: host devices nic0, nic1, gpu0, disk0, acpi; gpu0 is assigned to render01,
// nic1 to edge01, nic0 listed by the root; disk0 and acpi stay in the root by default.
const FIXTURE = 'valid/modern-gpu-nic.partition.yaml';

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('language features through the VS Code API', function () {
  afterEach(closeAllEditors);

  it('hover on a host device names the partition that owns it', async function () {
    const uri = copyFixture(FIXTURE);
    const { document } = await openLayout(uri);
    // on the definition `- id: gpu0`, far from render01's `devices: [gpu0]`
    const at = positionOf(document, '- id: gpu0', '- id: '.length + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hoverText(hovers ?? []);
    assert.match(text, /gpu0/, `hover: ${text}`);
    assert.match(text, /render01/, `the hover on gpu0 should name its owner render01: ${text}`);
  });

  it('completion in a partition\'s devices offers the host device ids, unassigned first', async function () {
    const uri = copyFixture(FIXTURE);
    const { document } = await openLayout(uri);
    // edge01 has `devices: [nic1]`; the user types a second entry
    const list = positionOf(document, 'devices: [nic1]', 'devices: [nic1'.length);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, list, ', ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const at = list.translate(0, 2);
    assert.equal(document.lineAt(at.line).text.trim(), 'devices: [nic1, ]');

    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
    const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);
    const labels = completions.items.map(label);
    for (const id of ['gpu0', 'disk0']) assert.ok(labels.includes(id), `completion should offer host device ${id}; got ${labels.join(', ')}`);
    assert.ok(!labels.includes('web01') && !labels.includes('role'), `partition names or keys offered where a device id belongs: ${labels.join(', ')}`);
    const order = [...completions.items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b))).map(label);
    assert.ok(order.indexOf('disk0') < order.indexOf('gpu0'), `unassigned disk0 should sort before gpu0 (assigned to render01): ${order.join(', ')}`);
  });

  it('go to definition from a device reference lands on the host device', async function () {
    const uri = copyFixture(FIXTURE);
    const { document } = await openLayout(uri);
    const reference = positionOf(document, 'devices: [gpu0]', 'devices: ['.length + 1);
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, reference);
    assert.equal(definitions?.length, 1, `one definition: ${JSON.stringify(definitions)}`);
    const target = definitions[0];
    const [targetUri, range] = 'targetUri' in target ? [target.targetUri, target.targetSelectionRange ?? target.targetRange] : [target.uri, target.range];
    assert.equal(targetUri.toString(), uri.toString());
    const definition = positionOf(document, '- id: gpu0', '- id: '.length);
    assert.equal(range.start.line, definition.line, `definition on line ${range.start.line + 1}, expected ${definition.line + 1}`);
    assert.ok(range.contains(definition), `the definition range ${JSON.stringify(range)} should cover "gpu0" on its line`);
  });

  it('rename of a partition changes its name and every parent reference, nothing else', async function () {
    const uri = copyFixture(FIXTURE);
    const { document } = await openLayout(uri);
    const before = document.getText();
    assert.equal(count(before, 'parent: root'), 3);
    const at = positionOf(document, 'name: root', 'name: '.length + 1);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, 'mgmt');
    assert.ok(edit, 'the rename provider returned an edit');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = document.getText();
    assert.equal(count(after, 'name: mgmt'), 1);
    assert.equal(count(after, 'parent: mgmt'), 3);
    assert.equal(count(after, 'parent: root'), 0);
    assert.equal(count(after, 'role: root'), 1, 'the role keyword is not a reference');
    assert.equal(after.length, before.length, 'only the four names changed');
    // the renamed layout is still valid: references and definition agree
    assert.deepEqual(await serverProblems(document), { error: 0, warning: 0, info: 0 });
  });

  it('rename of a device id changes its definition and its assignment', async function () {
    const uri = copyFixture(FIXTURE);
    const { document } = await openLayout(uri);
    const at = positionOf(document, 'devices: [gpu0]', 'devices: ['.length);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, 'gpu-a');
    assert.ok(edit, 'the rename provider returned an edit');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = document.getText();
    assert.equal(count(after, 'gpu0'), 0, after);
    assert.equal(count(after, '- id: gpu-a'), 1);
    assert.equal(count(after, 'devices: [gpu-a]'), 1);
    assert.deepEqual(await serverProblems(document), { error: 0, warning: 0, info: 0 });
  });
});
