import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../src/core/types';
import { toDiagnostic } from '../src/language/diagnostics';

/**
 * The finding -> Diagnostic conversion on its own, for what the fixtures of this branch cannot show
 * yet: related information pointing at the other side of a conflict (the stream tests compare every
 * fixture's diagnostics, related information included, with validate()).
 */
describe('LSP diagnostic conversion', () => {
  const text = 'partitions:\n  - name: a\n    devices: [gpu0]\n  - name: b\n    devices: [gpu0]\n';
  const doc = TextDocument.create('file:///lab.partition.yaml', 'partition-yaml', 4, text);

  it('related information points at the other side of a conflict, in the same file', () => {
    const first = text.indexOf('gpu0');
    const second = text.lastIndexOf('gpu0');
    const finding: Finding = {
      rule: 'device-single-owner',
      severity: 'error',
      message: 'Device "gpu0" is already assigned to "a"; remove it here.',
      range: { start: second, end: second + 4 },
      related: [{ range: { start: first, end: first + 4 }, message: 'first assigned to "a" here' }],
    };
    assert.deepEqual(toDiagnostic(finding, doc), {
      range: { start: { line: 4, character: 14 }, end: { line: 4, character: 18 } },
      severity: 1,
      source: 'partition-lint',
      code: 'device-single-owner',
      codeDescription: { href: 'https://github.com/partition-layout/partition-layout/blob/main/docs/rules/device-single-owner.md' },
      message: 'Device "gpu0" is already assigned to "a"; remove it here.',
      relatedInformation: [{ location: { uri: 'file:///lab.partition.yaml', range: { start: { line: 2, character: 14 }, end: { line: 2, character: 18 } } }, message: 'first assigned to "a" here' }],
    });
  });

  it('severities map to LSP severities; unused disables are marked unnecessary', () => {
    const at = { start: 0, end: 10 };
    assert.equal(toDiagnostic({ rule: 'numa-fit', severity: 'warning', message: 'm', range: at }, doc).severity, 2);
    assert.equal(toDiagnostic({ rule: 'numa-dynamic-memory', severity: 'info', message: 'm', range: at }, doc).severity, 3);
    assert.deepEqual(toDiagnostic({ rule: 'unused-disable', severity: 'warning', message: 'm', range: at }, doc).tags, [1]);
  });
});
