// The UI part of Export Deployment Script, on the workbench page the UI test already has open: on a
// layout with errors the title bar's button shows an error message whose Open Problems button opens
// the Problems panel, and no script; on a valid layout the script opens beside it (screenshot
// docs/images/vscode-export.png).
import { copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './install-code-server.mjs';

const VALID = 'vdi-gpu-partitioning.partition.yaml';
const BUTTON = '.editor-actions .action-label[aria-label^="Export Deployment Script"]';

/** `page` shows `layoutWithErrors` (it has `errors` errors) in the active editor group; the side bar and panel are hidden. */
export async function runExportUi(page, folder, { layoutWithErrors, errors, screenshot }) {
  // 1. a layout with errors: the message, its button, and no script
  await page.locator(`.tabs-container .tab[aria-label^="${layoutWithErrors}"]`).first().click();
  await page.locator(BUTTON).first().click();
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `${layoutWithErrors} has ${errors} error` });
  await toast.waitFor({ timeout: 30_000 });
  const message = (await toast.locator('.notification-list-item-message').textContent())?.trim();
  const want = `${layoutWithErrors} has ${errors} error${errors === 1 ? '' : 's'}: fix ${errors === 1 ? 'it' : 'them'} to export a deployment script.`;
  if (message !== want) throw new Error(`the export's error message reads "${message}", expected "${want}"`);
  if ((await page.locator('.tabs-container .tab[aria-label^="Untitled"]').count()) !== 0) throw new Error('a script opened for a layout with errors');
  await toast.locator('.monaco-button', { hasText: 'Open Problems' }).click();
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'device-single-owner' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+J');

  // 2. a valid layout: the script opens beside it
  copyFileSync(path.join(repoRoot, 'test-fixtures', 'valid', VALID), path.join(folder, VALID));
  await page.keyboard.press('Control+Shift+P');
  const quickInput = page.locator('.quick-input-widget input');
  await quickInput.waitFor();
  await quickInput.fill('>View: Close All Editors');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'View: Close All Editors' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
  await page.keyboard.press('Control+P');
  await quickInput.waitFor();
  await quickInput.fill(VALID);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: VALID }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'vdi-gpu-01' }).waitFor();
  await goToLine(page, 56); // host.switches
  await page.locator(BUTTON).first().click();
  await page.locator('.tabs-container .tab[aria-label^="Untitled"]').waitFor({ timeout: 30_000 });
  const groups = page.locator('.editor-group-container');
  if ((await groups.count()) !== 2) throw new Error(`the script did not open beside the layout (${await groups.count()} editor groups)`);
  await groups.nth(1).locator('.monaco-editor .view-lines', { hasText: '#Requires -RunAsAdministrator' }).waitFor();
  await goToLine(page, 89); // Switch "vdi"
  await groups.nth(1).locator('.monaco-editor .view-lines', { hasText: "New-VMSwitch -Name 'vdi' -NetAdapterName $uplinks -EnableEmbeddedTeaming $true" }).waitFor();
  await page.screenshot({ path: screenshot });
}

/** Ctrl+G in the active editor: line `n` at the cursor. */
async function goToLine(page, n) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${n}`);
  await page.keyboard.press('Enter');
}
