/**
 * Helpers for the suite that runs inside a real VS Code extension host (code-server here, or a
 * desktop VS Code through @vscode/test-electron): the extension under test, the temporary workspace
 * the runner opened, fixtures copied into it, and polling (never fixed sleeps).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as Protocol from '../../../../server/src/protocol';
import type { PartitionLayoutApi } from '../../extension';

export const EXTENSION_ID = 'partition-layout.partition-layout';
export const LANGUAGE_ID = 'partition-yaml';
export const SOURCE = 'partition-lint';

/** The checkout this suite was compiled in (fixtures are read from here, never from the extension). */
export const repoRoot = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'test-fixtures'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no checkout with test-fixtures/ above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

/** One line in the runner's log (the extension host's console reaches the runner). */
export function log(line: string): void {
  console.log(`[vscode-suite] ${line}`);
}

/** Facts the tests measure, printed by the reporter in its closing line. */
export const metrics: { activationMs?: number; extensionPath?: string } = {};

export function extension(): vscode.Extension<PartitionLayoutApi> {
  const ext = vscode.extensions.getExtension<PartitionLayoutApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** The running extension's API (activates it if needed). */
export async function api(): Promise<PartitionLayoutApi> {
  return extension().activate();
}

/** The workspace folder the runner opened (a fresh temporary folder). */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a temporary workspace folder; none is open');
  assert.equal(folder.uri.scheme, 'file');
  return folder.uri.fsPath;
}

/**
 * Copies `test-fixtures/<relative>` (and its `.expected.json` when there is one) into the workspace
 * under the same relative path; returns the copy's URI. Tests edit copies only.
 */
export function copyFixture(relative: string): vscode.Uri {
  const source = path.join(repoRoot, 'test-fixtures', relative);
  const target = path.join(workspaceDir(), relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  const expected = source.replace(/\.partition\.yaml$/, '.expected.json');
  if (expected !== source && fs.existsSync(expected)) fs.copyFileSync(expected, target.replace(/\.partition\.yaml$/, '.expected.json'));
  return vscode.Uri.file(target);
}

export async function openLayout(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, LANGUAGE_ID, `${path.basename(uri.fsPath)} opened as ${document.languageId}`);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls `check` until it returns something other than undefined/false; fails with `what` and the last value. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${describe(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** A diagnostic as the CLI's JSON writes a finding (1-based), for comparing with `.expected.json`. */
export interface DiagnosticRow {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const SEVERITY: Record<number, DiagnosticRow['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'info',
};

export function ruleOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return String(code);
}

/** The partition-lint diagnostics VS Code shows for `uri`, as rows sorted by position. */
export function diagnosticRows(uri: vscode.Uri): DiagnosticRow[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .map((d) => ({
      rule: ruleOf(d),
      severity: SEVERITY[d.severity] ?? 'info',
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    }))
    .sort(byPosition);
}

export function byPosition(a: DiagnosticRow, b: DiagnosticRow): number {
  return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message);
}

/** The `<name>.expected.json` beside a fixture (what the CLI reports for it), sorted by position. */
export function expectedRows(relative: string): DiagnosticRow[] {
  const file = path.join(repoRoot, 'test-fixtures', relative.replace(/\.partition\.yaml$/, '.expected.json'));
  const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as DiagnosticRow[];
  return rows.map(({ rule, severity, message, line, column, endLine, endColumn }) => ({ rule, severity, message, line, column, endLine, endColumn })).sort(byPosition);
}

/** Waits until VS Code shows exactly `expected` for `uri` (diagnostics arrive debounced). */
export async function waitForRows(uri: vscode.Uri, expected: DiagnosticRow[], timeoutMs = 20_000): Promise<void> {
  const want = JSON.stringify(expected);
  try {
    await waitFor(`diagnostics of ${path.basename(uri.fsPath)}`, () => JSON.stringify(diagnosticRows(uri)) === want, timeoutMs);
  } catch {
    assert.deepEqual(diagnosticRows(uri), expected, `the diagnostics of ${path.basename(uri.fsPath)} did not become the expected ones in ${timeoutMs} ms`);
  }
}

/** The text of a hover's contents, whatever form they take. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The position of the `occurrence`-th (0-based) match of `needle` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${i + 1}) not found in ${path.basename(document.uri.fsPath)}`);
  }
  return document.positionAt(at + offset);
}

/**
 * Closes every editor so the next test starts from a clean window. Dirty documents (edited copies,
 * the untitled starter) are reverted first: closing them would otherwise ask whether to save.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * The problem counts the language server computed for the document's current version (through the
 * preview's allocation request): proof that the server has validated exactly this text, for the
 * cases where "no diagnostics" must not merely mean "not validated yet".
 */
export async function serverProblems(document: vscode.TextDocument): Promise<{ error: number; warning: number; info: number }> {
  const { client } = await api();
  // The method name from the server's tsc output (a static relative import would not resolve from
  // client/out); sent by name, because the extension's bundle has its own copy of the protocol
  // library and a RequestType object of this copy would not match its parameter structures.
  const { allocationRequest } = createRequire(__filename)(path.join(repoRoot, 'server', 'out', 'src', 'protocol.js')) as typeof Protocol;
  const result = await waitFor(`the server's validation of ${path.basename(document.uri.fsPath)} version ${document.version}`, async () => {
    const params: Protocol.AllocationParams = { uri: document.uri.toString() };
    const r = await client.sendRequest<Protocol.AllocationResult | null>(allocationRequest.method, params);
    return r && r.version === document.version ? r : undefined;
  });
  return result.problems;
}
