/**
 * The names the CLI, the language server and the extension client share: one home for each. Pure
 * strings (no Node.js, no editor), so the client can take them through `protocol.ts`.
 */

/** The file-name ending of a layout. */
export const LAYOUT_SUFFIX = '.partition.yaml';

/** The file name of the project configuration (`.partition-lint.yaml`, README "Configuration"). */
export const CONFIG_FILE_NAME = '.partition-lint.yaml';

/** The editor's language id for layouts. */
export const LANGUAGE_ID = 'partition-yaml';

/** The `source` of every diagnostic, and the CLI's name. */
export const DIAGNOSTIC_SOURCE = 'partition-lint';

/** Files whose changes the server hears about: layouts and the configuration file. */
export const WATCHED_FILE_GLOBS = [`**/*${LAYOUT_SUFFIX}`, `**/${CONFIG_FILE_NAME}`] as const;

/** Folders no search for layouts enters (the CLI's folder walk and globs, the editor's workspace scan). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Is this file name or path a layout's? */
export function isLayoutFile(file: string): boolean {
  return file.endsWith(LAYOUT_SUFFIX);
}

/**
 * The Node.js flags the language server runs with (the extension starts it with them, and so do the
 * LSP tests and the benchmark). A keystroke in a large layout makes a few MB of short-lived objects (a
 * new text, model and diagnostics): with V8's default 16 MB young generation nearly every edit pays
 * for a collection that copies the live model, with 32 MB few do (README "Speed").
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
