import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, copyFixture, diagnosticRows, expectedRows, openLayout, serverProblems, waitFor, waitForRows, type DiagnosticRow } from './support';

/**
 * Rule fixtures whose expected findings (the CLI's, in `<name>.expected.json`) must be exactly what
 * VS Code's Problems show: rule id, severity, message and range.
 */
const FIXTURES = [
  'rules/device-single-owner/fires-children.partition.yaml',
  'rules/vp-overcommit/fires.partition.yaml',
  'rules/parent-exists/fires.partition.yaml',
  'rules/schema/fires.partition.yaml',
  'rules/duplicate-key/fires.partition.yaml',
  'rules/yaml-syntax/fires-tab-indent.partition.yaml',
  'rules/memory-fits-host/fires.partition.yaml',
  'valid/nested-virtualization.partition.yaml',
];

describe('diagnostics', function () {
  afterEach(closeAllEditors);

  for (const fixture of FIXTURES) {
    it(`shows the expected rule ids and lines for ${fixture}`, async function () {
      const expected = expectedRows(fixture);
      const uri = copyFixture(fixture);
      const { document } = await openLayout(uri);
      await waitForRows(uri, expected);
      // "No diagnostics" must mean "validated and clean", not "not validated yet".
      const problems = await serverProblems(document);
      const count = (severity: DiagnosticRow['severity']): number => expected.filter((r) => r.severity === severity).length;
      assert.deepEqual(problems, { error: count('error'), warning: count('warning'), info: count('info') });
      assert.deepEqual(diagnosticRows(uri), expected);
    });
  }

  it('updates the diagnostics after an edit applied with WorkspaceEdit', async function () {
    const fixture = 'rules/parent-exists/fires.partition.yaml';
    const expected = expectedRows(fixture);
    assert.equal(expected.length, 2, 'the fixture has two unknown parents');
    const uri = copyFixture(fixture);
    const { document } = await openLayout(uri);
    await waitForRows(uri, expected);

    // Fix the first unknown parent ("rot" -> "root"): its diagnostic goes, the other stays.
    const first = expected[0];
    const at = new vscode.Position(first.line - 1, first.column - 1);
    const rot = new vscode.Range(at, new vscode.Position(first.endLine - 1, first.endColumn - 1));
    assert.equal(document.getText(rot), 'rot');
    const fix = new vscode.WorkspaceEdit();
    fix.replace(uri, rot, 'root');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitForRows(uri, expected.slice(1));

    // Break it again with another name: a new diagnostic on that line names it.
    const root = new vscode.Range(at, at.translate(0, 'root'.length));
    assert.equal(document.getText(root), 'root');
    const breakIt = new vscode.WorkspaceEdit();
    breakIt.replace(uri, root, 'nowhere');
    assert.ok(await vscode.workspace.applyEdit(breakIt));
    const rows = await waitFor('a diagnostic that names "nowhere"', () => {
      const now = diagnosticRows(uri);
      return now.length === 2 && now.some((r) => r.message.includes('"nowhere"')) ? now : undefined;
    });
    const nowhere = rows.find((r) => r.message.includes('"nowhere"')) as DiagnosticRow;
    assert.deepEqual(
      { rule: nowhere.rule, line: nowhere.line, column: nowhere.column, endLine: nowhere.endLine, endColumn: nowhere.endColumn },
      { rule: 'parent-exists', line: first.line, column: first.column, endLine: first.line, endColumn: first.column + 'nowhere'.length },
    );
  });
});
