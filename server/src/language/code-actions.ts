import type { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SELECT_RANGE_COMMAND, type SelectRangeArgs } from '../protocol';
import type { ValidateResult } from '../core/validate';
import { DIAGNOSTIC_SOURCE } from '../names';
import { addMissingProperty } from './quick-fixes/add-missing-property';
import { addRootPartition } from './quick-fixes/add-root-partition';
import { disableNextLine } from './quick-fixes/disable-next-line';
import { assignWholeGroup } from './quick-fixes/iommu-group';
import { setMmioSpace } from './quick-fixes/mmio-space';
import { removeDuplicateAssignment } from './quick-fixes/remove-duplicate-assignment';
import { removeHypervisorDriver } from './quick-fixes/remove-driver';
import { replaceWithSuggestion } from './quick-fixes/replace-with-suggestion';
import { switchToStaticMemory } from './quick-fixes/static-memory';
import type { QuickFix, QuickFixContext, QuickFixProvider } from './quick-fixes/types';

const QUICKFIX: CodeActionKind = 'quickfix';

/** Every quick fix, the rule-specific ones first; disabling the rule comes last. */
const PROVIDERS: readonly QuickFixProvider[] = [
  removeHypervisorDriver,
  removeDuplicateAssignment,
  replaceWithSuggestion,
  addMissingProperty,
  addRootPartition,
  switchToStaticMemory,
  setMmioSpace,
  assignWholeGroup,
  disableNextLine,
];

export interface CodeActionOptions {
  /**
   * The client runs `SELECT_RANGE_COMMAND` (the extension's own client does): a fix that leaves
   * something to type over (a placeholder, a disable comment's reason) selects it after its edit.
   */
  selectCommand?: boolean;
}

/**
 * Quick fixes for the partition-lint diagnostics in `params.context`. Pure (no connection): `result`
 * is validate() of this very text; each fix is a minimal set of text edits.
 */
export function codeActions(doc: TextDocument, result: ValidateResult, params: CodeActionParams, options: CodeActionOptions = {}): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === '' || k === QUICKFIX || QUICKFIX.startsWith(`${k}.`))) return [];
  const text = doc.getText();
  // A result of another version would put the edits in the wrong places.
  if (text !== result.parsed.text) return [];

  const actions: CodeAction[] = [];
  const byKey = new Map<string, CodeAction>();
  for (const diagnostic of params.context.diagnostics) {
    const ctx = contextFor(doc, text, result, diagnostic);
    if (!ctx) continue;
    for (const provider of PROVIDERS) {
      if (provider.rules !== '*' && !provider.rules.includes(ctx.rule)) continue;
      const fix = provider.provide(ctx);
      if (!fix || fix.edits.length === 0) continue;
      const action = toCodeAction(doc, fix, diagnostic, options);
      // The same fix for two diagnostics (e.g. one rule twice on a line) is offered once, for both.
      const key = JSON.stringify([action.title, action.edit]);
      const same = byKey.get(key);
      if (same) same.diagnostics?.push(diagnostic);
      else {
        byKey.set(key, action);
        actions.push(action);
      }
    }
  }
  return actions;
}

function contextFor(doc: TextDocument, text: string, result: ValidateResult, diagnostic: Diagnostic): QuickFixContext | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') return undefined;
  const rule = diagnostic.code;
  const range = { start: doc.offsetAt(diagnostic.range.start), end: doc.offsetAt(diagnostic.range.end) };
  const finding = result.findings.find((f) => f.rule === rule && f.range.start === range.start && f.range.end === range.end);
  return { text, result, diagnostic, rule, range, finding };
}

function toCodeAction(doc: TextDocument, fix: QuickFix, diagnostic: Diagnostic, options: CodeActionOptions): CodeAction {
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: { start: doc.positionAt(e.range.start), end: doc.positionAt(e.range.end) }, newText: e.newText }));
  const action: CodeAction = { title: fix.title, kind: QUICKFIX, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: edits } } };
  if (fix.isPreferred) action.isPreferred = true;
  if (fix.select && options.selectCommand) {
    const args: SelectRangeArgs = { uri: doc.uri, range: selectionAfter(doc, fix, edits) };
    action.command = { title: 'Select the placeholder', command: SELECT_RANGE_COMMAND, arguments: [args] };
  }
  return action;
}

/** Where `fix.select` lands in the text once the fix's edits are applied. */
function selectionAfter(doc: TextDocument, fix: QuickFix, edits: TextEdit[]): SelectRangeArgs['range'] {
  const select = fix.select!;
  const target = fix.edits[select.edit];
  let shift = 0;
  for (const e of fix.edits) if (e.range.end <= target.range.start && e !== target) shift += e.newText.length - (e.range.end - e.range.start);
  const after = TextDocument.create(doc.uri, doc.languageId, doc.version + 1, TextDocument.applyEdits(doc, edits));
  const base = target.range.start + shift;
  return { start: after.positionAt(base + select.start), end: after.positionAt(base + select.end) };
}
