import * as path from 'node:path';
import { exportLayout } from '../hyperv/export/export-layout';
import type { ExportScriptResult } from '../protocol';
import type { Analysis } from './document-cache';
import { uriToPath } from './uris';

/**
 * The server side of Export Deployment Script: the script `partition-lint export` writes for the
 * layout's current version, with the editor's rule severities (an error the user turned off does not
 * refuse the export; a warning they raised to an error does).
 */
export function exportScriptResult(a: Analysis, undo = false): ExportScriptResult {
  const name = path.basename(uriToPath(a.uri) ?? decodeURIComponent(a.uri.replace(/[?#].*$/, '')));
  if (a.large) return { error: `${name} is too large to export in the editor: run partition-lint export on it` };
  const result = a.result;
  if (!result) return { error: `${name} has not been checked yet` };
  const exported = exportLayout(result, { file: name, undo });
  if (exported.ok) return { version: a.version, script: exported.script };
  if (exported.reason === 'errors') return { version: a.version, refused: 'errors', errors: exported.findings.length };
  return { version: a.version, refused: 'export', messages: exported.findings.map((f) => f.message) };
}
