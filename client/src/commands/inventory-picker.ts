import * as vscode from 'vscode';

/**
 * The inventory file a command works on: the URI it was given (tests, other extensions, the explorer's
 * context), else one the user picks (a JSON file, as collect-partition-inventory.ps1 writes it).
 */
export async function pickInventory(given: unknown, title: string): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    openLabel: 'Use this inventory',
    filters: { 'Host inventory (JSON)': ['json'], 'All files': ['*'] },
  });
  return picked?.[0];
}
