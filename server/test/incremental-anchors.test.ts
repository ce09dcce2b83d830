import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../src/core/parse/lines';
import { revalidate, validate, type ValidateResult } from '../src/core/validate';
import { generateStyledLayout, LAYOUT_STYLES } from './generate-layout';
import { sameAsFull } from './same-as-full';

/**
 * An edit of an entry that uses aliases re-parses only that entry (reparse-entry.ts, with the anchors
 * above it known), and the result must be exactly what a full validation gives.
 */

function same(incremental: ValidateResult, text: string): void {
  sameAsFull(incremental, text);
  const lines = new LineIndex(text);
  assert.equal(incremental.parsed.lines.lineCount, lines.lineCount);
  for (let line = 0; line < lines.lineCount; line++) assert.equal(incremental.parsed.lines.lineStart(line), lines.lineStart(line));
}

const edit = (text: string, at: number, del: number, ins: string): string => text.slice(0, at) + ins + text.slice(at + del);

describe('incremental re-validation with anchors and aliases', () => {
  const anchors = generateStyledLayout(12, 'anchors');

  it('an edit in a partition that uses aliases re-parses only that entry and matches a full validation', () => {
    for (const partition of ['vm5', 'vm11']) {
      const prev = validate(anchors);
      const data = prev.parsed.data;
      const at = anchors.indexOf('virtualProcessors: 2', anchors.indexOf(`name: ${partition}\n`)) + 'virtualProcessors: '.length;
      const next = edit(anchors, at, 1, '4096');
      const result = revalidate(prev, next);
      same(result, next);
      assert.ok(result.findings.some((f) => f.rule === 'vp-limit'), partition);
      assert.equal(result.parsed.data, data, `${partition}: everything was parsed again`);
    }
  });

  it('an alias added, removed or pointed elsewhere in an entry matches a full validation', () => {
    const cases: Array<(t: string) => string> = [
      (t) => edit(t, t.indexOf('guest: *guest', t.indexOf('name: vm7\n')), 'guest: *guest'.length, 'guest: {os: linux}'),
      (t) => edit(t, t.indexOf('synthetic: *synthetic', t.indexOf('name: vm7\n')), 'synthetic: *synthetic'.length, 'synthetic: *guest'),
      (t) => edit(t, t.indexOf('synthetic: *synthetic', t.indexOf('name: vm7\n')), 'synthetic: *synthetic'.length, 'synthetic: *nowhere'),
      (t) => edit(t, t.indexOf('memory: 2GiB', t.indexOf('name: vm7\n')), 'memory: 2GiB'.length, 'memory: &mem 2GiB'),
      (t) => edit(t, t.indexOf('os: windows-server-2025'), 'os: windows-server-2025'.length, 'os: linux'), // inside the anchored value
      (t) => edit(t, t.indexOf('memory: 2GiB', t.indexOf('name: vm8\n')), 'memory: 2GiB'.length, 'memory: 3GiB'),
      (t) => edit(t, t.indexOf('&guest'), '&guest '.length, ''), // the anchor the later entries use, removed
      (t) => edit(t, t.indexOf('&synthetic') + 1, 'synthetic'.length, 'synth'), // renamed
      (t) => edit(t, t.indexOf('memory: 2GiB', t.indexOf('name: vm0\n')), 'memory: 2GiB'.length, 'memory: 3GiB'), // beside the anchors
    ];
    for (const change of cases) {
      const next = change(anchors);
      same(revalidate(validate(anchors), next), next);
    }
  });

  it('an anchor of a scalar removed from an entry leaves the alias below it unknown, as a full validation says', () => {
    let text = edit(anchors, anchors.indexOf('memory: 2GiB', anchors.indexOf('name: vm7\n')), 'memory: 2GiB'.length, 'memory: &mem 3GiB');
    text = edit(text, text.indexOf('memory: 2GiB', text.indexOf('name: vm8\n')), 'memory: 2GiB'.length, 'memory: *mem');
    const next = edit(text, text.indexOf('&mem '), '&mem '.length, '');
    const result = revalidate(validate(text), next);
    same(result, next);
    assert.ok(result.findings.some((f) => f.rule === 'yaml-syntax' && f.message.includes('*mem')));
  });

  it('an entry inside an anchored list that an alias copies is parsed again in full', () => {
    const text = `${anchors.replace('\npartitions:', '\npartitions: &all')}copies: *all\n`;
    const prev = validate(text);
    const at = text.indexOf('memory: 2GiB', text.indexOf('name: vm3\n'));
    const next = edit(text, at, 'memory: 2GiB'.length, 'memory: 5GiB');
    const result = revalidate(prev, next);
    same(result, next);
    assert.notEqual(result.parsed.data, prev.parsed.data);
  });

  it('property: any edit, applied in sequence to a layout of each style, gives what a full validation gives', function () {
    this.timeout(120_000);
    const originals = LAYOUT_STYLES.map((style) => generateStyledLayout(10, style));
    const tokens = ['2', 'x', ' ', '\n', ':', '- ', '#', ' # c', '&a ', '*a', '&guest ', '*guest', '*synthetic', 'guest: *guest\n    ', '[', ']', '"', '\r\n', '|\n', 'GiB'];
    fc.assert(
      fc.property(
        fc.nat(originals.length - 1),
        fc.array(fc.record({ entry: fc.nat(9), offset: fc.nat(200), del: fc.nat(6), ins: fc.constantFrom(...tokens) }), { minLength: 1, maxLength: 6 }),
        (which, edits) => {
          let text = originals[which];
          let result = validate(text);
          for (const e of edits) {
            // mostly inside a partition, where the entry is re-parsed on its own
            const from = Math.max(0, text.indexOf(`name: vm${e.entry}`));
            const at = Math.min(text.length, from + e.offset);
            text = edit(text, at, e.del, e.ins);
            result = revalidate(result, text);
            same(result, text);
          }
        },
      ),
      { numRuns: 150, seed: 20261201 },
    );
  });

  it('property: the line index of an edited text equals one built from scratch', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', ' ') }), fc.nat(), fc.nat(8), fc.string({ unit: fc.constantFrom('b', '\n', '\r\n') }), (before, at0, del, ins) => {
        const at = at0 % (before.length + 1);
        const after = edit(before, at, del, ins);
        const removed = Math.min(del, before.length - at);
        const fresh = new LineIndex(after);
        const edited = new LineIndex(before).edited(after, at, at + removed, after.length - before.length);
        assert.equal(edited.lineCount, fresh.lineCount);
        for (let line = 0; line < fresh.lineCount; line++) assert.equal(edited.lineStart(line), fresh.lineStart(line));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
