import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI, or undefined for other schemes (untitled:, vscode-notebook-cell:...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** A key that is equal for two spellings of one file (`%3A` or `:`, drive letter case on Windows). */
export function fileKey(file: string): string {
  const p = path.normalize(file);
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

