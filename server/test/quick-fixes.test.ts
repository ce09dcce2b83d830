import * as assert from 'node:assert/strict';
import type { CodeAction, CodeActionParams, Diagnostic, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../src/core/types';
import { validate } from '../src/core/validate';
import { codeActions } from '../src/language/code-actions';

/**
 * Quick fixes (README "Editor") through `codeActions`: each test takes a small layout, builds the
 * diagnostic the editor would send, applies the chosen action's edit with TextDocument.applyEdits,
 * and checks the exact text that results (only the intended lines change; comments stay).
 *
 * Diagnostics of rules already implemented (schema, duplicate-key) come from validate(). The
 * semantic rules this branch has as stubs (no-hypervisor-drivers, device-single-owner,
 * parent-exists, device-exists, single-root, assignment-static-memory) are built by hand with the
 * rule id and the anchor its docs/rules/ page gives (`handDiagnostic`); once a rule is implemented, the same
 * helper checks that the rule reports a finding on exactly that anchor, so the fix and the rule
 * stay in agreement.
 */

const URI = 'file:///layouts/lab.partition.yaml';

const BASE = [
  'layout: v1',
  'name: lab',
  '',
  'hypervisor:',
  '  model: microkernelized',
  '  drivers: []',
  '',
  'host:',
  '  logicalProcessors: 16',
  '  memory: 64GiB',
  '  iommu: true',
  '  devices:',
  '    - id: nic0',
  '      class: network',
  '    - id: gpu0',
  '      class: gpu',
  '      assignable: true',
  '    - id: disk0',
  '      class: storage',
  '',
  'partitions:',
  '  - name: root',
  '    role: root',
  '',
  '  - name: web01',
  '    role: child',
  '    parent: root',
  '    virtualProcessors: 2',
  '    memory: 4GiB',
  '',
].join('\n');

function docOf(text: string): TextDocument {
  return TextDocument.create(URI, 'partition-yaml', 7, text);
}

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at !== -1, `"${from}" is not in the text`);
  assert.equal(text.indexOf(from, at + 1), -1, `"${from}" occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

/** Offsets of the `nth` (1-based) occurrence of `needle`. */
function rangeOf(text: string, needle: string, nth = 1): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at !== -1, `occurrence ${nth} of "${needle}" is not in the text`);
  }
  return { start: at, end: at + needle.length };
}

function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: { start: doc.positionAt(f.range.start), end: doc.positionAt(f.range.end) },
    severity: 1,
    code: f.rule,
    source: 'partition-lint',
    message: f.message,
  };
}

/** The diagnostics validate() reports for `rule` (the rule works in this branch), only those on `at` if given. */
function reported(text: string, rule: string, at?: string): Diagnostic[] {
  const doc = docOf(text);
  const found = validate(text).findings.filter((f) => f.rule === rule && (at === undefined || text.slice(f.range.start, f.range.end) === at));
  assert.ok(found.length > 0, `validate() reports no ${rule}${at === undefined ? '' : ` on "${at}"`}`);
  return found.map((f) => toDiagnostic(doc, f));
}

/**
 * A diagnostic of `rule` on the documented anchor `needle` (nth occurrence), built by hand because the rule
 * is a stub in this branch. When validate() does report the rule, one finding must sit on this anchor.
 */
function handDiagnostic(text: string, rule: string, needle: string, message: string, nth = 1): Diagnostic {
  return handDiagnosticAt(text, rule, rangeOf(text, needle, nth), message);
}

function handDiagnosticAt(text: string, rule: string, range: { start: number; end: number }, message: string): Diagnostic {
  const real = validate(text).findings.filter((f) => f.rule === rule);
  if (real.length > 0) assert.ok(real.some((f) => f.range.start === range.start && f.range.end === range.end), `${rule} is reported, but not on "${text.slice(range.start, range.end)}"`);
  return toDiagnostic(docOf(text), { rule, severity: 'error', message, range });
}

/** A diagnostic on `needle` that no current finding backs (stale, or deliberately off the anchor). */
function staleDiagnostic(text: string, rule: string, needle: string, message: string, nth = 1): Diagnostic {
  return toDiagnostic(docOf(text), { rule, severity: 'error', message, range: rangeOf(text, needle, nth) });
}

function actionsFor(text: string, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const doc = docOf(text);
  const params: CodeActionParams = {
    textDocument: { uri: URI },
    range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: only ? { diagnostics, only } : { diagnostics },
  };
  return codeActions(doc, validate(text), params);
}

function titled(actions: CodeAction[], prefix: string): CodeAction {
  const hits = actions.filter((a) => a.title.startsWith(prefix));
  assert.equal(hits.length, 1, `expected one action "${prefix}…", got: ${actions.map((a) => a.title).join(' | ') || 'none'}`);
  return hits[0];
}

function apply(text: string, action: CodeAction): string {
  assert.equal(action.kind, 'quickfix');
  const edits = action.edit?.changes?.[URI];
  assert.ok(edits && edits.length > 0, 'the action has no edits for the document');
  return TextDocument.applyEdits(docOf(text), edits);
}

/** The one action starting with `prefix` for `diagnostic`, applied to `text`. */
function fix(text: string, diagnostic: Diagnostic, prefix: string): string {
  const action = titled(actionsFor(text, [diagnostic]), prefix);
  assert.deepEqual(action.diagnostics, [diagnostic]);
  return apply(text, action);
}

/** The text parses and passes the schema. */
function assertWellFormed(text: string): void {
  const bad = validate(text).findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'duplicate-key' || f.rule === 'schema');
  assert.deepEqual(bad.map((f) => `${f.rule}: ${f.message}`), []);
}

/** The new text parses and passes the schema, and `rule` no longer fires on the diagnostic's line. */
/**
 * The fixed text is well-formed and the rule no longer fires on what the diagnostic covered (same
 * text, on or next to its line: a fix that deletes a line moves its neighbours up).
 */
function assertFixed(before: string, text: string, diagnostic: Diagnostic): void {
  const result = validate(text);
  const broken = result.findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'duplicate-key' || f.rule === 'schema' || f.rule === 'unused-disable');
  assert.deepEqual(broken.map((f) => `${f.rule}: ${f.message}`), [], 'the fixed text has new problems');
  const doc = TextDocument.create(URI, 'partition-yaml', 1, before);
  const covered = doc.getText(diagnostic.range);
  const line = diagnostic.range.start.line;
  const again = result.findings.filter((f) => f.rule === diagnostic.code && Math.abs(result.parsed.lines.position(f.range.start).line - line) <= 1 && text.slice(f.range.start, f.range.end) === covered);
  assert.deepEqual(again, [], `${String(diagnostic.code)} still fires on "${covered}" near line ${line + 1}`);
}

describe('quick fixes', () => {
  describe('dispatcher', () => {
    const text = replaceOnce(BASE, '    virtualProcessors: 2\n', '    virtualprocessors: 2\n');

    it('gives kind quickfix, the diagnostic, the edit for the document, and prefers the specific fix', () => {
      const [d] = reported(text, 'schema', 'virtualprocessors');
      const actions = actionsFor(text, [d]);
      assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
        ['Replace "virtualprocessors" with "virtualProcessors"', 'quickfix', true],
        ['Disable schema for this line', 'quickfix', false],
      ]);
      for (const a of actions) {
        assert.deepEqual(a.diagnostics, [d]);
        assert.deepEqual(Object.keys(a.edit?.changes ?? {}), [URI]);
      }
    });

    it('offers nothing when only other kinds are asked for, for other sources, or for another version of the text', () => {
      const [d] = reported(text, 'schema', 'virtualprocessors');
      assert.deepEqual(actionsFor(text, [d], ['refactor']), []);
      assert.equal(actionsFor(text, [d], ['quickfix']).length, 2);
      assert.deepEqual(actionsFor(text, [{ ...d, source: 'yaml' }]), []);
      const stale = codeActions(docOf(`${text}# edited\n`), validate(text), { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
      assert.deepEqual(stale, []);
    });
  });

  describe('disable a rule for this line', () => {
    const typo = replaceOnce(BASE, '    memory: 4GiB\n', '    memory: 4GiB\n    virtualprocessors: 3   # keep this comment\n');

    it('inserts the comment above the line, with its indentation, and the problem is gone', () => {
      const [d] = reported(typo, 'schema');
      const out = fix(typo, d, 'Disable schema for this line');
      assert.equal(out, replaceOnce(typo, '    virtualprocessors: 3', '    # partition-lint-disable-next-line schema -- reason\n    virtualprocessors: 3'));
      assertFixed(typo, out, d);
    });

    it('keeps CRLF line endings', () => {
      const text = crlf(typo);
      const [d] = reported(text, 'schema');
      const out = fix(text, d, 'Disable schema for this line');
      assert.equal(out, replaceOnce(text, '    virtualprocessors: 3', '    # partition-lint-disable-next-line schema -- reason\r\n    virtualprocessors: 3'));
      assert.equal(out.replace(/\r\n/g, '').includes('\n'), false, 'a bare LF was inserted');
      assertFixed(text, out, d);
    });

    it('adds the rule to a disable-next-line comment already on the line above, keeping its reason', () => {
      // The repeated, misspelled key is both a duplicate-key and (once) a schema problem, on one line.
      const text = replaceOnce(BASE, '    memory: 4GiB\n', [
        '    memory: 4GiB',
        '    virtualprocessors: 3',
        '    # partition-lint-disable-next-line duplicate-key -- migrated from an old file',
        '    virtualprocessors: 3',
        '',
      ].join('\n'));
      const schemaDiags = reported(text, 'schema');
      assert.equal(schemaDiags.length, 1);
      const [d] = schemaDiags;
      assert.equal(d.range.start.line, docOf(text).positionAt(text.indexOf('# partition-lint')).line + 1);
      const out = fix(text, d, 'Disable schema for this line');
      assert.equal(out, replaceOnce(text, 'duplicate-key -- migrated', 'duplicate-key, schema -- migrated'));
      assertFixed(text, out, d);
    });

    it('at the first line of the file, after a byte-order mark', () => {
      const text = `\uFEFF${replaceOnce(BASE, 'layout: v1', 'layuot: v1  # format')}`;
      const [d] = reported(text, 'schema', 'layuot');
      const out = fix(text, d, 'Disable schema for this line');
      assert.equal(out, `\uFEFF# partition-lint-disable-next-line schema -- reason\n${text.slice(1)}`);
      assert.deepEqual(reported(out, 'schema').map((x) => x.message), ['The layout is missing the required property "layout": add it.']);
    });

    it('offers one action for two problems of one rule on one line', () => {
      const text = replaceOnce(BASE, '    memory: 4GiB\n', '    memory: 4GiB\n    mmioSpace: { lo: 128MiB, hi: 512MiB }\n');
      const ds = reported(text, 'schema');
      assert.equal(ds.length, 2);
      const disable = actionsFor(text, ds).filter((a) => a.title === 'Disable schema for this line');
      assert.equal(disable.length, 1);
      assert.deepEqual(disable[0].diagnostics, ds);
      const out = apply(text, disable[0]);
      assert.equal(out, replaceOnce(text, '    mmioSpace:', '    # partition-lint-disable-next-line schema -- reason\n    mmioSpace:'));
      assertFixed(text, out, ds[0]);
    });

    it('is not offered when the comment above already disables the rule, for syntax errors, or inside a block scalar', () => {
      const already = replaceOnce(typo, '    virtualprocessors', '    # partition-lint-disable-next-line unique-name,schema\n    virtualprocessors');
      const hand = staleDiagnostic(already, 'schema', 'virtualprocessors', 'unknown property "virtualprocessors" — did you mean "virtualProcessors"?');
      assert.deepEqual(actionsFor(already, [hand]), []);

      const broken = `${BASE}  - [unclosed\n`;
      const syntax = reported(broken, 'yaml-syntax');
      assert.deepEqual(actionsFor(broken, syntax), []);

      // A (stale) diagnostic on the second line of a block scalar: a comment there would become text.
      const scalar = replaceOnce(BASE, '    parent: root\n', '    parent: root\n    guest:\n      os: |\n        Windows Server\n        2008 R2\n');
      const inside = staleDiagnostic(scalar, 'schema', '2008 R2', 'stale');
      assert.deepEqual(actionsFor(scalar, [inside]), []);
    });
  });

  describe('remove a hypervisor driver (no-hypervisor-drivers)', () => {
    const msg = (d: string): string => `The microkernelized hypervisor runs no drivers, but hypervisor.drivers lists "${d}": remove it.`;
    const withDrivers = (drivers: string): string => replaceOnce(BASE, '  drivers: []\n', drivers);

    it('flow list: the last, first and middle entry, with the comma, keeping the comment', () => {
      const two = withDrivers('  drivers: [vmswitch, storvsp]  # inherited from the old design\n');
      const last = fix(two, handDiagnostic(two, 'no-hypervisor-drivers', 'storvsp', msg('storvsp')), 'Remove driver "storvsp" from hypervisor.drivers');
      assert.equal(last, replaceOnce(two, '[vmswitch, storvsp]', '[vmswitch]'));
      const first = fix(two, handDiagnostic(two, 'no-hypervisor-drivers', 'vmswitch', msg('vmswitch')), 'Remove driver "vmswitch"');
      assert.equal(first, replaceOnce(two, '[vmswitch, storvsp]', '[storvsp]'));
      const three = withDrivers('  drivers: [ vmswitch, "storvsp", vmbus ]\n');
      const middle = fix(three, handDiagnostic(three, 'no-hypervisor-drivers', '"storvsp"', msg('storvsp')), 'Remove driver "storvsp"');
      assert.equal(middle, replaceOnce(three, '[ vmswitch, "storvsp", vmbus ]', '[ vmswitch, vmbus ]'));
      const only = withDrivers('  drivers: [ vmswitch ]   # must be empty\n');
      const emptied = fix(only, handDiagnostic(only, 'no-hypervisor-drivers', 'vmswitch', msg('vmswitch')), 'Remove driver "vmswitch"');
      assert.equal(emptied, replaceOnce(only, '[ vmswitch ]', '[]'));
      for (const out of [last, first, middle]) assertWellFormed(out);
      assert.deepEqual(validate(emptied).findings, []);
    });

    it('block list: the whole `- item` line goes; the last one leaves `drivers: []`', () => {
      const text = withDrivers('  drivers:   # should be empty\n    - vmbus   # legacy\n    # the switch\n    - vmswitch\n');
      const first = fix(text, handDiagnostic(text, 'no-hypervisor-drivers', 'vmbus', msg('vmbus')), 'Remove driver "vmbus"');
      assert.equal(first, replaceOnce(text, '    - vmbus   # legacy\n', ''));
      assertWellFormed(first);
      const only = first;
      const emptied = fix(only, handDiagnostic(only, 'no-hypervisor-drivers', 'vmswitch', msg('vmswitch')), 'Remove driver "vmswitch"');
      assert.equal(emptied, replaceOnce(only, '  drivers:   # should be empty\n    # the switch\n    - vmswitch\n', '  drivers: []   # should be empty\n    # the switch\n'));
      assert.deepEqual(validate(emptied).findings, []);
      assert.deepEqual(validate(emptied).model?.drivers, []);
    });

    it('multi-line flow list with CRLF: the entry line goes, its neighbours and comments stay', () => {
      const text = crlf(withDrivers('  drivers: [\n    vmswitch,  # switch\n    storvsp,   # storage\n  ]\n'));
      const out = fix(text, handDiagnostic(text, 'no-hypervisor-drivers', 'vmswitch', msg('vmswitch')), 'Remove driver "vmswitch"');
      assert.equal(out, replaceOnce(text, '    vmswitch,  # switch\r\n', ''));
      assert.deepEqual(validate(out).model?.drivers.map((d) => d.value), ['storvsp']);
      assertFixed(text, out, handDiagnostic(text, 'no-hypervisor-drivers', 'vmswitch', msg('vmswitch')));
    });

    it('is not offered for an entry written as an alias (removing the anchor would change another value)', () => {
      const text = replaceOnce(withDrivers('  drivers: [*drv]\n'), 'name: lab', 'name: &drv lab');
      assert.deepEqual(actionsFor(text, [handDiagnostic(text, 'no-hypervisor-drivers', '*drv', msg('lab'))]).map((a) => a.title), ['Disable no-hypervisor-drivers for this line']);
    });
  });

  describe('remove a duplicate assignment (device-single-owner)', () => {
    const msg = 'Device "gpu0" is already assigned to partition "render01"; a device has one owner: remove this listing.';
    const withRender = (second: string): string =>
      `${BASE}\n  - name: render01\n    role: child\n    parent: root\n    virtualProcessors: 4\n    memory: 8GiB\n    devices: [gpu0]\n\n  - name: render02\n    role: child\n    parent: root\n    virtualProcessors: 4\n    memory: 8GiB\n${second}`;

    it('block list: removes the later listing line, its comment with it; the others stay', () => {
      const text = withRender('    devices:\n      - nic0\n      - gpu0   # copied from render01\n    synthetic: [storage]\n');
      const d = handDiagnostic(text, 'device-single-owner', 'gpu0', msg, 3);
      const out = fix(text, d, 'Remove the duplicate assignment of "gpu0" from partition "render02"');
      assert.equal(out, replaceOnce(text, '      - gpu0   # copied from render01\n', ''));
      assert.deepEqual(validate(out).model?.partitions.map((p) => [p.name, p.devices.map((r) => r.value)]), [['root', []], ['web01', []], ['render01', ['gpu0']], ['render02', ['nic0']]]);
      assertFixed(text, out, d);
    });

    it('flow list with CRLF; not offered on the first listing', () => {
      const text = crlf(withRender('    devices: [nic0, gpu0]  # both\n'));
      const d = handDiagnostic(text, 'device-single-owner', 'gpu0', msg, 3);
      const out = fix(text, d, 'Remove the duplicate assignment of "gpu0"');
      assert.equal(out, replaceOnce(text, '[nic0, gpu0]  # both', '[nic0]  # both'));
      assertFixed(text, out, d);
      const firstListing = staleDiagnostic(text, 'device-single-owner', 'gpu0', msg, 2);
      assert.deepEqual(actionsFor(text, [firstListing]).map((a) => a.title), ['Disable device-single-owner for this line']);
    });

    it('the only entry of a block list leaves `devices: []`', () => {
      const text = withRender('    devices:\n      - gpu0\n');
      const out = fix(text, handDiagnostic(text, 'device-single-owner', 'gpu0', msg, 3), 'Remove the duplicate assignment');
      assert.equal(out, replaceOnce(text, '    devices:\n      - gpu0\n', '    devices: []\n'));
      assert.deepEqual(validate(out).findings, []);
    });
  });

  describe('replace an unknown property or reference with the suggested name', () => {
    it('schema: an unknown property key, plain or quoted, keeping the line comment', () => {
      for (const key of ['virtualprocessors', '"virtualprocessors"']) {
        const text = replaceOnce(BASE, '    virtualProcessors: 2\n', `    ${key}: 2   # two VPs\n`);
        const [d] = reported(text, 'schema', key);
        const out = fix(text, d, 'Replace "virtualprocessors" with "virtualProcessors"');
        assert.equal(out, replaceOnce(text, key, key.replace('virtualprocessors', 'virtualProcessors')));
        assert.deepEqual(validate(out).findings, []);
      }
    });

    it('schema: an enum value and a size unit (messages with "did you mean")', () => {
      const text = replaceOnce(replaceOnce(BASE, 'role: child', 'role: chld'), 'memory: 4GiB', 'memory: 4gib');
      const ds = reported(text, 'schema');
      assert.equal(ds.length, 2);
      const out1 = fix(text, ds[0], 'Replace "chld" with "child"');
      assert.equal(out1, replaceOnce(text, 'role: chld', 'role: child'));
      const out2 = fix(text, ds[1], 'Replace "4gib" with "4GiB"');
      assert.equal(out2, replaceOnce(text, 'memory: 4gib', 'memory: 4GiB'));
      const both = fix(out1, reported(out1, 'schema', '4gib')[0], 'Replace "4gib" with "4GiB"');
      assert.equal(both, BASE);
    });

    it('schema: not offered when the mapping already has the suggested key', () => {
      const text = replaceOnce(BASE, '    memory: 4GiB\n', '    memory: 4GiB\n    virtualprocessors: 3\n');
      const [d] = reported(text, 'schema');
      assert.deepEqual(actionsFor(text, [d]).map((a) => a.title), ['Disable schema for this line']);
    });

    it('parent-exists: the name from the message, or the closest partition that can host', () => {
      // The message's suggestion is used; without one, the closest partition that can host ("roto" is
      // one swap of neighbours away from "root").
      const text = replaceOnce(BASE, 'parent: root', 'parent: roto   # the host');
      const said = handDiagnostic(text, 'parent-exists', 'roto', 'Partition "web01" names parent "roto", but no partition has that name — did you mean "root"?');
      const out = fix(text, said, 'Replace "roto" with "root"');
      assert.equal(out, replaceOnce(text, 'parent: roto', 'parent: root'));
      assert.deepEqual(validate(out).findings, []);
      const silent = handDiagnostic(text, 'parent-exists', 'roto', 'Partition "web01" names parent "roto", but no partition has that name.');
      assert.deepEqual(actionsFor(text, [silent]).map((a) => a.title), ['Replace "roto" with "root"', 'Disable parent-exists for this line']);
      const near = replaceOnce(BASE, 'parent: root', 'parent: rooot');
      const computed = handDiagnostic(near, 'parent-exists', 'rooot', 'Partition "web01" names parent "rooot", but no partition has that name.');
      assert.equal(fix(near, computed, 'Replace "rooot" with "root"'), BASE);
      const far = replaceOnce(BASE, 'parent: root', 'parent: mainframe');
      assert.deepEqual(actionsFor(far, [handDiagnostic(far, 'parent-exists', 'mainframe', 'no such partition')]).map((a) => a.title), ['Disable parent-exists for this line']);
    });

    it('device-exists: in a flow and a block list, from the message or computed', () => {
      const flow = replaceOnce(BASE, '    memory: 4GiB\n', '    memory: 4GiB\n    devices: [nic0, gpu01]\n');
      const d1 = handDiagnostic(flow, 'device-exists', 'gpu01', 'Partition "web01" lists device "gpu01", which is not a host device.');
      const out1 = fix(flow, d1, 'Replace "gpu01" with "gpu0"');
      assert.equal(out1, replaceOnce(flow, '[nic0, gpu01]', '[nic0, gpu0]'));
      const block = replaceOnce(BASE, '    memory: 4GiB\n', "    memory: 4GiB\n    devices:\n      - 'dsk0'  # boot disk\n");
      const d2 = handDiagnostic(block, 'device-exists', "'dsk0'", 'Partition "web01" lists device "dsk0", which is not a host device — did you mean "disk0"?');
      const out2 = fix(block, d2, 'Replace "dsk0" with "disk0"');
      assert.equal(out2, replaceOnce(block, "'dsk0'", "'disk0'"));
    });
  });

  describe('replace an unknown switch, uplink or GPU reference with the closest name', () => {
    const text = replaceOnce(
      replaceOnce(BASE, '  devices:\n', '  switches:\n    - name: lan\n      type: external\n      devices: [nicO]\n  devices:\n'),
      '    memory: 4GiB\n',
      '    memory: 4GiB\n    networkAdapters: [lna]\n    gpuPartition: gpu-0\n',
    );
    const withGpuP = replaceOnce(text, '      class: gpu\n      assignable: true\n', '      class: gpu\n      gpuPartitions: 2\n');

    it('networkAdapters, a switch uplink and gpuPartition', () => {
      const d = handDiagnostic(withGpuP, 'network-adapter-switch', 'lna', 'Partition "web01" has a network adapter on "lna", but no host switch has that name.');
      assert.equal(fix(withGpuP, d, 'Replace "lna" with "lan"'), replaceOnce(withGpuP, '[lna]', '[lan]'));
      const u = handDiagnostic(withGpuP, 'switch-uplink', 'nicO', 'Switch "lan" names "nicO" as an uplink, but no host device has that id.');
      assert.equal(fix(withGpuP, u, 'Replace "nicO" with "nic0"'), replaceOnce(withGpuP, '[nicO]', '[nic0]'));
      const g = handDiagnostic(withGpuP, 'gpu-partition', 'gpu-0', 'Partition "web01" takes a partition of "gpu-0", but no host device has that id.');
      assert.equal(fix(withGpuP, g, 'Replace "gpu-0" with "gpu0"'), replaceOnce(withGpuP, 'gpuPartition: gpu-0', 'gpuPartition: gpu0'));
    });
  });

  describe('add a missing root partition (single-root)', () => {
    const msg = 'No partition has role: root; a layout needs exactly one root partition: add one.';
    const noRoot = replaceOnce(BASE, '  - name: root\n    role: root\n\n', '');

    it('block list: a root entry first, indented like the list, before a comment on the first child', () => {
      const text = replaceOnce(noRoot, '  - name: web01', '  # the web tier\n  - name: web01').replace('    memory: 4GiB\n', '    memory: 4GiB\n\n  - name: web02\n    role: child\n    parent: root\n    virtualProcessors: 2\n    memory: 4GiB\n');
      const d = handDiagnostic(text, 'single-root', 'partitions', msg);
      const out = fix(text, d, 'Add a root partition "root"');
      assert.equal(out, replaceOnce(text, 'partitions:\n', 'partitions:\n  - name: root\n    role: root\n\n'));
      assert.equal(validate(out).model?.root?.name, 'root');
      assertFixed(text, out, d);
    });

    it('CRLF, an unusual indentation, and the name the children already give as parent', () => {
      const text = crlf(replaceOnce(noRoot, '  - name: web01\n    role: child\n    parent: root\n    virtualProcessors: 2\n    memory: 4GiB\n', '-   name: web01\n    role: child\n    parent: hostos\n    virtualProcessors: 2\n    memory: 4GiB\n'));
      const d = handDiagnostic(text, 'single-root', 'partitions', msg);
      const out = fix(text, d, 'Add a root partition "hostos"');
      assert.equal(out, replaceOnce(text, 'partitions:\r\n', 'partitions:\r\n-   name: hostos\r\n    role: root\r\n'));
      assert.equal(validate(out).model?.root?.name, 'hostos');
      assert.equal(validate(out).model?.partitions[1].parent?.name, 'hostos');
      assertFixed(text, out, d);
    });

    it('`partitions: []` becomes a block list; its comment stays on the key line; a taken name is not reused', () => {
      const text = `${noRoot.slice(0, noRoot.indexOf('partitions:'))}partitions: []  # none yet\n# end of layout\n`;
      const d = handDiagnostic(text, 'single-root', 'partitions', msg);
      const out = fix(text, d, 'Add a root partition "root"');
      assert.equal(out, replaceOnce(text, 'partitions: []  # none yet\n', 'partitions:  # none yet\n  - name: root\n    role: root\n'));
      assertFixed(text, out, d);

      const taken = replaceOnce(noRoot, '  - name: web01', '  - name: root\n    role: child\n    parent: web01\n    virtualProcessors: 1\n    memory: 1GiB\n  - name: web01');
      const named = fix(taken, handDiagnostic(taken, 'single-root', 'partitions', msg), 'Add a root partition "root-2"');
      assert.equal(named, replaceOnce(taken, 'partitions:\n', 'partitions:\n  - name: root-2\n    role: root\n'));
    });

    it('a flow list gets a flow entry first; an empty `partitions:` gets a block list', () => {
      const head = noRoot.slice(0, noRoot.indexOf('partitions:'));
      const flow = `${head}partitions: [{ name: web01, role: child, parent: root, virtualProcessors: 2, memory: 4GiB }]\n`;
      const out = fix(flow, handDiagnostic(flow, 'single-root', 'partitions', msg), 'Add a root partition "root"');
      assert.equal(out, replaceOnce(flow, '[{ name: web01', '[{ name: root, role: root }, { name: web01'));
      assert.equal(validate(out).model?.root?.name, 'root');
      assertWellFormed(out);

      const empty = `${head}partitions:   # to do`;
      const d = handDiagnostic(empty, 'single-root', 'partitions', msg);
      const filled = fix(empty, d, 'Add a root partition "root"');
      assert.equal(filled, `${head}partitions:   # to do\n  - name: root\n    role: root`);
      assertFixed(empty, filled, d);
    });

    it('is not offered when a root exists (extra roots are another problem)', () => {
      const text = replaceOnce(BASE, 'role: child', 'role: root');
      const value = rangeOf(text, 'role: root', 2).start + 'role: '.length;
      const d = handDiagnosticAt(text, 'single-root', { start: value, end: value + 'root'.length }, msg);
      assert.deepEqual(actionsFor(text, [d]).map((a) => a.title), ['Disable single-root for this line']);
    });
  });

  describe('switch dynamic memory to static (assignment-static-memory)', () => {
    const msg = 'Partition "render01" has directly assigned devices, so it needs static memory: replace the dynamic memory with a size.';

    it('block mapping: `memory: <startup>`, keeping the comments on the key line and after the block', () => {
      const text = replaceOnce(BASE, '    memory: 4GiB\n', [
        '    memory:        # was dynamic',
        '      startup: "2GiB"',
        '      minimum: 1GiB  # floor',
        '      # upper bound',
        '      maximum: 4GiB',
        '      buffer: 20',
        '    # assigned below',
        '    devices: [gpu0]',
        '',
      ].join('\n'));
      const d = handDiagnostic(text, 'assignment-static-memory', 'memory', msg, 2);
      const out = fix(text, d, 'Switch "web01" to static memory of 2GiB (its startup size)');
      assert.equal(out, replaceOnce(text, '    memory:        # was dynamic\n      startup: "2GiB"\n      minimum: 1GiB  # floor\n      # upper bound\n      maximum: 4GiB\n      buffer: 20\n', '    memory: "2GiB"        # was dynamic\n'));
      const web01 = validate(out).model?.partitions[1];
      assert.deepEqual(web01?.memory, { kind: 'static', bytes: 2 * 1024 ** 3 });
      assertFixed(text, out, d);
    });

    it('flow mapping with CRLF; not offered for static memory', () => {
      const text = crlf(replaceOnce(BASE, '    memory: 4GiB\n', '    memory: { startup: 2GiB, minimum: 1GiB, maximum: 4GiB }  # dyn\n    devices: [gpu0]\n'));
      const d = handDiagnostic(text, 'assignment-static-memory', 'memory', msg, 2);
      const out = fix(text, d, 'Switch "web01" to static memory of 2GiB');
      assert.equal(out, replaceOnce(text, '{ startup: 2GiB, minimum: 1GiB, maximum: 4GiB }', '2GiB'));
      assertFixed(text, out, d);
      const again = staleDiagnostic(out, 'assignment-static-memory', 'memory', msg, 2);
      assert.deepEqual(actionsFor(out, [again]).map((a) => a.title), ['Disable assignment-static-memory for this line']);
    });
  });

  describe('static memory of the startup size for a nested parent (nested-static-memory)', () => {
    it('a dynamic nested parent becomes static at its startup size; its nested child still fits', () => {
      const text = replaceOnce(BASE, '    memory: 4GiB\n', [
        '    virtualizationStack: true',
        '    memory:',
        '      startup: 8GiB',
        '      minimum: 4GiB',
        '      maximum: 16GiB',
        '  - name: inner',
        '    role: child',
        '    parent: web01',
        '    virtualProcessors: 1',
        '    memory: 2GiB',
        '',
      ].join('\n'));
      const [d] = reported(text, 'nested-static-memory');
      const out = fix(text, d, 'Switch "web01" to static memory of 8GiB (its startup size)');
      assert.equal(out, replaceOnce(text, '    memory:\n      startup: 8GiB\n      minimum: 4GiB\n      maximum: 16GiB\n', '    memory: 8GiB\n'));
      assertFixed(text, out, d);
      assert.deepEqual(validate(out).findings.map((f) => f.rule), []);
    });
  });

  describe('set mmioSpace to the recommended values (mmio-space)', () => {
    const mmio = (text: string): string => replaceOnce(text, '      assignable: true\n', '      assignable: true\n      mmio: 1GiB\n');
    const base = mmio(replaceOnce(BASE, '    memory: 4GiB\n', '    memory: 4GiB\n    devices: [gpu0]\n'));

    it('no mmioSpace: adds it after the last key before it in schema order, with the message\'s Set-VM value', () => {
      const [d] = reported(base, 'mmio-space');
      assert.match(String(d.message), /Set-VM -HighMemoryMappedIoSpace 1536MB/);
      const out = fix(base, d, 'Set mmioSpace of "web01" to the recommended high 1.5GiB (Set-VM -HighMemoryMappedIoSpace 1536MB)');
      assert.equal(out, replaceOnce(base, '    devices: [gpu0]\n', '    devices: [gpu0]\n    mmioSpace: { high: 1.5GiB }\n'));
      assertFixed(base, out, d);
    });

    it('a flow mmioSpace: the high value replaced, or added after low; CRLF kept', () => {
      const text = crlf(replaceOnce(base, '    devices: [gpu0]\n', '    devices: [gpu0]\n    mmioSpace: { low: 128MiB, high: 512MiB }  # DDA\n'));
      const [d] = reported(text, 'mmio-space');
      const out = fix(text, d, 'Set mmioSpace of "web01" to the recommended high 1.5GiB');
      assert.equal(out, replaceOnce(text, 'high: 512MiB }', 'high: 1.5GiB }'));
      assertFixed(text, out, d);

      const lowOnly = replaceOnce(base, '    devices: [gpu0]\n', '    devices: [gpu0]\n    mmioSpace: { low: 64MiB }\n');
      const [d2] = reported(lowOnly, 'mmio-space');
      assert.equal(fix(lowOnly, d2, 'Set mmioSpace of "web01"'), replaceOnce(lowOnly, '{ low: 64MiB }', '{ low: 64MiB, high: 1.5GiB }'));
    });

    it('a block mmioSpace: the high line changed, or a high line added under low', () => {
      const text = replaceOnce(base, '    devices: [gpu0]\n', '    devices: [gpu0]\n    mmioSpace:\n      high: "768MiB"\n      low: 128MiB\n');
      const [d] = reported(text, 'mmio-space');
      assert.equal(fix(text, d, 'Set mmioSpace of "web01"'), replaceOnce(text, 'high: "768MiB"', 'high: 1.5GiB'));

      const low = replaceOnce(base, '    devices: [gpu0]\n', '    devices: [gpu0]\n    mmioSpace:\n      low: 128MiB\n    synthetic: [network]\n');
      const [d2] = reported(low, 'mmio-space');
      const out = fix(low, d2, 'Set mmioSpace of "web01"');
      assert.equal(out, replaceOnce(low, '      low: 128MiB\n', '      low: 128MiB\n      high: 1.5GiB\n'));
      assertFixed(low, out, d2);
    });
  });

  describe('set mmioSpace to the recommended values: the low side', () => {
    it('devices that need low MMIO get low = their sum + 128 MiB; a low of 4 GiB or more is brought under it', () => {
      const text = replaceOnce(replaceOnce(BASE, '      assignable: true\n', '      assignable: true\n      mmioLow: 512MiB\n'), '    memory: 4GiB\n', '    memory: 4GiB\n    devices: [gpu0]\n');
      const d = handDiagnostic(text, 'mmio-space', 'devices', 'Devices assigned to "web01" (gpu0 512 MiB) need 512 MiB of low MMIO space, more than the default mmioSpace.low of 128 MiB.', 2);
      const out = fix(text, d, 'Set mmioSpace of "web01" to the recommended low 640MiB (Set-VM -LowMemoryMappedIoSpace 640MB)');
      assert.equal(out, replaceOnce(text, '    devices: [gpu0]\n', '    devices: [gpu0]\n    mmioSpace: { low: 640MiB }\n'));

      const huge = replaceOnce(text, '    devices: [gpu0]\n', '    devices: [gpu0]\n    mmioSpace: { low: 4GiB, high: 1GiB }\n');
      const low = rangeOf(huge, '4GiB, high');
      const d2 = handDiagnosticAt(huge, 'mmio-space', { start: low.start, end: low.start + '4GiB'.length }, 'mmioSpace.low of "web01" is 4 GiB: low MMIO space lies below 4 GiB.');
      assert.equal(fix(huge, d2, 'Set mmioSpace of "web01" to the recommended low 640MiB'), replaceOnce(huge, '{ low: 4GiB,', '{ low: 640MiB,'));
    });
  });

  describe('assign the whole IOMMU group (iommu-group-split)', () => {
    const grouped = replaceOnce(
      replaceOnce(BASE, '      class: gpu\n      assignable: true\n', '      class: gpu\n      assignable: true\n      iommuGroup: 9\n    - id: gpu0-audio\n      class: audio\n      assignable: true\n      iommuGroup: 9\n'),
      '    memory: 4GiB\n',
      '    memory: 4GiB\n    devices:\n      - gpu0   # the GPU\n',
    );

    it('a block list gets the group-mate the root kept, as a new `- item` line', () => {
      const [d] = reported(grouped, 'iommu-group-split');
      const out = fix(grouped, d, 'Assign all of IOMMU group 9 to "web01": add "gpu0-audio"');
      assert.equal(out, replaceOnce(grouped, '      - gpu0   # the GPU\n', '      - gpu0   # the GPU\n      - gpu0-audio\n'));
      assertFixed(grouped, out, d);
    });

    it('a group-mate listed by the root or another child is taken out of that list', () => {
      const text = replaceOnce(
        replaceOnce(grouped, '    role: root\n', '    role: root\n    devices: [nic0, gpu0-audio]\n'),
        '      - gpu0   # the GPU\n',
        '      - gpu0   # the GPU\n  - name: web02\n    role: child\n    parent: root\n    virtualProcessors: 1\n    memory: 1GiB\n    devices: [gpu0-audio]\n',
      );
      const findings = reported(text, 'iommu-group-split');
      const d = findings.find((x) => String(x.message).startsWith('Device "gpu0"'))!;
      const out = fix(text, d, 'Assign all of IOMMU group 9 to "web01": add "gpu0-audio", taking them from "web02"');
      const expected = replaceOnce(replaceOnce(replaceOnce(text, 'devices: [nic0, gpu0-audio]', 'devices: [nic0]'), '    devices: [gpu0-audio]\n', '    devices: []\n'), '      - gpu0   # the GPU\n', '      - gpu0   # the GPU\n      - gpu0-audio\n');
      assert.equal(out, expected);
      assert.deepEqual(validate(out).findings.filter((f) => f.rule === 'iommu-group-split' || f.rule === 'device-single-owner'), []);
    });
  });

  describe('add a missing required property (schema)', () => {
    it('a child without virtualProcessors: the key in schema order, with a placeholder', () => {
      const text = replaceOnce(BASE, '    virtualProcessors: 2\n', '');
      const [d] = reported(text, 'schema');
      assert.equal(String(d.message), 'Child partition "web01" is missing the required property "virtualProcessors": add it.');
      const out = fix(text, d, 'Add the required "virtualProcessors: 1"');
      assert.equal(out, replaceOnce(text, '    parent: root\n', '    parent: root\n    virtualProcessors: 1\n'));
      assertFixed(text, out, d);
    });

    it('a device without class, in a flow mapping; a dynamic memory without maximum; the document without name', () => {
      const device = replaceOnce(BASE, '    - id: disk0\n      class: storage\n', '    - { id: disk0 }\n');
      const [d] = reported(device, 'schema');
      assert.equal(fix(device, d, 'Add the required "class: other"'), replaceOnce(device, '{ id: disk0 }', '{ id: disk0, class: other }'));

      const dynamic = replaceOnce(BASE, '    memory: 4GiB\n', '    memory:\n      startup: 2GiB\n      minimum: 1GiB\n');
      const [d2] = reported(dynamic, 'schema');
      const out2 = fix(dynamic, d2, 'Add the required "maximum: 2GiB"');
      assert.equal(out2, replaceOnce(dynamic, '      minimum: 1GiB\n', '      minimum: 1GiB\n      maximum: 2GiB\n'));
      assertFixed(dynamic, out2, d2);

      const noName = replaceOnce(BASE, 'name: lab\n', '');
      const [d3] = reported(noName, 'schema');
      assert.equal(fix(noName, d3, 'Add the required "name: my-host"'), replaceOnce(noName, 'layout: v1\n', 'layout: v1\nname: my-host\n'));
    });

    it('a missing section gets a block with its own required keys', () => {
      const text = replaceOnce(BASE, 'hypervisor:\n  model: microkernelized\n  drivers: []\n\n', '');
      const [d] = reported(text, 'schema');
      const out = fix(text, d, 'Add the required "hypervisor"');
      assert.equal(out, replaceOnce(text, 'name: lab\n', 'name: lab\nhypervisor:\n  model: microkernelized\n'));
      assertFixed(text, out, d);
    });
  });

  describe('add a missing required property: switches', () => {
    it('a switch without type gets `type: internal` (needs no adapter); one without name a fresh name', () => {
      const text = replaceOnce(BASE, '  devices:\n', '  switches:\n    - name: lan\n    - type: private\n  devices:\n');
      const findings = reported(text, 'schema');
      const noType = findings.find((f) => String(f.message).includes('"type"'))!;
      assert.equal(fix(text, noType, 'Add the required "type: internal"'), replaceOnce(text, '    - name: lan\n', '    - name: lan\n      type: internal\n'));
      const noName = findings.find((f) => String(f.message).includes('"name"'))!;
      assert.equal(fix(text, noName, 'Add the required "name: switch-1"'), replaceOnce(text, '    - type: private\n', '    - type: private\n      name: switch-1\n'));
    });
  });

  describe('placeholders left selected, for a client that runs the select command', () => {
    const doc = (text: string): TextDocument => docOf(text);
    const run = (text: string, d: Diagnostic, prefix: string): CodeAction => {
      const params: CodeActionParams = { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } };
      const actions = codeActions(doc(text), validate(text), params, { selectCommand: true });
      return titled(actions, prefix);
    };
    const selected = (text: string, action: CodeAction): string => {
      const out = doc(apply(text, action));
      const [args] = (action.command?.arguments ?? []) as Array<{ uri: string; range: Range }>;
      assert.equal(action.command?.command, 'partitionLayout.selectRange');
      assert.equal(args.uri, URI);
      return out.getText(args.range);
    };

    it('the disable comment selects its reason; the required-property fix its placeholder', () => {
      const typo = crlf(replaceOnce(BASE, '    virtualProcessors: 2\n', '    virtualprocessors: 2\n'));
      const [d] = reported(typo, 'schema', 'virtualprocessors');
      const disable = run(typo, d, 'Disable schema for this line');
      assert.equal(selected(typo, disable), 'reason');
      assert.deepEqual((disable.command?.arguments?.[0] as { range: Range }).range.start, { line: d.range.start.line, character: '    # partition-lint-disable-next-line schema -- '.length });

      const missing = reported(typo, 'schema').find((x) => String(x.message).includes('missing'))!;
      assert.equal(selected(typo, run(typo, missing, 'Add the required "virtualProcessors: 1"')), '1');
      const noHv = replaceOnce(BASE, 'hypervisor:\n  model: microkernelized\n  drivers: []\n\n', '');
      assert.equal(selected(noHv, run(noHv, reported(noHv, 'schema')[0], 'Add the required "hypervisor"')), 'microkernelized');
    });

    it('no command for a client that did not ask for it, nor for fixes with nothing to type', () => {
      const typo = replaceOnce(BASE, '    virtualProcessors: 2\n', '    virtualprocessors: 2\n');
      const [d] = reported(typo, 'schema', 'virtualprocessors');
      assert.ok(actionsFor(typo, [d]).every((a) => a.command === undefined));
      assert.equal(run(typo, d, 'Replace "virtualprocessors"').command, undefined);
    });
  });
});
