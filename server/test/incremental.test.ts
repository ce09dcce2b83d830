import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { revalidate, validate } from '../src/core/validate';
import { generateLayout, generateStyledLayout, LAYOUT_STYLES } from './generate-layout';
import { sameAsFull } from './same-as-full';
import { fixture, fixturesDir, layoutFiles } from './support';

/** revalidate() re-parses only the list entry an edit touched, and must give exactly what validate() gives. */

const same = sameAsFull;

const replaceAt = (text: string, needle: string, by: string, from = 0): string => {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `"${needle}" not found`);
  return text.slice(0, i) + by + text.slice(i + needle.length);
};

describe('incremental re-validation', () => {
  // Comments between entries, as real layouts have: every YAML style takes the same parse path.
  const base = generateLayout(30).replace('\npartitions:', '\n  # the NICs above are SR-IOV virtual functions\npartitions:');

  it('an edit inside one partition re-parses only that entry and matches a full validation, in every YAML style', () => {
    for (const style of LAYOUT_STYLES) {
      const text = generateStyledLayout(30, style);
      for (const partition of ['vm17', 'vm29']) {
        const prev = validate(text);
        const data = prev.parsed.data;
        const at = text.indexOf('virtualProcessors: 2', text.search(new RegExp(`\\b${partition}\\b`)));
        const next = `${text.slice(0, at)}virtualProcessors: 4096${text.slice(at + 'virtualProcessors: 2'.length)}`;
        const result = revalidate(prev, next);
        same(result, next);
        assert.ok(result.findings.some((f) => f.rule === 'vp-limit'), style);
        // flow entries span two lines of one entry; anchors and aliases always re-parse everything
        if (style !== 'anchors') assert.equal(result.parsed.data, data, `${style} ${partition}: everything was parsed again`);
      }
    }
  });

  it('edits in a device entry and in the last partition re-parse only that entry', () => {
    let prev = validate(base);
    const data = prev.parsed.data;
    let text = replaceAt(base, 'driver: mlx5', 'driver: mlx5_core', base.indexOf('id: vf3'));
    prev = revalidate(prev, text);
    assert.equal(prev.parsed.data, data);
    same(prev, text);
    text = replaceAt(text, 'memory: 2GiB', 'memory: 3GiB', text.lastIndexOf('name: vm29'));
    prev = revalidate(prev, text);
    assert.equal(prev.parsed.data, data);
    same(prev, text);
  });

  it('an edit builds the model of the edited entry only; the other entries keep theirs, at their shifted positions', () => {
    const prev = validate(base);
    const before = prev.model!;
    const vm3 = before.partitionByName.get('vm3')!;
    const vm20 = before.partitionByName.get('vm20')!;
    const oldStart = vm20.devices[0]!.range.start;
    // a longer name in vm3 moves everything after it by three characters
    const text = replaceAt(base, 'name: vm3\n', 'name: vm3-db\n');
    const result = revalidate(prev, text);
    same(result, text);
    const after = result.model!;
    assert.notEqual(after.partitionByName.get('vm3-db')!.devices, vm3.devices, 'the edited entry is built again');
    assert.equal(after.partitionByName.get('vm20')!.devices, vm20.devices, 'an entry the edit did not touch keeps its model');
    assert.equal(after.partitionByName.get('vm20')!.devices[0]!.range.start, oldStart + 3);
    assert.equal(text.slice(after.partitionByName.get('vm20')!.devices[0]!.range.start).split(/[\],\n]/)[0], 'vf20');
    assert.equal(after.host.devices[5], before.host.devices[5], 'devices the edit did not touch keep theirs');
  });

  it('the same text again (only the severities changed) re-uses the parse', () => {
    const prev = validate(base);
    const result = revalidate(prev, base, { rules: { 'vp-overcommit': 'off' } });
    assert.equal(result.parsed, prev.parsed);
    assert.deepEqual(result.findings, validate(base, { rules: { 'vp-overcommit': 'off' } }).findings);
  });

  it('edits of the header, the indentation, the list and the syntax give the same results', () => {
    const cases: Array<(t: string) => string> = [
      (t) => replaceAt(t, 'name: bench-30', 'name: bench-31'), // the header
      (t) => replaceAt(t, '  - name: vm5\n', '    - name: vm5\n'), // an entry re-indented
      (t) => replaceAt(t, '    memory: 2GiB\n', '    memory: 2GiB\n  - name: extra\n', t.indexOf('name: vm7')), // a new entry
      (t) => replaceAt(t, 'memory: 2GiB', 'memory: [2GiB', t.indexOf('name: vm9')), // a syntax error
      (t) => replaceAt(t, 'memory: 2GiB', 'memory: &m 2GiB', t.indexOf('name: vm9')), // an anchor
      (t) => `${t}\nextra: 1\n`, // a key after the last entry
    ];
    for (const edit of cases) {
      const prev = validate(base);
      const next = edit(base);
      same(revalidate(prev, next), next);
    }
  });

  it('property: any edit, applied in sequence, gives what a full validation gives', function () {
    this.timeout(120_000);
    const originals = [base, ...LAYOUT_STYLES.map((style) => generateStyledLayout(8, style)), ...layoutFiles(path.join(fixturesDir, 'valid')).map((f) => fixture(...path.relative(fixturesDir, path.resolve(f)).split(path.sep)))];
    const tokens = ['2', '9', 'x', ' ', '\n', ':', '- ', '#', ' # c', '\n  # c\n', '\n      # c\n', '\n\n', '|\n', '\r\n', 'GiB', 'KB', 'root', 'vf1', '"', '[', ']', '&a ', '*a', '\t', 'parent: vm1\n    '];
    fc.assert(
      fc.property(fc.nat(originals.length - 1), fc.array(fc.record({ at: fc.nat(), del: fc.nat(6), ins: fc.constantFrom(...tokens) }), { minLength: 1, maxLength: 6 }), (which, edits) => {
        let text = originals[which];
        let result = validate(text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
          result = revalidate(result, text);
          same(result, text);
        }
      }),
      { numRuns: 150, seed: 424242 },
    );
  });

  it('property: value edits inside entries match a full validation', function () {
    this.timeout(120_000);
    const values = ['1', '64', '4096', 'vm3', 'root', 'vf2', 'gpu', 'storage', '0000:00:00.0', 'x', ''];
    fc.assert(
      fc.property(fc.array(fc.record({ entry: fc.nat(29), field: fc.constantFrom('virtualProcessors: ', 'memory: ', 'parent: ', 'devices: [', 'synthetic: [', 'os: '), value: fc.constantFrom(...values) }), { minLength: 1, maxLength: 8 }), (edits) => {
        let text = base;
        let result = validate(text);
        for (const e of edits) {
          const from = text.indexOf(`name: vm${e.entry}\n`);
          const at = text.indexOf(e.field, from) + e.field.length;
          const end = text.slice(at).search(/[\],\n]/) + at;
          text = text.slice(0, at) + e.value + text.slice(end);
          result = revalidate(result, text);
          same(result, text);
        }
      }),
      { numRuns: 100, seed: 77 },
    );
  });
});

