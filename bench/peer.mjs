import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianMsAsync } from './stats.mjs';

const require = createRequire(import.meta.url);

/**
 * yaml-language-server's language service validating the document against our JSON Schema, called
 * in-process (its 200 ms validation delay lives in its LSP handler, so only its own work is timed).
 * Every run is a new document version, as after an edit.
 */
async function measureInProcess(root, text, runs) {
  const { getLanguageService } = require('yaml-language-server');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/partition-layout.schema.json'), 'utf8'));
  const ls = getLanguageService({ schemaRequestService: async () => JSON.stringify(schema), workspaceContext: { resolveRelativePath: (p) => p } });
  ls.configure({ validate: true, hover: true, completion: true, schemas: [{ uri: 'file:///partition-layout.schema.json', fileMatch: ['*.partition.yaml'], schema }] });
  let version = 0;
  return medianMsAsync(async () => {
    version++;
    const doc = TextDocument.create('file:///bench/bench.partition.yaml', 'yaml', version, text);
    await ls.doValidation(doc, false);
  }, runs);
}

/**
 * measureInProcess in a node process of its own, on the generated layout of `size` partitions: the
 * peer's language service keeps documents and caches, which would otherwise weigh on the collector
 * (and so on the timings) of everything the benchmark measures after it.
 */
export function measurePeer(root, size, runs) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), root, String(size), String(runs)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`yaml-language-server's measurement failed: ${r.stderr.trim()}`);
  return Number(r.stdout.trim());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root, size, runs] = process.argv.slice(2);
  const { generateLayout } = require(path.join(root, 'server/out/test/generate-layout.js'));
  process.stdout.write(`${await measureInProcess(root, generateLayout(Number(size)), Number(runs))}\n`);
}
