import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, copyFixture, diagnosticRows, expectedRows, openLayout, ruleOf, SOURCE, waitForRows } from './support';

describe('quick fixes', function () {
  afterEach(closeAllEditors);

  it('a quick fix applied through vscode.executeCodeActionProvider removes its diagnostic', async function () {
    // `drivers: [ixgbe, stornvme]` under a microkernelized hypervisor: one finding per driver
    const fixture = 'rules/no-hypervisor-drivers/fires.partition.yaml';
    const expected = expectedRows(fixture);
    assert.equal(expected.length, 2);
    const uri = copyFixture(fixture);
    const { document } = await openLayout(uri);
    await waitForRows(uri, expected);

    const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.source === SOURCE && d.range.start.character === expected[0].column - 1);
    assert.ok(diagnostic, 'the diagnostic on "ixgbe"');
    assert.equal(ruleOf(diagnostic), 'no-hypervisor-drivers');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
    const titles = fixes.map((a) => a.title);
    const remove = fixes.find((a) => /remove/i.test(a.title) && a.title.includes('ixgbe'));
    assert.ok(remove?.edit, `a quick fix that removes "ixgbe"; offered: ${titles.join(' | ')}`);
    assert.equal(remove.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(remove.isPreferred, true, 'removing the driver is the preferred fix (what Ctrl+. applies first)');

    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    assert.match(document.lineAt(expected[0].line - 1).text, /^\s*drivers: \[stornvme\]\s*$/);
    // the fixed diagnostic is gone; the other driver's stays, moved to where "stornvme" now is
    const column = document.lineAt(expected[0].line - 1).text.indexOf('stornvme') + 1;
    await waitForRows(uri, [{ ...expected[1], column, endColumn: column + 'stornvme'.length }]);
    assert.ok(!diagnosticRows(uri).some((r) => r.message.includes('"ixgbe"')));
  });
});
