import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTERNAL_ERROR } from '../src/core/rules/internal-error';
import { MODEL_RULES } from '../src/core/rules/index';
import { validate, runRules } from '../src/core/validate';
import type { DiagnosticJson } from '../src/cli/diagnostic-json';
import { breakRule } from './fault/break-rule';
import { LspClient } from './lsp-harness';
import { fixture, repoRoot, runCli } from './support';

/** A rule that throws gives one internal-error finding naming it; every other rule's findings stay. */

const FILE = 'test-fixtures/rules/vp-overcommit/fires.partition.yaml';
const TEXT = fixture('rules', 'vp-overcommit', 'fires.partition.yaml');
const MESSAGE =
  "internal error in rule single-root: single-root fell over — this is a bug in partition-lint, not in the layout; the other rules' findings are still shown. Please report it with the layout at https://github.com/partition-layout/partition-layout/issues";
const OVERCOMMIT = 'vp-overcommit';
const faultEntry = (name: string): string => path.join(repoRoot, 'server', 'out', 'test', 'fault', `${name}.js`);

describe('a rule that throws', () => {
  it('becomes one internal-error finding at the top of the file; the other rules still report', () => {
    const repair = breakRule('single-root');
    try {
      const { findings } = validate(TEXT);
      assert.deepEqual(
        findings.map((f) => [f.rule, f.severity, f.range.start]),
        [
          [INTERNAL_ERROR, 'error', 0],
          [OVERCOMMIT, 'warning', TEXT.indexOf('partitions:')],
        ],
      );
      assert.equal(findings[0].message, MESSAGE);
    } finally {
      repair();
    }
    assert.deepEqual(validate(TEXT).findings.map((f) => f.rule), [OVERCOMMIT]);
  });

  it('drops what the failing rule reported before it threw', () => {
    const model = validate(TEXT).model;
    assert.ok(model);
    const halfDone = { id: 'half-done', severity: 'error' as const, summary: 'reports, then throws', check: (ctx: { report: (r: { start: number; end: number }, m: string) => void }) => {
      ctx.report({ start: 1, end: 2 }, 'a finding of a rule that then fails');
      throw new RangeError('index out of range');
    } };
    const findings = runRules(model, [halfDone, ...MODEL_RULES]);
    assert.deepEqual(findings.map((f) => f.rule), [INTERNAL_ERROR, OVERCOMMIT]);
    assert.match(findings[0].message, /^internal error in rule half-done: index out of range — this is a bug in partition-lint/);
  });

  it('is not hidden by a disable comment', () => {
    const repair = breakRule('single-root');
    try {
      const text = `# partition-lint-disable-file internal-error\n${TEXT}`;
      assert.ok(validate(text).findings.some((f) => f.rule === INTERNAL_ERROR));
    } finally {
      repair();
    }
  });

  it('partition-lint reports it with the other findings and exits 2', () => {
    const env = { BREAK_RULE: 'single-root' };
    const json = runCli(['--format', 'json', FILE], { entry: faultEntry('cli-with-broken-rule'), env });
    assert.equal(json.status, 2);
    assert.equal(json.stderr, '');
    const report = JSON.parse(json.stdout) as Array<{ diagnostics: DiagnosticJson[] }>;
    assert.deepEqual(
      report[0].diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`),
      ['1:1 error internal-error', '26:1 warning vp-overcommit'],
    );
    assert.equal(report[0].diagnostics[0].message, MESSAGE);

    const stylish = runCli([FILE], { entry: faultEntry('cli-with-broken-rule'), env });
    assert.equal(stylish.status, 2);
    assert.match(stylish.stdout, /^ {3}1:1 {2}error {4}internal error in rule single-root: single-root fell over — this is a bug in partition-lint/m);
    assert.match(stylish.stdout, /✖ 2 problems \(1 error, 1 warning, 0 infos\)/);
    assert.doesNotMatch(stylish.stderr, /\n\s+at /);

    const allocation = runCli(['allocation', FILE], { entry: faultEntry('cli-with-broken-rule'), env });
    assert.equal(allocation.status, 2);
    assert.match(allocation.stdout, /root/);
    assert.equal(allocation.stderr, `partition-lint: ${FILE}: ${MESSAGE}\n`);

    // the same entry without a broken rule: the usual result
    assert.equal(runCli([FILE], { entry: faultEntry('cli-with-broken-rule') }).status, 0);
  });

  it('the language server publishes it with the other diagnostics, and tells the user once', async () => {
    const client = await LspClient.start({ serverModule: faultEntry('server-with-broken-rule'), env: { BREAK_RULE: 'single-root' } });
    try {
      const uri = 'untitled:broken-rule.partition.yaml';
      await client.open(uri, TEXT, 1);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
        [
          [INTERNAL_ERROR, 1, 0, 0],
          [OVERCOMMIT, 2, 25, 0],
        ],
      );
      assert.equal(published.diagnostics[0].message, MESSAGE);
      await client.change(uri, 2, `${TEXT}# an edit\n`);
      await client.waitForDiagnostics(uri, (p) => p.version === 2 && p.diagnostics.length === 2);
      assert.deepEqual(client.shown, [`Partition Layout: ${MESSAGE} (details in the "Partition Layout" output)`]);
      assert.equal(client.logs.filter((m) => m === MESSAGE).length, 1, client.logs.join('\n'));
    } finally {
      await client.stop();
    }
  });
});

describe('the language server log', () => {
  it('starts with the server version, and logs each validation only at the verbose trace level', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    let trace = 'off';
    const client = await LspClient.start({ settings: () => ({ trace: { server: trace } }) });
    try {
      await client.waitFor(() => client.logs.find((m) => m.startsWith('partition-language-server ')), 'the start line');
      assert.match(client.logs[0], new RegExp(`^partition-language-server ${version.replace(/\./g, '\\.')} started \\(Node\\.js v\\d+`));
      const uri = 'untitled:log.partition.yaml';
      await client.open(uri, TEXT, 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.equal(client.logs.filter((m) => m.startsWith('validated ')).length, 0, client.logs.join('\n'));
      trace = 'verbose';
      await client.configurationChanged();
      await client.change(uri, 2, `${TEXT}# an edit\n`);
      await client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.equal(client.logs.filter((m) => m.startsWith(`validated ${uri} version 2 `)).length, 1, client.logs.join('\n'));
      assert.deepEqual(client.shown, []);
    } finally {
      await client.stop();
    }
  });
});
