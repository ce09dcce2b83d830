/**
 * The TextMate grammar (syntaxes/partition-yaml.tmLanguage.json) tokenized as VS Code does it:
 * vscode-textmate with the Oniguruma WebAssembly build. Runs under plain mocha, without VS Code.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { filesUnder, readJson, readText, repoRoot } from './support';

const GRAMMAR_PATH = 'syntaxes/partition-yaml.tmLanguage.json';
const SCOPE = 'source.partition-yaml';

interface Token {
  text: string;
  scopes: string[];
}

interface Line {
  text: string;
  tokens: Token[];
  /** depth of the rule stack after the line (1: top level, no region open) */
  depthAfter: number;
  stoppedEarly: boolean;
}

let onigReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  if (!onigReady) {
    const wasm = fs.readFileSync(path.join(repoRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    onigReady = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return onigReady;
}

async function loadGrammar(): Promise<vsctm.IGrammar> {
  await loadOniguruma();
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE ? vsctm.parseRawGrammar(readText(GRAMMAR_PATH), path.join(repoRoot, GRAMMAR_PATH)) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE);
  assert.ok(grammar, `${GRAMMAR_PATH} did not load as ${SCOPE}`);
  return grammar;
}

function tokenize(grammar: vsctm.IGrammar, text: string): Line[] {
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((lineText) => {
    const result = grammar.tokenizeLine(lineText, state, 2000);
    state = result.ruleStack;
    return {
      text: lineText,
      tokens: result.tokens.map((t) => ({ text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes })),
      depthAfter: state.depth,
      stoppedEarly: result.stoppedEarly,
    };
  });
}

/** The scopes of the token `token` on the first line that contains `lineText` (after line `after`, if given). */
function scopesOf(lines: Line[], lineText: string, token: string, after?: string): string[] {
  const from = after === undefined ? 0 : lines.findIndex((l) => l.text.includes(after));
  assert.ok(from >= 0, `no line contains ${JSON.stringify(after)}`);
  const line = lines.slice(from).find((l) => l.text.includes(lineText));
  assert.ok(line, `no line contains ${JSON.stringify(lineText)}`);
  const found = line.tokens.find((t) => t.text === token);
  assert.ok(found, `line ${JSON.stringify(line.text)} has no token ${JSON.stringify(token)}; tokens: ${JSON.stringify(line.tokens.map((t) => t.text))}`);
  return found.scopes;
}

function assertScope(lines: Line[], lineText: string, token: string, scope: string, after?: string): void {
  const scopes = scopesOf(lines, lineText, token, after);
  assert.ok(scopes.includes(scope), `${JSON.stringify(token)} in ${JSON.stringify(lineText)}: expected ${scope}, got ${scopes.join(' ')}`);
}

function assertNoScope(lines: Line[], lineText: string, token: string, scopePrefix: string, after?: string): void {
  const scopes = scopesOf(lines, lineText, token, after);
  assert.ok(!scopes.some((s) => s.startsWith(scopePrefix)), `${JSON.stringify(token)} in ${JSON.stringify(lineText)}: unexpected ${scopePrefix}* in ${scopes.join(' ')}`);
}

describe('grammar: syntaxes/partition-yaml.tmLanguage.json', () => {
  let grammar: vsctm.IGrammar;
  let showcase: Line[];

  before(async () => {
    grammar = await loadGrammar();
    showcase = tokenize(grammar, readText('test-fixtures/grammar/showcase.partition.yaml'));
  });

  describe('scopes in test-fixtures/grammar/showcase.partition.yaml', () => {
    it('scopes sizes with their unit, with or without a space, binary and ambiguous units, plain and quoted', () => {
      assertScope(showcase, 'memory: &hostmem 256GiB', '256', 'constant.numeric.size.partition-yaml');
      assertScope(showcase, 'memory: &hostmem 256GiB', 'GiB', 'keyword.other.unit.partition-yaml');
      assertScope(showcase, 'memory: &hostmem 256GiB', 'GiB', 'constant.numeric.size.partition-yaml');
      assertScope(showcase, 'minimum: 512 MiB', '512 ', 'constant.numeric.size.partition-yaml');
      assertScope(showcase, 'minimum: 512 MiB', 'MiB', 'keyword.other.unit.partition-yaml');
      assertScope(showcase, 'startup: 2048MB', 'MB', 'keyword.other.unit.partition-yaml');
      assertScope(showcase, 'hostMemory: 1.5TiB', '1.5', 'constant.numeric.size.partition-yaml');
      assertScope(showcase, "rootMemoryMinimum: '4GiB'", '4', 'constant.numeric.size.partition-yaml');
      assertScope(showcase, "rootMemoryMinimum: '4GiB'", '4', 'string.quoted.single.yaml');
      assertScope(showcase, 'low: 128MiB,', 'MiB', 'keyword.other.unit.partition-yaml');
      assertScope(showcase, 'low: 128MiB,', 'MiB', 'meta.flow-mapping.yaml');
    });

    it('scopes PCI addresses, quoted and inside a flow mapping', () => {
      assertScope(showcase, 'address: "0000:03:00.0"', '0000:03:00.0', 'constant.other.pci-address.partition-yaml');
      assertScope(showcase, 'address: "0000:03:00.0"', '0000:03:00.0', 'string.quoted.double.yaml');
      assertScope(showcase, 'address: 0000:65:00.0', '0000:65:00.0', 'constant.other.pci-address.partition-yaml');
    });

    it('scopes roles only as the value of role', () => {
      assertScope(showcase, 'role: root', 'root', 'constant.language.role.partition-yaml');
      assertScope(showcase, "role: 'child'", 'child', 'constant.language.role.partition-yaml');
      assertScope(showcase, "role: 'child'", 'child', 'string.quoted.single.yaml');
      assertNoScope(showcase, 'parent: root', 'root', 'constant.language');
      assertNoScope(showcase, '- name: root', 'root', 'constant.language');
      assertScope(showcase, '- name: root', 'root', 'string.unquoted.plain.out.yaml');
    });

    it('scopes device classes as the value of class and as the entries of synthetic (flow and block)', () => {
      assertScope(showcase, 'class: network', 'network', 'constant.language.device-class.partition-yaml');
      assertScope(showcase, 'class: "usb"', 'usb', 'constant.language.device-class.partition-yaml');
      assertScope(showcase, '{ id: gpu0, class: gpu,', 'gpu', 'constant.language.device-class.partition-yaml');
      assertScope(showcase, '- storage', 'storage', 'constant.language.device-class.partition-yaml', 'synthetic:');
      assertScope(showcase, 'synthetic: [storage, audio]', 'audio', 'constant.language.device-class.partition-yaml');
      assertScope(showcase, 'synthetic: [storage, audio]', 'audio', 'meta.flow-sequence.yaml');
      // a device id that is not a class stays a plain string
      assertNoScope(showcase, 'devices: [gpu0]', 'gpu0', 'constant.language');
    });

    it('scopes releases, models and the format version', () => {
      assertScope(showcase, 'release: ws2012r2', 'ws2012r2', 'constant.language.release.partition-yaml');
      assertScope(showcase, 'model: microkernelized', 'microkernelized', 'constant.language.model.partition-yaml');
      assertScope(showcase, 'layout: v1', 'v1', 'constant.language.format-version.partition-yaml');
    });

    it('scopes switch types, location paths and the keys of switches, network adapters, GPU partitions and low MMIO', () => {
      assertScope(showcase, 'type: external', 'external', 'constant.language.switch-type.partition-yaml');
      assertScope(showcase, "type: 'private'", 'private', 'constant.language.switch-type.partition-yaml');
      assertScope(showcase, "type: 'private'", 'private', 'meta.flow-mapping.yaml');
      assertScope(showcase, 'locationPath: PCIROOT(0)#PCI(0300)#PCI(0001)', 'PCIROOT(0)#PCI(0300)#PCI(0001)', 'constant.other.location-path.partition-yaml');
      assertScope(showcase, 'locationPath: "PCIROOT(0)#PCI(6500)#PCI(0000)"', 'PCIROOT(0)#PCI(6500)#PCI(0000)', 'constant.other.location-path.partition-yaml');
      assertScope(showcase, 'locationPath: "PCIROOT(0)#PCI(6500)#PCI(0000)"', 'PCIROOT(0)#PCI(6500)#PCI(0000)', 'string.quoted.double.yaml');
      assertNoScope(showcase, 'locationPath: PCIROOT(0)#PCI(0300)#PCI(0001)', 'PCIROOT(0)#PCI(0300)#PCI(0001)', 'comment');
      for (const [line, key] of [
        ['switches:', 'switches'],
        ['networkAdapters: [lan, lab]', 'networkAdapters'],
        ['gpuPartition: gpu1', 'gpuPartition'],
        ['gpuPartitions: 4', 'gpuPartitions'],
        ['mmioLow: 64MiB', 'mmioLow'],
        ['sriov: true', 'sriov'],
        ['type: external', 'type'],
      ]) assertScope(showcase, line, key, 'support.type.property-name.partition-yaml');
      assertScope(showcase, 'mmioLow: 64MiB', 'MiB', 'keyword.other.unit.partition-yaml');
      // switch names are names, not constants
      assertNoScope(showcase, 'networkAdapters: [lan, lab]', 'lan', 'constant.language');
    });

    it('scopes layout keys apart from unknown keys', () => {
      assertScope(showcase, 'layout: v1', 'layout', 'support.type.property-name.partition-yaml');
      assertScope(showcase, 'virtualProcessors: 8', 'virtualProcessors', 'support.type.property-name.partition-yaml');
      assertScope(showcase, 'vpOvercommitRatio: 4', 'vpOvercommitRatio', 'support.type.property-name.partition-yaml');
      assertScope(showcase, 'mmioSpace: {', 'mmioSpace', 'support.type.property-name.partition-yaml');
      assertScope(showcase, 'high: 512MiB', 'high', 'support.type.property-name.partition-yaml');
      assertScope(showcase, '"virtualizationStack": false', 'virtualizationStack', 'support.type.property-name.partition-yaml');
      assertScope(showcase, 'owner: lab-team', 'owner', 'entity.name.tag.yaml');
      assertNoScope(showcase, 'owner: lab-team', 'owner', 'support.type.property-name');
      assertScope(showcase, 'notes: |', 'notes', 'entity.name.tag.yaml');
      assertScope(showcase, "'label': ", 'label', 'entity.name.tag.yaml');
      assertScope(showcase, 'layout: v1', ':', 'punctuation.separator.key-value.mapping.yaml');
    });

    it('scopes comments, and partition-lint directives inside them', () => {
      assertScope(showcase, 'owner: lab-team', ' not a layout key: scoped as a plain YAML key', 'comment.line.number-sign.yaml');
      assertScope(showcase, 'owner: lab-team', '#', 'punctuation.definition.comment.yaml');
      const directive = '# partition-lint-disable-next-line vp-limit';
      assertScope(showcase, directive, 'partition-lint-disable-next-line', 'keyword.control.directive.partition-yaml');
      assertScope(showcase, directive, 'partition-lint-disable-next-line', 'comment.line.number-sign.yaml');
      assertScope(showcase, directive, 'vp-limit', 'constant.other.rule-id.partition-yaml');
      assertScope(showcase, directive, 'memory-limit', 'constant.other.rule-id.partition-yaml');
      assertNoScope(showcase, directive, '-- lab host, limits checked by hand', 'constant.other.rule-id');
      assertScope(showcase, '# partition-lint-disable-file', 'partition-lint-disable-file', 'keyword.control.directive.partition-yaml');
      assertScope(showcase, '# partition-lint-disable-file', 'size-unit-ambiguous', 'constant.other.rule-id.partition-yaml');
      // an ordinary comment that mentions no directive gets none
      const plain = showcase.find((l) => l.text.startsWith('# Grammar showcase'));
      assert.ok(plain && plain.tokens.every((t) => !t.scopes.some((s) => s.includes('directive'))));
    });

    it('scopes a quoted logical-processor range, and plain integers next to it', () => {
      assertScope(showcase, 'processorAffinity: [0, 1, "4-7"', '4-7', 'constant.numeric.range.partition-yaml');
      assertScope(showcase, 'processorAffinity: [0, 1, "4-7"', '4-7', 'string.quoted.double.yaml');
      assertScope(showcase, 'processorAffinity: [0, 1, "4-7"', '10-11', 'constant.numeric.range.partition-yaml');
      assertScope(showcase, 'processorAffinity: [0, 1, "4-7"', '1', 'constant.numeric.integer.yaml');
    });

    it('scopes anchors, aliases and tags', () => {
      assertScope(showcase, 'maximum: *hostmem', 'hostmem', 'variable.other.alias.yaml');
      assertScope(showcase, 'maximum: *hostmem', '*', 'punctuation.definition.alias.yaml');
      assertScope(showcase, 'memory: &hostmem 256GiB', 'hostmem', 'entity.name.type.anchor.yaml');
      assertScope(showcase, 'serial: !!str 12345', '!!str', 'storage.type.tag-handle.yaml');
    });

    it('scopes YAML scalars: booleans, null, numbers, strings and escapes', () => {
      assertScope(showcase, 'iommu: TRUE', 'TRUE', 'constant.language.boolean.yaml');
      assertScope(showcase, 'driver: ~', '~', 'constant.language.null.yaml');
      assertScope(showcase, 'iommuGroup: null', 'null', 'constant.language.null.yaml');
      assertScope(showcase, 'logicalProcessors: 0x20', '0x20', 'constant.numeric.integer.yaml');
      assertScope(showcase, 'buffer: 2.5e1', '2.5e1', 'constant.numeric.float.yaml');
      // YAML 1.2: yes is a string, not a boolean
      assertScope(showcase, 'enlightened: yes', 'yes', 'string.unquoted.plain.out.yaml');
      assertScope(showcase, 'name: "showcase-host"', 'showcase-host', 'string.quoted.double.yaml');
      assertScope(showcase, "'label': ", '\\"', 'constant.character.escape.yaml');
      assertScope(showcase, "'label': ", '\\t', 'constant.character.escape.yaml');
    });

    it('scopes block scalars up to the first line indented no deeper than their key', () => {
      assertScope(showcase, 'notes: |', '|', 'keyword.control.flow.block-scalar.yaml');
      assertScope(showcase, 'Front-panel USB controller.', '        Front-panel USB controller.', 'string.unquoted.block.yaml');
      assertScope(showcase, 'Indented line: still part', '          Indented line: still part of the block scalar.', 'string.unquoted.block.yaml');
      // the next key is a key again, not text of the scalar
      assertScope(showcase, 'serial: !!str 12345', 'serial', 'entity.name.tag.yaml');
      assertScope(showcase, 'description: >-', '-', 'storage.modifier.block-scalar-indicator.yaml');
      assertScope(showcase, 'spanning two lines.', '      spanning two lines.', 'string.unquoted.block.yaml');
      assertScope(showcase, "- name: 'render01'", 'name', 'support.type.property-name.partition-yaml');
    });

    it('scopes document markers and the YAML directive', () => {
      assertScope(showcase, '---', '---', 'entity.other.document.begin.yaml');
      assertScope(showcase, '...', '...', 'entity.other.document.end.yaml');
      assertScope(showcase, '%YAML 1.2', 'YAML', 'keyword.other.directive.yaml');
    });

    it('ends a flow mapping that spans lines at its closing brace', () => {
      assertScope(showcase, 'high: 512MiB', 'high', 'meta.flow-mapping.yaml');
      assertNoScope(showcase, '"virtualizationStack": false', 'virtualizationStack', 'meta.flow-mapping');
    });
  });

  describe('YAML constructs outside the fixtures', () => {
    it('does not take a block-context comma or a mid-scalar # for structure', () => {
      const lines = tokenize(grammar, 'os: Windows, Server 2025 [core]\nname: root#1 # note\nmemory: 512MiB, spare');
      assertScope(lines, 'os:', 'Windows, Server 2025 [core]', 'string.unquoted.plain.out.yaml');
      assertScope(lines, 'name:', 'root#1', 'string.unquoted.plain.out.yaml');
      assertScope(lines, 'name:', ' note', 'comment.line.number-sign.yaml');
      assertScope(lines, 'memory:', '512MiB, spare', 'string.unquoted.plain.out.yaml');
    });

    it('ends a block scalar under "- key: |" at the item\'s next key, and one at column 0 at the next top-level key', () => {
      const lines = tokenize(grammar, ['- notes: |', '    text', '  role: child', 'top: >', '  folded', 'next: 1'].join('\n'));
      assertScope(lines, '    text', '    text', 'string.unquoted.block.yaml');
      assertScope(lines, '  role: child', 'child', 'constant.language.role.partition-yaml');
      assertScope(lines, '  folded', '  folded', 'string.unquoted.block.yaml');
      assertScope(lines, 'next: 1', 'next', 'entity.name.tag.yaml');
    });

    it('scopes a merge key as an ordinary key (it is not part of YAML 1.2) and unquoted "4-7" as a range', () => {
      const lines = tokenize(grammar, '<<: *base\nprocessorAffinity:\n  - 4-7');
      assertScope(lines, '<<', '<<', 'entity.name.tag.yaml');
      assertScope(lines, '- 4-7', '4-7', 'constant.numeric.range.partition-yaml');
    });
  });

  describe('every fixture', () => {
    const clean = [...filesUnder('test-fixtures/valid', '.partition.yaml'), ...filesUnder('test-fixtures/grammar', '.partition.yaml')];
    const all = filesUnder('test-fixtures', '.yaml').filter((f) => fs.statSync(path.join(repoRoot, f)).size < 1_000_000);

    it('has valid and grammar fixtures to check', () => {
      assert.ok(clean.length >= 5, `only ${clean.length} fixtures found`);
    });

    it('tokenizes every line of every fixture without stopping early', () => {
      for (const file of all) {
        // VS Code does not tokenize lines longer than editor.maxTokenizationLineLength (20,000)
        const text = readText(file)
          .split(/\r?\n/)
          .filter((l) => l.length <= 20_000)
          .join('\n');
        tokenize(grammar, text).forEach((l, i) => assert.ok(!l.stoppedEarly, `${file}:${i + 1}: tokenization stopped early`));
      }
    });

    it('gives every non-blank character of the valid and grammar fixtures a scope, none of them invalid', () => {
      for (const file of clean) {
        tokenize(grammar, readText(file)).forEach((line, i) => {
          for (const t of line.tokens) {
            assert.ok(t.scopes[0] === SCOPE, `${file}:${i + 1}: token outside ${SCOPE}`);
            if (t.text.trim() !== '') assert.ok(t.scopes.length > 1, `${file}:${i + 1}: ${JSON.stringify(t.text)} has no scope`);
            assert.ok(!t.scopes.some((s) => s.startsWith('invalid')), `${file}:${i + 1}: ${JSON.stringify(t.text)} is ${t.scopes.join(' ')}`);
          }
        });
      }
    });

    it('returns to the top level after each top-level section key of the valid layouts (no region leaks)', () => {
      for (const file of filesUnder('test-fixtures/valid', '.partition.yaml')) {
        const lines = tokenize(grammar, readText(file));
        const sections = lines.filter((l) => /^[A-Za-z]\w*:\s*(#.*)?$/.test(l.text));
        assert.ok(sections.length >= 3, `${file}: expected the hypervisor, host and partitions sections`);
        for (const l of sections) assert.equal(l.depthAfter, 1, `${file}: ${JSON.stringify(l.text)} left a region open`);
      }
    });
  });

  describe('the grammar file', () => {
    interface RawRule {
      match?: string;
      begin?: string;
      end?: string;
      include?: string;
      patterns?: RawRule[];
      captures?: Record<string, RawRule>;
      beginCaptures?: Record<string, RawRule>;
      endCaptures?: Record<string, RawRule>;
    }
    interface RawGrammar extends RawRule {
      scopeName: string;
      repository: Record<string, RawRule>;
    }
    const raw = readJson<RawGrammar>(GRAMMAR_PATH);
    const rules = (): RawRule[] => {
      const out: RawRule[] = [];
      const walk = (r: RawRule): void => {
        out.push(r);
        for (const p of r.patterns ?? []) walk(p);
        for (const c of [r.captures, r.beginCaptures, r.endCaptures]) for (const v of Object.values(c ?? {})) walk(v);
      };
      walk(raw);
      Object.values(raw.repository).forEach(walk);
      return out;
    };

    it('is what syntaxes/build-grammar.mjs generates from the layout schema', () => {
      const run = spawnSync(process.execPath, [path.join(repoRoot, 'syntaxes/build-grammar.mjs'), '--check'], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
    });

    it('is the scope package.json contributes for partition-yaml', () => {
      const pkg = readJson<{ contributes: { grammars: { language: string; scopeName: string; path: string }[] } }>('package.json');
      const contributed = pkg.contributes.grammars.find((g) => g.language === 'partition-yaml');
      assert.ok(contributed);
      assert.equal(contributed.scopeName, raw.scopeName);
      assert.equal(path.normalize(contributed.path), path.normalize(`./${GRAMMAR_PATH}`));
    });

    it('compiles every regular expression with Oniguruma', async () => {
      await loadOniguruma();
      for (const r of rules()) {
        // back-references in an end pattern are filled from the begin match before it is compiled
        for (const source of [r.match, r.begin, r.end?.replace(/\\[1-9]/g, '')]) {
          if (source === undefined) continue;
          assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), `does not compile: ${source}`);
        }
      }
    });

    it('includes only rules its repository defines', () => {
      for (const r of rules()) {
        if (r.include === undefined || r.include === '$self' || r.include === '$base') continue;
        assert.ok(r.include.startsWith('#') && r.include.slice(1) in raw.repository, `dangling include ${r.include}`);
      }
    });

    it('knows exactly the property names of the layout schema as layout keys', () => {
      const keyRule = raw.repository.key.patterns?.[0]?.match ?? '';
      const list = /\(\?:([A-Za-z0-9|]+)\)/.exec(keyRule);
      assert.ok(list, `no key list in ${keyRule}`);
      const grammarKeys = new Set(list[1].split('|'));
      const schemaKeys = new Set<string>();
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const props = (node as { properties?: unknown }).properties;
          if (props && typeof props === 'object' && !Array.isArray(props)) for (const k of Object.keys(props)) schemaKeys.add(k);
          Object.values(node).forEach(walk);
        }
      };
      walk(readJson('schemas/partition-layout.schema.json'));
      assert.deepEqual([...grammarKeys].sort(), [...schemaKeys].sort());
    });
  });
});
