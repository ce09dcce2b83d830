import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validate } from '../src/core/validate';
import type { Finding } from '../src/core/types';
import { generateLayout } from './generate-layout';
import { fixture, runCli } from './support';

/** docs/decisions.md "Parsing and bad input": every kind of bad input gets a clear diagnostic or CLI error, in bounded time, never a crash. */

function at(text: string, f: Finding): { line: number; column: number; text: string } {
  const r = validate(text).parsed.lines.position(f.range.start);
  return { line: r.line + 1, column: r.character + 1, text: text.slice(f.range.start, f.range.end) };
}

function only(text: string): Finding[] {
  const { findings } = validate(text);
  for (const f of findings) {
    assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end, `range out of text: ${JSON.stringify(f)}`);
    assert.ok(f.message.length > 10 && !/\bat line \d+, column \d+/.test(f.message), `unclear message: ${f.message}`);
  }
  return findings;
}

const noStack = (s: string): void => assert.doesNotMatch(s, /\n\s+at .+\(.*:\d+:\d+\)|TypeError|RangeError|ReferenceError/, `stack trace printed:\n${s}`);

describe('bad input (docs/decisions.md, "Parsing and bad input")', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-bad-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const writeTmp = (name: string, data: string | Buffer): string => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, data);
    return p;
  };

  it('empty file: one schema finding on line 1 that says what a layout is', () => {
    for (const text of ['', '\n\n', '# just a comment\n']) {
      const f = only(text);
      assert.equal(f.length, 1);
      assert.equal(f[0].rule, 'schema');
      assert.match(f[0].message, /holds no YAML content.*layout: v1/);
      assert.equal(at(text, f[0]).line, 1);
    }
  });

  it('non-YAML text: yaml-syntax errors only, the first on the unclosed bracket', () => {
    const text = 'layout: v1\nname: {{{ ]]] :: @@\n';
    const f = only(text);
    assert.ok(f.length > 0);
    assert.ok(f.every((x) => x.rule === 'yaml-syntax'), JSON.stringify(f));
    assert.deepEqual(at(text, f[0]).line, 2);
  });

  it('a document that is a list or a string, not a mapping', () => {
    assert.match(only('- a\n- b\n')[0].message, /^The document is a list, not a mapping/);
    assert.match(only('hello\n')[0].message, /^The document is a string, not a mapping/);
  });

  it('binary bytes: one yaml-syntax finding at the first control character', () => {
    const text = `layout: v1\nname: x\n${String.fromCharCode(0, 1, 2, 255)}PNG`;
    const f = only(text);
    assert.equal(f.length, 1);
    assert.equal(f[0].rule, 'yaml-syntax');
    assert.match(f[0].message, /not a YAML text file.*U\+0000.*binary/);
    assert.deepEqual(at(text, f[0]), { line: 3, column: 1, text: '\u0000' });
  });

  it('binary file through the CLI: exit 1, the diagnostic, no stack trace', () => {
    const file = writeTmp('image.partition.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const r = runCli(['--format', 'json', file]);
    assert.equal(r.status, 1);
    noStack(r.stderr);
    const [out] = JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string; line: number }> }>;
    assert.equal(out.diagnostics.length, 1);
    assert.equal(out.diagnostics[0].rule, 'yaml-syntax');
  });

  it('invalid UTF-8 through the CLI: yaml-syntax at the first bad byte', () => {
    const good = Buffer.from('layout: v1\nname: caf');
    const file = writeTmp('latin1.partition.yaml', Buffer.concat([good, Buffer.from([0xe9]), Buffer.from('\nhypervisor: {model: microkernelized}\n')]));
    const r = runCli(['--format', 'json', file]);
    assert.equal(r.status, 1);
    noStack(r.stderr);
    const [out] = JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string; line: number; column: number; message: string }> }>;
    assert.equal(out.diagnostics.length, 1);
    assert.equal(out.diagnostics[0].rule, 'yaml-syntax');
    assert.deepEqual([out.diagnostics[0].line, out.diagnostics[0].column], [2, 10]);
    assert.match(out.diagnostics[0].message, /UTF-8/);
  });

  it('invalid UTF-8 decoded by an editor (U+FFFD) is reported in validate()', () => {
    const text = 'layout: v1\nname: caf\ufffd\n';
    const f = only(text);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /not valid UTF-8/);
    assert.deepEqual(at(text, f[0]).line, 2);
  });

  it('a byte-order mark keeps positions right (validate and CLI)', () => {
    const text = fixture('bad-input', 'bom.partition.yaml');
    assert.equal(text.charCodeAt(0), 0xfeff);
    const f = only(text);
    assert.equal(f.length, 1);
    assert.deepEqual(at(text, f[0]), { line: 11, column: 5, text: 'virtualprocessors' });
    const r = runCli(['--format', 'json', 'test-fixtures/bad-input/bom.partition.yaml']);
    const [out] = JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ line: number; column: number; endColumn: number }> }>;
    assert.deepEqual([out.diagnostics[0].line, out.diagnostics[0].column, out.diagnostics[0].endColumn], [11, 5, 22]);
  });

  it('CRLF line endings keep positions right', () => {
    const text = fixture('bad-input', 'crlf.partition.yaml');
    assert.ok(text.includes('\r\n'));
    const f = only(text);
    assert.equal(f.length, 1);
    assert.deepEqual(at(text, f[0]), { line: 11, column: 5, text: 'virtualprocessors' });
  });

  it('tabs as indentation: one yaml-syntax finding on the tab line', () => {
    const text = 'layout: v1\nhost:\n\tlogicalProcessors: 8\n';
    const f = only(text);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /tab is used for indentation/);
    assert.equal(at(text, f[0]).line, 3);
  });

  it('several documents: yaml-syntax on the second "---"', () => {
    const text = 'layout: v1\nname: a\n---\nlayout: v1\nname: b\n';
    const f = only(text);
    assert.equal(f.length, 1);
    assert.deepEqual(at(text, f[0]), { line: 3, column: 1, text: '---' });
    assert.match(f[0].message, /more than one YAML document/);
  });

  it('unknown tags: a warning on the tag, the value still checked', () => {
    const text = fixture('bad-input', 'unknown-tag.partition.yaml');
    const f = only(text);
    const tag = f.find((x) => x.rule === 'yaml-syntax');
    assert.ok(tag);
    assert.equal(tag.severity, 'warning');
    assert.deepEqual(at(text, tag), { line: 2, column: 7, text: '!hostname' });
    assert.match(tag.message, /Unknown tag !hostname/);
  });

  it('an alias bomb (billion laughs) stops at the alias that passes the limit, quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = levels.join('\n');
    const t0 = process.hrtime.bigint();
    const f = only(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms < 20_000, `took ${ms} ms`);
    const bomb = f.filter((x) => x.rule === 'yaml-syntax');
    assert.equal(bomb.length, 1);
    assert.match(bomb[0].message, /alias bomb/);
    assert.match(at(text, bomb[0]).text, /^\*[a-z]$/);
    assert.equal(f.length, 1, 'no schema findings after the alias bomb');
  });

  it('an alias to an anchor that does not exist', () => {
    const text = 'layout: v1\nname: *mem\n';
    const f = only(text);
    assert.equal(f.length, 1);
    assert.deepEqual(at(text, f[0]), { line: 2, column: 7, text: '*mem' });
    assert.match(f[0].message, /\*mem refers to no anchor/);
  });

  it('an alias that refers to its own node', () => {
    const f = only('a: &x [1, *x]\n');
    assert.ok(f.some((x) => x.rule === 'yaml-syntax'));
  });

  it('merge keys are unknown properties (YAML 1.2 has none)', () => {
    const text = fixture('bad-input', 'merge-keys.partition.yaml');
    const f = only(text).filter((x) => x.message.includes('"<<"'));
    assert.equal(f.length, 1);
    assert.equal(f[0].rule, 'schema');
    assert.deepEqual(at(text, f[0]), { line: 17, column: 5, text: '<<' });
  });

  it('10,000-deep nesting: a clear yaml-syntax error in bounded time, flow and block', () => {
    for (const text of [`layout: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, `layout:\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}x\n`]) {
      const f = only(text);
      assert.ok(f.length >= 1);
      assert.ok(f.some((x) => x.rule === 'yaml-syntax' && /nest/.test(x.message)), JSON.stringify(f.slice(0, 3)));
    }
  });

  it('deep nesting is refused before parsing, the same way every time; brackets in quotes or comments are not nesting', () => {
    const flow = `layout: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const runs = [1, 2, 3].map(() => only(flow));
    for (const f of runs) assert.deepEqual(f, runs[0]);
    assert.equal(runs[0].length, 1);
    assert.deepEqual(at(flow, runs[0][0]), { line: 1, column: 265, text: '[' });
    assert.match(runs[0][0].message, /nest more than 256 levels/);
    const quoted = `layout: v1\nname: "${'['.repeat(300)}" # ${'{'.repeat(300)}\n`;
    assert.ok(!only(quoted).some((f) => f.rule === 'yaml-syntax'));
  });

  it('numbers where strings belong: a type error naming the key, quoting the source text', () => {
    const text = fixture('bad-input', 'numbers-for-strings.partition.yaml');
    const f = only(text);
    const byLine = new Map(f.map((x) => [at(text, x).line, x.message]));
    assert.equal(byLine.get(1), '1 is not a valid "layout"; use one of: v1.');
    assert.equal(byLine.get(2), '"name" of the layout must be a string, not an integer: quote it, "2024".');
    assert.equal(byLine.get(6), '"logicalProcessors" of "host" must be an integer, not a string: remove the quotes, 8.');
    assert.equal(byLine.get(7), '"memory" of "host" must be a size with a unit, e.g. "32GiB" or "32MiB"; 32 has none.');
    assert.equal(byLine.get(11), '"address" of device #1 must be a string, not an integer: quote it, "0000".');
  });

  it('a 20 MB file validates completely in bounded time (validate and CLI)', function () {
    this.timeout(300_000);
    const text = generateLayout(62_000);
    assert.ok(text.length > 20_000_000);
    const bad = `${text}\n  - name: extra01\n    role: child\n    parent: root\n    virtualprocessors: 1\n    memory: 1GiB\n`;
    const typoLine = bad.split('\n').length - 2;
    const file = writeTmp('huge.partition.yaml', bad);
    const r = runCli(['--format', 'json', file]);
    noStack(r.stderr);
    assert.equal(r.status, 1);
    const [out] = JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string; line: number; message: string }> }>;
    const typo = out.diagnostics.filter((d) => d.message.includes('virtualprocessors'));
    assert.deepEqual(typo.map((d) => [d.rule, d.line]), [['schema', typoLine]]);
  });
});
