// The UI part of Export Deployment Script, on the workbench page the UI test already has open: on a
// layout with errors the title bar's button gives an error message whose Open Problems button opens
// the Problems panel, and no script; on a valid layout the script opens beside it (screenshot
// docs/images/vscode-export.png).
import { copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './install-code-server.mjs';
import { poll } from './processes.mjs';

const VALID = 'vdi-gpu-partitioning.partition.yaml';
const BUTTON = '.editor-actions .action-label[aria-label^="Export Deployment Script"]';

/** Puts the valid layout in the workspace before the workbench opens (Quick Open finds it then; it has no problems). */
export function prepareExportUi(folder) {
  copyFileSync(path.join(repoRoot, 'test-fixtures', 'valid', VALID), path.join(folder, VALID));
}

/** `page` shows `layoutWithErrors` (it has `errors` errors) in the active editor group; the side bar and panel are hidden. */
export async function runExportUi(page, { layoutWithErrors, errors, screenshot }) {
  // 1. a layout with errors: the message, its button, and no script. (The workbench the runner drives
  // shows no toasts: the message is read in the notification center, where VS Code keeps it.)
  await page.locator(`.tabs-container .tab[aria-label^="${layoutWithErrors}"]`).first().click();
  await page.locator(BUTTON).first().click();
  const notification = page.locator('.notifications-center .notification-list-item', { hasText: `${layoutWithErrors} has ${errors} error` });
  await poll(
    'the export\'s error message in the notification center',
    async () => {
      if (!(await page.locator('.notifications-center').isVisible())) await runCommand(page, 'Notifications: Show Notifications');
      return notification.isVisible();
    },
    { timeoutMs: 30_000, intervalMs: 1000 },
  );
  const message = (await notification.locator('.notification-list-item-message').textContent())?.trim();
  const want = `${layoutWithErrors} has ${errors} error${errors === 1 ? '' : 's'}: fix ${errors === 1 ? 'it' : 'them'} to export a deployment script.`;
  if (message !== want) throw new Error(`the export's error message reads "${message}", expected "${want}"`);
  if ((await notification.locator('.codicon-error').count()) !== 1) throw new Error('the export\'s message is not shown as an error');
  if ((await page.locator('.tabs-container .tab[aria-label*="Untitled-"]').count()) !== 0) throw new Error('a script opened for a layout with errors');
  await notification.locator('.monaco-button', { hasText: 'Open Problems' }).click();
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'device-single-owner' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+J');
  await runCommand(page, 'Notifications: Clear All Notifications');

  // 2. a valid layout (copied by prepareExportUi): the script opens beside it
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
  const quickInput = page.locator('.quick-input-widget input');
  await page.keyboard.press('Control+P');
  await quickInput.waitFor();
  await quickInput.fill(VALID);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: VALID }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'vdi-gpu-01' }).waitFor();
  await goToLine(page, 56); // host.switches
  await page.locator(BUTTON).first().click();
  await page.locator('.tabs-container .tab[aria-label*="Untitled-"]').waitFor({ timeout: 30_000 });
  const groups = page.locator('.editor-group-container');
  if ((await groups.count()) !== 2) throw new Error(`the script did not open beside the layout (${await groups.count()} editor groups)`);
  await groups.nth(1).locator('.monaco-editor .view-lines', { hasText: '#Requires -RunAsAdministrator' }).waitFor();
  await goToLine(page, 89); // Switch "vdi"
  await groups.nth(1).locator('.monaco-editor .view-lines', { hasText: "New-VMSwitch -Name 'vdi' -NetAdapterName $uplinks -EnableEmbeddedTeaming $true" }).waitFor();
  await page.screenshot({ path: screenshot });
}

/** A command by its title, through the Command Palette. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Ctrl+G in the active editor: line `n` at the cursor. */
async function goToLine(page, n) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${n}`);
  await page.keyboard.press('Enter');
}
