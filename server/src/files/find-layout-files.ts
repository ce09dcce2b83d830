import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isLayoutFile, SKIPPED_FOLDERS } from '../names';

/** What a folder walk found, and the folders it could not read. */
export interface LayoutFileSearch {
  /** the layouts found, each `path.join(dir, …names)` (links keep their own names), sorted by name per folder */
  files: string[];
  /** folders below `dir` (or `dir` itself) that could not be listed, with the error */
  unreadable: { folder: string; error: unknown }[];
  /** true when the walk stopped at `maxFiles` */
  truncated: boolean;
}

/**
 * Every `*.partition.yaml` under a folder: the one walk the CLI (folder arguments) and the editor
 * (workspace scan) share. Skips `node_modules` and `.git`. Follows symbolic links to folders, each
 * real folder once (a link cycle ends there). A broken link with a layout's name is returned, so
 * that reading it reports the problem.
 */
export async function findLayoutFiles(dir: string, maxFiles = Infinity): Promise<LayoutFileSearch> {
  const result: LayoutFileSearch = { files: [], unreadable: [], truncated: false };
  const visited = new Set<string>();
  const walk = async (folder: string): Promise<void> => {
    const real = await fs.realpath(folder).catch(() => folder);
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      result.unreadable.push({ folder, error });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (result.files.length >= maxFiles) {
        result.truncated = true;
        return;
      }
      const child = path.join(folder, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const stat = await fs.stat(child).catch(() => undefined);
        isDir = stat?.isDirectory() ?? false;
        isFile = !isDir; // a broken link with a layout's name: reported when it cannot be read
      }
      if (isDir) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(child);
      } else if (isFile && isLayoutFile(entry.name)) {
        result.files.push(child);
      }
    }
  };
  await walk(dir);
  return result;
}
