/**
 * Custom LSP messages between the extension client and the language server, one typed constant each.
 * Imported by both sides (the client bundles it; it has no runtime dependency on the server).
 */
import { RequestType, type Diagnostic } from 'vscode-languageserver-protocol';
import type { AllocationModel } from './core/model/allocation-types';

/** The names client and server share (language id, layout suffix, watched files, diagnostic source). */
export { DIAGNOSTIC_SOURCE, isLayoutFile, LANGUAGE_ID, LAYOUT_SUFFIX, SERVER_NODE_FLAGS, WATCHED_FILE_GLOBS } from './names';

/** The formatting every surface shares (CLI, hover, preview): sizes, counts, logical-processor sets. */
export { formatBytes, formatCount } from './core/util/sizes';
export { formatRanges } from './core/util/ranges';

/** The allocation model and its parts, for the client (which imports nothing else from the server). */
export type * from './core/model/allocation-types';

export interface AllocationParams {
  /** the layout document's URI */
  uri: string;
}

export interface AllocationResult {
  uri: string;
  /** the document version the model was computed for */
  version: number;
  /** undefined when the text is not a YAML document (syntax errors) */
  allocation?: AllocationModel;
  /** problem counts, also given when there is no allocation */
  problems: { error: number; warning: number; info: number };
}

/** Asks the server for the allocation model of an open layout (the preview panel renders it). */
export const allocationRequest = /* @__PURE__ */ new RequestType<AllocationParams, AllocationResult | null, void>('partitionLayout/allocation');

export interface ImportInventoryParams {
  /** the inventory file's URI (file scheme) */
  inventoryUri: string;
}

/** The imported layout's text and the name to give its file, or why the inventory cannot be read. */
export type ImportInventoryResult = { layout: string; fileName: string } | { error: string };

/** Reads a host inventory (partition-inventory/1) and returns the layout `partition-lint import` writes. */
export const importInventoryRequest = /* @__PURE__ */ new RequestType<ImportInventoryParams, ImportInventoryResult, void>('partitionLayout/importInventory');

export interface DriftParams {
  /** the open layout's URI */
  uri: string;
  /** the inventory file's URI (file scheme) */
  inventoryUri: string;
}

/** The drift-* diagnostics of the layout's current version against the inventory, or why there are none. */
export type DriftResult = { version: number; diagnostics: Diagnostic[] } | { error: string };

/** Compares an open layout with a host inventory (`partition-lint drift`), with the layout's rule severities. */
export const driftRequest = /* @__PURE__ */ new RequestType<DriftParams, DriftResult, void>('partitionLayout/drift');

/**
 * A client command (not a server request): selects `range` in the editor of `uri`. Quick fixes
 * carry it to leave a placeholder selected after their edit, when the client says it runs it
 * (`initializationOptions.selectRangeCommand: true`).
 */
export const SELECT_RANGE_COMMAND = 'partitionLayout.selectRange';

export interface SelectRangeArgs {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface ExportScriptParams {
  /** the open layout's URI */
  uri: string;
  /** the undo script instead of the deployment script */
  undo?: boolean;
}

/**
 * The deployment script of the layout's current version (`partition-lint export`), or why there is
 * none: `errors` (the layout has errors, shown in the Problems panel), `export` (what no script can
 * express: `messages`), `error` (the layout cannot be exported from the editor at all).
 */
export type ExportScriptResult =
  | { version: number; script: string }
  | { version: number; refused: 'errors'; errors: number }
  | { version: number; refused: 'export'; messages: string[] }
  | { error: string };

/** Writes the Hyper-V PowerShell deployment script of an open layout (README "Export"). */
export const exportScriptRequest = /* @__PURE__ */ new RequestType<ExportScriptParams, ExportScriptResult, void>('partitionLayout/exportScript');
