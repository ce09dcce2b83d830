import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { medianMsAsync } from './stats.mjs';

const require = createRequire(import.meta.url);

/**
 * yaml-language-server's language service validating the document against our JSON Schema, called
 * in-process (its 200 ms validation delay lives in its LSP handler, so only its own work is timed).
 * Every run is a new document version, as after an edit.
 */
export async function measurePeer(root, text, runs) {
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
