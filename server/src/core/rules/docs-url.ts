/** Where each rule's documentation page lives (docs/rules/<id>.md in the repository). */
const RULE_DOCS_BASE = 'https://github.com/partition-layout/partition-layout/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}
