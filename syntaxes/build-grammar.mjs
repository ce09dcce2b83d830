// Writes syntaxes/partition-yaml.tmLanguage.json: YAML 1.2 plus the scopes of the layout format, with
// the layout's keys and enums read from schemas/partition-layout.schema.json so that the two cannot drift.
//   node syntaxes/build-grammar.mjs           rewrite the grammar
//   node syntaxes/build-grammar.mjs --check   exit 1 when the committed grammar is not what this writes
// client/test/grammar.test.ts runs the check and tokenizes fixtures with the result.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(root, 'syntaxes', 'partition-yaml.tmLanguage.json');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'partition-layout.schema.json'), 'utf8'));

/** Every property name the schema declares, in document order. */
function propertyNames(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => propertyNames(n, out));
  else if (node && typeof node === 'object') {
    if (node.properties && typeof node.properties === 'object') Object.keys(node.properties).forEach((k) => out.add(k));
    Object.values(node).forEach((v) => propertyNames(v, out));
  }
  return out;
}

function enumOf(node, where) {
  if (!Array.isArray(node?.enum) || node.enum.length === 0) throw new Error(`schema: no enum at ${where}`);
  return node.enum.map(String);
}

const LAYOUT_KEYS = [...propertyNames(schema)];
const CLASSES = enumOf(schema.$defs?.deviceClass, '$defs.deviceClass');
const ROLES = enumOf(schema.$defs?.partition?.properties?.role, '$defs.partition.properties.role');
const MODELS = enumOf(schema.properties?.hypervisor?.properties?.model, 'properties.hypervisor.properties.model');
const RELEASES = enumOf(schema.properties?.hypervisor?.properties?.release, 'properties.hypervisor.properties.release');
const VERSIONS = enumOf(schema.properties?.layout, 'properties.layout');
const SWITCH_TYPES = enumOf(schema.$defs?.switch?.properties?.type, '$defs.switch.properties.type');
// host.paging and host.processorVendor (format revision 1.1, docs/format.md) get their scopes once the schema has them.
const optionalEnum = (node) => (Array.isArray(node?.enum) ? node.enum.map(String) : []);
const PAGING = optionalEnum(schema.properties?.host?.properties?.paging);
const VENDORS = optionalEnum(schema.properties?.host?.properties?.processorVendor);
/** The schema's pattern for a device's locationPath, without its anchors. */
const LOCATION_PATH = (() => {
  const pattern = schema.$defs?.device?.properties?.locationPath?.pattern;
  if (typeof pattern !== 'string' || !pattern.startsWith('^') || !pattern.endsWith('$')) throw new Error('schema: no anchored pattern at $defs.device.properties.locationPath');
  // Its groups become non-capturing: the captures of the rule that uses it are numbered around it.
  return pattern.slice(1, -1).replace(/(?<!\\)\((?!\?)/g, '(?:');
})();
const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'KB', 'MB', 'GB', 'TB'];

const BT = '`';
// Where a node may start: the line's start, after whitespace, or after a flow indicator.
const VS = String.raw`(?:^|(?<=[\s\[{,]))`;
// Where a scalar ends: in block context the line's end or a comment; in flow context also , ] }
const TERM = {
  block: String.raw`(?=[ \t]*$|[ \t]+#)`,
  flow: String.raw`(?=[ \t]*(?:$|[,\]}])|[ \t]+#)`,
};
// The ":" after a key.
const KEY_END = String.raw`[ \t]*(:)(?=[ \t]|$|[,\]}])`;
const INDICATOR_FIRST = String.raw`[^\s\-?:,\[\]{}#&*!|>'"%@` + BT + ']';
const PLAIN_KEY = `(?:${INDICATOR_FIRST}|[-?:](?=[^\\s,\\[\\]{}]))` + String.raw`(?:[^\s:,\[\]{}]|:(?=[^\s,\[\]{}])|[ \t]+(?=[^\s#:,\[\]{}]|:[^\s,\[\]{}]))*`;
const PLAIN = {
  block: `(?:${INDICATOR_FIRST}|[-?:](?=\\S))` + String.raw`(?:[^\s:]|:(?=\S)|[ \t]+(?=[^\s#:]|:\S))*`,
  flow: `(?:${INDICATOR_FIRST}|[-?:](?=[^\\s,\\[\\]{}]))` + String.raw`(?:[^\s:,\[\]{}]|:(?=[^\s,\[\]{}])|[ \t]+(?=[^\s#:,\[\]{}]|:[^\s,\[\]{}]))*`,
};
const QUOTED_KEY = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'`;
const BLOCK_SCALAR_INDICATOR = String.raw`(?:[!&]\S*[ \t]+){0,2}[|>](?:[1-9][-+]?|[-+][1-9]?)?[ \t]*(?:#.*)?$`;
const BLOCK_SCALAR_HEAD_KEYED = `(?:${PLAIN_KEY}|${QUOTED_KEY})[ \\t]*:[ \\t]+${BLOCK_SCALAR_INDICATOR}`;
const BLOCK_SCALAR_HEAD = `(?:(?:${PLAIN_KEY}|${QUOTED_KEY})[ \\t]*:[ \\t]+)?${BLOCK_SCALAR_INDICATOR}`;
/** An alternation of literal words, longest first (ws2008r2 before ws2008). */
const alt = (words) => `(?:${[...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|')})`;

