/**
 * language-configuration.json: what pressing Enter does after each kind of line, evaluated as VS Code
 * does it (the first onEnterRule whose beforeText matches the text before the cursor wins; without a
 * match the new line keeps the indentation), plus the indentation rules, pairs, comments and words.
 */
import * as assert from 'node:assert/strict';
import { readJson } from './support';

interface EnterAction {
  indent: 'none' | 'indent' | 'outdent' | 'indentOutdent';
  appendText?: string;
}
interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: { beforeText: string; action: EnterAction }[];
}

const config = readJson<LanguageConfiguration>('language-configuration.json');

/** The action for Enter at the end of `line` (tab size 2), and the text the new line starts with. */
function enter(line: string): { action?: EnterAction; newLine: string } {
  const rule = config.onEnterRules.find((r) => new RegExp(r.beforeText).test(line));
  const indentation = /^\s*/.exec(line)?.[0] ?? '';
  if (!rule) return { newLine: indentation };
  const extra = rule.action.indent === 'indent' ? '  ' : '';
  return { action: rule.action, newLine: indentation + extra + (rule.action.appendText ?? '') };
}

describe('language-configuration.json', () => {
  it('indents after a key that opens a nested value, with or without a comment', () => {
    assert.equal(enter('partitions:').newLine, '  ');
    assert.equal(enter('    guest:').newLine, '      ');
    assert.equal(enter('    memory:   # dynamic memory').newLine, '      ');
    assert.equal(enter('    "mmioSpace":').newLine, '      ');
  });

  it('indents under the key, not the dash, after "- key:"', () => {
    assert.equal(enter('  - guest:').newLine, '      ');
  });

  it('aligns the next key of a list item with its first key after "- key: value"', () => {
    assert.equal(enter('  - name: web01').newLine, '    ');
    assert.equal(enter('    - id: nic0   # the first NIC').newLine, '      ');
    assert.equal(enter("  - 'name': web01").newLine, '    ');
  });

  it('continues a list of scalars with "- "', () => {
    assert.equal(enter('      - network').newLine, '      - ');
    assert.equal(enter('  - "a: b"').newLine, '  - ');
    assert.equal(enter('  - [0, 1]').newLine, '  - ');
  });

  it('indents the text of a block scalar after | and >', () => {
    assert.equal(enter('    notes: |').newLine, '      ');
    assert.equal(enter('    description: >-  # folded').newLine, '      ');
    assert.equal(enter('  - |').newLine, '    ');
  });

  it('keeps the indentation after a complete key: value, a comment, or an empty list item', () => {
    for (const line of ['    memory: 8GiB', '    os: windows  # note: x', '  # partitions:', '  - ', 'name: hv-lab-01']) {
      const { action, newLine } = enter(line);
      assert.equal(action, undefined, `no rule should apply after ${JSON.stringify(line)}`);
      assert.equal(newLine, /^\s*/.exec(line)?.[0]);
    }
  });

  it('indents after an open flow collection or block scalar and outdents a closing bracket when re-indenting', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ['host:', '  - guest:', '  mmioSpace: {', '  devices: [  # long list', '  notes: |']) assert.ok(increase.test(line), line);
    for (const line of ['  memory: 8GiB', '  devices: [nic0]', '# note:x ']) assert.ok(!increase.test(line), line);
    assert.ok(decrease.test('  ]'));
    assert.ok(decrease.test('}'));
    assert.ok(!decrease.test('  - id: x'));
  });

  it('uses # line comments and pairs brackets and quotes', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']']]);
    assert.deepEqual(config.autoClosingPairs.map((p) => p.open + p.close), ['{}', '[]', '""', "''"]);
    assert.ok(config.autoClosingPairs.filter((p) => p.open === "'" || p.open === '"').every((p) => p.notIn?.includes('string') && p.notIn.includes('comment')));
    assert.deepEqual(config.surroundingPairs.map((p) => p.join('')), ['{}', '[]', '""', "''"]);
  });

  it('treats a partition name, a size and a PCI address each as one word', () => {
    const words = (text: string): string[] => text.match(new RegExp(config.wordPattern, 'g')) ?? [];
    assert.deepEqual(words('parent: hv-lab-01'), ['parent', 'hv-lab-01']);
    assert.deepEqual(words('memory: 512MiB'), ['memory', '512MiB']);
    assert.deepEqual(words('maximum: 1.5TiB'), ['maximum', '1.5TiB']);
    assert.deepEqual(words('address: "0000:03:00.0"'), ['address', '0000:03:00.0']);
  });
});
