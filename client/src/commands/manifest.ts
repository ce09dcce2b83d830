/**
 * The names package.json declares and the client code uses: language id, configuration section,
 * watched files, commands. No vscode import, so that client/test/starter-layout.test.ts can check
 * them against the manifest.
 */
export { LANGUAGE_ID } from '../../../server/src/protocol';

/** The language client's id: `partitionLayout.trace.server` is read by vscode-languageclient from it. */
export const CONFIGURATION_SECTION = 'partitionLayout';

/** Files whose changes the server hears about (layouts and the CLI's config file). */
export { WATCHED_FILE_GLOBS as WATCHED_FILES } from '../../../server/src/protocol';

export const COMMAND_CATEGORY = 'Partition Layout';

export const COMMANDS = {
  newLayoutFile: { id: 'partitionLayout.newLayoutFile', title: 'New Layout File' },
  openPreview: { id: 'partitionLayout.openPreview', title: 'Open Allocation Preview' },
  importInventory: { id: 'partitionLayout.importInventory', title: 'Import Host Inventory' },
  compareInventory: { id: 'partitionLayout.compareInventory', title: 'Compare with Host Inventory' },
  exportScript: { id: 'partitionLayout.exportScript', title: 'Export Deployment Script' },
} as const;

/** VS Code's command that opens the Problems panel (offered when a layout with errors is exported). */
export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
