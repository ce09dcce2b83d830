import type { RuleMeta } from './rule';

/** Rules reported by the parser, the schema and the suppression comments rather than by a model check. */
export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  severity: 'error',
  summary: 'The text is not well-formed YAML, is not UTF-8 text, holds more than one document, or expands aliases past the limit.',
};

export const duplicateKey: RuleMeta = {
  id: 'duplicate-key',
  severity: 'error',
  summary: 'A mapping repeats a key (the later value is used).',
};

export const schema: RuleMeta = {
  id: 'schema',
  severity: 'error',
  summary: 'The document violates the JSON Schema: a missing or unknown property, a wrong type, a bad enum value, size or PCI address.',
};

export const unusedDisable: RuleMeta = {
  id: 'unused-disable',
  severity: 'warning',
  summary: 'A rule named in a partition-lint-disable comment suppresses nothing, or is no rule.',
};