const Q1 = { name: 'punctuation.definition.string.begin.yaml' };
const Q2 = { name: 'punctuation.definition.string.end.yaml' };
const DQ = { name: 'string.quoted.double.yaml' };
const SQ = { name: 'string.quoted.single.yaml' };
const COLON = { name: 'punctuation.separator.key-value.mapping.yaml' };
const LAYOUT_KEY = { name: 'support.type.property-name.partition-yaml' };

/** Shifts capture numbers of `extra` (relative to the body's first inner group = 1) by `by`. */
const shift = (extra, by) => Object.fromEntries(Object.entries(extra).map(([k, v]) => [Number(k) + by, v]));
const groups = (body) => (body.match(/\((?!\?)/g) ?? []).length;

/** A scalar of a given shape: plain, double-quoted or single-quoted (the quoted forms keep their string scope). */
function shaped(ctx, body, scope, extra = {}, comment) {
  const n = groups(body);
  const term = TERM[ctx];
  return {
    ...(comment ? { comment } : {}),
    patterns: [
      { match: `${VS}(${body})${term}`, captures: { 1: { name: scope }, ...shift(extra, 1) } },
      { match: `${VS}((")(${body})("))${term}`, captures: { 1: DQ, 2: Q1, 3: { name: scope }, ...shift(extra, 3), [4 + n]: Q2 } },
      { match: `${VS}((')(${body})('))${term}`, captures: { 1: SQ, 2: Q1, 3: { name: scope }, ...shift(extra, 3), [4 + n]: Q2 } },
    ],
  };
}

/** `key: value` where the value is one of an enum, plain or quoted. */
function enumKey(ctx, key, words, scope) {
  const head = `${VS}(${key})${KEY_END}[ \\t]+`;
  const w = alt(words);
  const term = TERM[ctx];
  return [
    { match: `${head}(${w})${term}`, captures: { 1: LAYOUT_KEY, 2: COLON, 3: { name: scope } } },
    { match: `${head}((")(${w})("))${term}`, captures: { 1: LAYOUT_KEY, 2: COLON, 3: DQ, 4: Q1, 5: { name: scope }, 6: Q2 } },
    { match: `${head}((')(${w})('))${term}`, captures: { 1: LAYOUT_KEY, 2: COLON, 3: SQ, 4: Q1, 5: { name: scope }, 6: Q2 } },
  ];
}

const layoutValue = (ctx) => ({
  comment: 'Keys whose values are enums of the format: the value gets a constant.language scope.',
  patterns: [
    ...enumKey(ctx, 'role', ROLES, 'constant.language.role.partition-yaml'),
    ...enumKey(ctx, 'class', CLASSES, 'constant.language.device-class.partition-yaml'),
    ...enumKey(ctx, 'model', MODELS, 'constant.language.model.partition-yaml'),
    ...enumKey(ctx, 'release', RELEASES, 'constant.language.release.partition-yaml'),
    ...enumKey(ctx, 'layout', VERSIONS, 'constant.language.format-version.partition-yaml'),
    ...enumKey(ctx, 'type', SWITCH_TYPES, 'constant.language.switch-type.partition-yaml'),
    ...(PAGING.length > 0 ? enumKey(ctx, 'paging', PAGING, 'constant.language.paging.partition-yaml') : []),
    ...(VENDORS.length > 0 ? enumKey(ctx, 'processorVendor', VENDORS, 'constant.language.processor-vendor.partition-yaml') : []),
  ],
});

const scalar = (ctx) => ({
  patterns: [
    shaped(ctx, String.raw`[0-9]+(?:\.[0-9]+)? ?` + `(${SIZE_UNITS.join('|')})`, 'constant.numeric.size.partition-yaml',
      { 1: { name: 'keyword.other.unit.partition-yaml' } }, 'A size: <number><unit>, binary units (KB/MB/GB/TB mean the same multiples).'),
    shaped(ctx, String.raw`[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[01][0-9a-fA-F]\.[0-7]`, 'constant.other.pci-address.partition-yaml', {},
      'A PCI address domain:bus:device.function.'),
    shaped(ctx, LOCATION_PATH, 'constant.other.location-path.partition-yaml', {}, 'A Windows PCI location path: PCIROOT(0)#PCI(0300)#PCI(0000).'),
    shaped(ctx, String.raw`[0-9]+-[0-9]+`, 'constant.numeric.range.partition-yaml', {}, 'An inclusive range of logical processors: "4-7".'),
    { match: `${VS}(?:null|Null|NULL|~)${TERM[ctx]}`, name: 'constant.language.null.yaml' },
    { match: `${VS}(?:true|True|TRUE|false|False|FALSE)${TERM[ctx]}`, name: 'constant.language.boolean.yaml' },
    { match: `${VS}(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)${TERM[ctx]}`, name: 'constant.numeric.integer.yaml' },
    {
      match: String.raw`${VS}(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))` + TERM[ctx],
      name: 'constant.numeric.float.yaml',
    },
    { include: '#string-double' },
    { include: '#string-single' },
  ],
});

const node = (ctx) => ({
  patterns: [
    ...(ctx === 'block' ? [{ include: '#sequence-item' }] : [{ include: '#comment' }]),
    { include: '#explicit-key' },
    { include: `#layout-value-${ctx}` },
    { include: '#synthetic-flow' },
    { include: '#key' },
    { include: '#properties' },
    { include: '#flow-collection' },
    { include: `#scalar-${ctx}` },
    { match: PLAIN[ctx], name: `string.unquoted.plain.${ctx === 'block' ? 'out' : 'in'}.yaml` },
  ],
});

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Partition Layout',
  scopeName: 'source.partition-yaml',
  fileTypes: ['partition.yaml'],
  comment: 'Generated by syntaxes/build-grammar.mjs from schemas/partition-layout.schema.json: edit the script, not this file. YAML 1.2 plus the partition layout format v1 (docs/format.md): layout keys, roles, device classes, releases, models, switch types, paging, processor vendors, sizes, PCI addresses, location paths, logical-processor ranges and partition-lint directives.',
  patterns: [
    { include: '#comment' },
    { include: '#document-marker' },
    { include: '#yaml-directive' },
    { include: '#block-scalar' },
    { include: '#synthetic-block' },
    { include: '#node-block' },
  ],
  repository: {
    comment: {
      comment: 'A comment starts with # at the line start or after whitespace.',
      begin: String.raw`(?:^|(?<=[ \t]))(#)`,
      beginCaptures: { 1: { name: 'punctuation.definition.comment.yaml' } },
      end: '$',
      name: 'comment.line.number-sign.yaml',
      patterns: [{ include: '#lint-directive' }],
    },
    'lint-directive': {
      comment: '# partition-lint-disable-next-line RULE[, RULE] -- reason   and   # partition-lint-disable-file RULE[, RULE]',
      begin: String.raw`(?<=^#|[ \t]#)[ \t]*(partition-lint-disable-(?:next-line|file))(?![\w-])`,
      beginCaptures: { 1: { name: 'keyword.control.directive.partition-yaml' } },
      end: '(?=$)',
      name: 'meta.directive.lint.partition-yaml',
      patterns: [
        { match: String.raw`(?<=[ \t])--.*$`, name: 'meta.directive.reason.partition-yaml' },
        { match: ',', name: 'punctuation.separator.rule.partition-yaml' },
        { match: String.raw`[^\s,]+`, name: 'constant.other.rule-id.partition-yaml' },
      ],
    },
    'document-marker': {
      patterns: [
        { match: String.raw`^---(?=[ \t]|$)`, name: 'entity.other.document.begin.yaml' },
        { match: String.raw`^\.\.\.(?=[ \t]|$)`, name: 'entity.other.document.end.yaml' },
      ],
    },
    'yaml-directive': {
      match: String.raw`^(%)([^\s#]+)([^#]*)`,
      name: 'meta.directive.yaml',
      captures: { 1: { name: 'punctuation.definition.directive.begin.yaml' }, 2: { name: 'keyword.other.directive.yaml' } },
    },
    'block-scalar': {
      comment: 'A line ending in | or > (after "- ", a key, a tag, an anchor): the following lines indented deeper than its node are the scalar.',
      patterns: [
        {
          comment: '- key: |   the scalar ends at a line indented no deeper than the key.',
          begin: String.raw`^([ \t]*)(?=-([ \t]+)` + BLOCK_SCALAR_HEAD_KEYED + ')',
          end: String.raw`^(?!\G)(?![ \t]*$)(?!\1[ \t]\2[ \t])`,
          patterns: [{ include: '#block-scalar-content' }],
        },
        {
          comment: 'key: |   or   - |   the scalar ends at a line indented no deeper than the line.',
          begin: String.raw`^([ \t]*)(?=(?:-[ \t]+)*` + BLOCK_SCALAR_HEAD + ')',
          end: String.raw`^(?!\G)(?![ \t]*$)(?!\1[ \t])`,
          patterns: [{ include: '#block-scalar-content' }],
        },
      ],
    },
    'block-scalar-content': {
      patterns: [
        { match: String.raw`^(?!\G).+$`, name: 'string.unquoted.block.yaml' },
        { include: '#comment' },
        {
          match: String.raw`(?<=[ \t]|^)([|>])([1-9][-+]?|[-+][1-9]?)?(?=[ \t]*(?:#|$))`,
          captures: { 1: { name: 'keyword.control.flow.block-scalar.yaml' }, 2: { name: 'storage.modifier.block-scalar-indicator.yaml' } },
        },
        { include: '#node-block' },
      ],
    },
    'synthetic-block': {
      comment: 'synthetic: its device classes, in a flow sequence or in a block sequence on the following lines.',
      begin: String.raw`^([ \t]*)(synthetic)` + KEY_END,
      beginCaptures: { 2: LAYOUT_KEY, 3: COLON },
      end: String.raw`^(?![ \t]*$|[ \t]*#|\1[ \t]|\1-(?:[ \t]|$))`,
      patterns: [
        { include: '#comment' },
        { include: '#device-class-block' },
        { include: '#device-class-flow-sequence' },
        { include: '$self' },
      ],
    },
    'synthetic-flow': {
      comment: 'synthetic: [classes] after "- " or inside a flow mapping.',
      begin: `${VS}(synthetic)${KEY_END}[ \\t]+(\\[)`,
      beginCaptures: { 1: LAYOUT_KEY, 2: COLON, 3: { name: 'punctuation.definition.sequence.begin.yaml' } },
      end: String.raw`(\])`,
      endCaptures: { 1: { name: 'punctuation.definition.sequence.end.yaml' } },
      contentName: 'meta.flow-sequence.yaml',
      patterns: [{ include: '#device-class-flow' }, { include: '#flow-sequence-content' }],
    },
    'device-class-flow-sequence': {
      begin: `${VS}(\\[)`,
      beginCaptures: { 1: { name: 'punctuation.definition.sequence.begin.yaml' } },
      end: String.raw`(\])`,
      endCaptures: { 1: { name: 'punctuation.definition.sequence.end.yaml' } },
      name: 'meta.flow-sequence.yaml',
      patterns: [{ include: '#device-class-flow' }, { include: '#flow-sequence-content' }],
    },
    'device-class-block': shaped('block', alt(CLASSES), 'constant.language.device-class.partition-yaml'),
    'device-class-flow': shaped('flow', alt(CLASSES), 'constant.language.device-class.partition-yaml'),
    'node-block': node('block'),
    'node-flow': node('flow'),
    'sequence-item': {
      match: String.raw`(?:^|(?<=[ \t]))-(?=[ \t]|$)`,
      name: 'punctuation.definition.block.sequence.item.yaml',
    },
    'explicit-key': {
      patterns: [
        { match: String.raw`(?:^|(?<=[ \t]))\?(?=[ \t]|$)`, name: 'punctuation.definition.key-value.begin.yaml' },
        { match: String.raw`(?:^|(?<=[\s\[{,"'])):(?=[ \t]|$|[,\]}])`, name: 'punctuation.separator.key-value.mapping.yaml' },
      ],
    },
    'layout-value-block': layoutValue('block'),
    'layout-value-flow': layoutValue('flow'),
    key: {
      patterns: [
        {
          comment: 'A property of the layout format (schemas/partition-layout.schema.json).',
          match: `${VS}(${alt(LAYOUT_KEYS)})${KEY_END}`,
          captures: { 1: LAYOUT_KEY, 2: COLON },
        },
        {
          match: `${VS}((")(${alt(LAYOUT_KEYS)})("))${KEY_END}`,
          captures: { 1: DQ, 2: Q1, 3: LAYOUT_KEY, 4: Q2, 5: COLON },
        },
        {
          match: `${VS}((')(${alt(LAYOUT_KEYS)})('))${KEY_END}`,
          captures: { 1: SQ, 2: Q1, 3: LAYOUT_KEY, 4: Q2, 5: COLON },
        },
        {
          comment: 'Any other key (unknown to the format, or a merge key <<).',
          match: `${VS}(${PLAIN_KEY})${KEY_END}`,
          captures: { 1: { name: 'entity.name.tag.yaml' }, 2: COLON },
        },
        {
          match: String.raw`${VS}((")((?:[^"\\]|\\.)*)("))` + KEY_END,
          captures: { 1: DQ, 2: Q1, 3: { name: 'entity.name.tag.yaml' }, 4: Q2, 5: COLON },
        },
        {
          match: String.raw`${VS}((')((?:[^']|'')*)('))` + KEY_END,
          captures: { 1: SQ, 2: Q1, 3: { name: 'entity.name.tag.yaml' }, 4: Q2, 5: COLON },
        },
      ],
    },
    properties: {
      patterns: [
        {
          match: String.raw`${VS}!(?:<[^>\s]*>|[\w-]*!?[^\s\[\]{},!]*)(?=[ \t]|$|[,\]}])`,
          name: 'storage.type.tag-handle.yaml',
        },
        {
          match: String.raw`${VS}(&)([^\s\[\]{},]+)`,
          captures: { 1: { name: 'punctuation.definition.anchor.yaml' }, 2: { name: 'entity.name.type.anchor.yaml' } },
        },
        {
          match: String.raw`${VS}(\*)[^\s\[\]{},]+`,
          name: 'variable.other.alias.yaml',
          captures: { 1: { name: 'punctuation.definition.alias.yaml' } },
        },
      ],
    },
    'flow-collection': {
      patterns: [{ include: '#flow-sequence' }, { include: '#flow-mapping' }],
    },
    'flow-sequence': {
      begin: String.raw`${VS}(\[)`,
      beginCaptures: { 1: { name: 'punctuation.definition.sequence.begin.yaml' } },
      end: String.raw`(\])`,
      endCaptures: { 1: { name: 'punctuation.definition.sequence.end.yaml' } },
      name: 'meta.flow-sequence.yaml',
      patterns: [{ include: '#flow-sequence-content' }],
    },
    'flow-sequence-content': {
      patterns: [{ match: ',', name: 'punctuation.separator.sequence.yaml' }, { include: '#node-flow' }],
    },
    'flow-mapping': {
      begin: String.raw`${VS}(\{)`,
      beginCaptures: { 1: { name: 'punctuation.definition.mapping.begin.yaml' } },
      end: String.raw`(\})`,
      endCaptures: { 1: { name: 'punctuation.definition.mapping.end.yaml' } },
      name: 'meta.flow-mapping.yaml',
      patterns: [{ match: ',', name: 'punctuation.separator.mapping.yaml' }, { include: '#node-flow' }],
    },
    'scalar-block': scalar('block'),
    'scalar-flow': scalar('flow'),
    'string-double': {
      begin: `${VS}(")`,
      beginCaptures: { 1: Q1 },
      end: '(")',
      endCaptures: { 1: Q2 },
      name: 'string.quoted.double.yaml',
      patterns: [
        { match: String.raw`\\(?:[0abtnvfre "/\\N_LP\t]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})`, name: 'constant.character.escape.yaml' },
        { match: String.raw`\\.`, name: 'invalid.illegal.escape.yaml' },
      ],
    },
    'string-single': {
      begin: `${VS}(')`,
      beginCaptures: { 1: Q1 },
      end: "(')(?!')",
      endCaptures: { 1: Q2 },
      name: 'string.quoted.single.yaml',
      patterns: [{ match: "''", name: 'constant.character.escape.single-quote.yaml' }],
    },
  },
};

const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUTPUT, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    console.error(`${OUTPUT} is out of date: run node syntaxes/build-grammar.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(OUTPUT, text);
}
