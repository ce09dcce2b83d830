import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../src/core/rules/index';
import { withRulesTable } from '../src/core/rules/rules-table';
import { repoRoot } from './support';

describe('README and rule docs', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  it('the rules table matches the rule registry (run `npm run docs:rules` after changing a rule)', () => {
    assert.equal(readme, withRulesTable(readme));
  });

  it('the rules table lists every rule of docs/rules/ with its default severity', () => {
    for (const r of ALL_RULES) assert.ok(readme.includes(`| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} |`), r.id);
  });

  it('every rule has a docs page that names it, its severity, an example and a fix', () => {
    for (const r of ALL_RULES) {
      const file = path.join(repoRoot, 'docs', 'rules', `${r.id}.md`);
      assert.ok(fs.existsSync(file), `missing docs/rules/${r.id}.md`);
      const page = fs.readFileSync(file, 'utf8');
      assert.ok(page.startsWith(`# ${r.id}`), `${r.id}: title`);
      assert.match(page, new RegExp(`\\b${r.severity}\\b`), `${r.id}: severity`);
      assert.match(page, /```yaml/, `${r.id}: example`);
      assert.match(page, /fix/i, `${r.id}: how to fix`);
    }
  });

  it('every rule page has a Source section that cites what the rule rests on', () => {
    for (const r of ALL_RULES) {
      const page = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', `${r.id}.md`), 'utf8');
      const source = /^## Source\n\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(page)?.[1];
      assert.ok(source, `${r.id}: no "## Source" section`);
      // Microsoft's documentation by repository path or URL, a YAML or PowerShell reference, or the
      // plain statement that the rule checks the file itself and rests on no Hyper-V fact.
      assert.match(source, /MicrosoftDocs\/|learn\.microsoft\.com|yaml\.org|rests on no Hyper-V fact/, `${r.id}: the Source section cites nothing`);
    }
  });

  it('opens with the two set-up commands', () => {
    const block = /^# Partition Layout\n\n```sh\n(.*)\n(.*)\n```/m.exec(readme);
    assert.ok(block, 'two commands right under the title');
    assert.match(block[1], /^npm ci && npm run main\b/);
    assert.match(block[2], /^bash scripts\/setup\.sh && npm test\b/);
  });
});
