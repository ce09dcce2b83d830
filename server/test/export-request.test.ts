// The server side of Export Deployment Script (the partitionLayout/exportScript request): the script
// of the document's current version, refused with the editor's rule severities.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../src/language/document-cache';
import { exportScriptResult } from '../src/language/export-request';
import { fixturesDir } from './support';

const URI = 'file:///work/hosts/vdi-gpu-partitioning.partition.yaml';

function layout(text: string, version = 1): TextDocument {
  return TextDocument.create(URI, 'partition-yaml', version, text);
}

describe('partitionLayout/exportScript', () => {
  const valid = fs.readFileSync(path.join(fixturesDir, 'valid', 'vdi-gpu-partitioning.partition.yaml'), 'utf8');
  const golden = fs.readFileSync(path.join(fixturesDir, 'export', 'vdi-gpu-partitioning.ps1'), 'utf8');

  it('returns the script of the current version, with the file name in its header', () => {
    const r = exportScriptResult(new DocumentCache().get(layout(valid, 7), {}));
    assert.ok('script' in r);
    assert.equal(r.version, 7);
    assert.equal(r.script, golden.replace('# Source: test-fixtures/valid/vdi-gpu-partitioning.partition.yaml', '# Source: vdi-gpu-partitioning.partition.yaml'));
  });

  it('refuses a layout with errors, counted with the editor\'s severities', () => {
    // "768GB": a size-unit-ambiguous warning by default; the user raised it to an error
    const text = valid.replace('memory: 768GiB', 'memory: 768GB');
    const cache = new DocumentCache();
    assert.ok('script' in exportScriptResult(cache.get(layout(text), {})));
    assert.deepEqual(exportScriptResult(cache.get(layout(text, 2), { 'size-unit-ambiguous': 'error' })), { version: 2, refused: 'errors', errors: 1 });
    // a fifth desktop on gpu0 (4 partitions): a gpu-partition error, unless the user turned the rule off
    const fifth = valid.replace(/(name: vdi05[\s\S]*?gpuPartition: )gpu1/, '$1gpu0');
    assert.notEqual(fifth, valid);
    assert.deepEqual(exportScriptResult(cache.get(layout(fifth, 3), {})), { version: 3, refused: 'errors', errors: 1 });
    assert.ok('script' in exportScriptResult(cache.get(layout(fifth, 4), { 'gpu-partition': 'off' })));
  });

  it('says why a layout no script can deploy gets none', () => {
    const mono = fs.readFileSync(path.join(fixturesDir, 'valid', 'monolithic-contrast.partition.yaml'), 'utf8');
    const r = exportScriptResult(new DocumentCache().get(layout(mono), {}));
    assert.ok('refused' in r && r.refused === 'export', JSON.stringify(r));
    assert.deepEqual(r.messages, ['The layout describes a monolithic hypervisor; Hyper-V is microkernelized, so there is no Hyper-V host to deploy it to.']);
  });

  it('sends a layout too large for the editor to the CLI', () => {
    const r = exportScriptResult(new DocumentCache({ mainThreadChars: 100, maxChars: 10_000_000 }).get(layout(valid), {}));
    assert.deepEqual(r, { error: 'vdi-gpu-partitioning.partition.yaml is too large to export in the editor: run partition-lint export on it' });
  });
});
