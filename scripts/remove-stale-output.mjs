#!/usr/bin/env node
// Removes compiled files whose TypeScript source is gone (a deleted or renamed test would otherwise
// keep running from server/out or client/out). `npm run build` and `npm run test:unit` run it after tsc.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUTPUT = /(\.d\.ts|\.js|\.js\.map|\.d\.ts\.map)$/;

let removed = 0;
/** @param {string} project @param {string} out @param {string} rel */
function sweep(project, out, rel) {
  for (const entry of readdirSync(path.join(out, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      sweep(project, out, child);
      continue;
    }
    if (!OUTPUT.test(entry.name)) continue;
    const source = path.join(project, child.replace(OUTPUT, ''));
    if (existsSync(`${source}.ts`) || existsSync(`${source}.mts`)) continue;
    rmSync(path.join(out, child));
    removed++;
  }
}

for (const project of ['server', 'client']) {
  const out = path.join(root, project, 'out');
  if (existsSync(out)) sweep(path.join(root, project), out, '.');
}
if (removed > 0) console.log(`removed ${removed} compiled file${removed === 1 ? '' : 's'} whose source is gone`);
