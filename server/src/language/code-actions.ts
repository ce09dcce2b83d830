import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidateResult } from '../core/validate';

/**
 * Quick fixes of SPEC §7 for the diagnostics in `params.context`. Placeholder with the agreed
 * signature: pure (no connection), so it is tested by applying the returned edits to the text.
 */
export function codeActions(_doc: TextDocument, _result: ValidateResult, _params: CodeActionParams): CodeAction[] {
  return [];
}
