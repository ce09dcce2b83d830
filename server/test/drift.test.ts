import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DiagnosticJson } from '../src/cli/diagnostic-json';
import { DRIFT_RULES } from '../src/core/rules/drift-rules';
import { fixturesDir, repoRoot, runCli } from './support';

/**
 * `partition-lint drift FILE --inventory INVENTORY`: each drift-* rule has a layout that fires it and a
 * near miss (test-fixtures/drift/<rule>/), compared with test-fixtures/inventory/host-ws2025-ps51 (the
 * host that test-fixtures/drift/matches.partition.yaml was imported from). The expected diagnostics
 * are beside each fixture; `UPDATE_GOLDEN=1` rewrites them (review the diff).
 */

const INVENTORY = 'test-fixtures/inventory/host-ws2025-ps51.inventory.json';
const MATCHES = 'test-fixtures/drift/matches.partition.yaml';
const driftJson = (file: string, ...more: string[]): { status: number | null; diagnostics: DiagnosticJson[]; stderr: string } => {
  const run = runCli(['drift', file, '--inventory', INVENTORY, '--format', 'json', ...more]);
  const parsed = JSON.parse(run.stdout) as Array<{ file: string; diagnostics: DiagnosticJson[] }>;
  assert.equal(parsed.length, 1);
  return { status: run.status, diagnostics: parsed[0].diagnostics, stderr: run.stderr };
};

describe('partition-lint drift: every drift rule fires on its fixture, not on its near miss', () => {
  for (const rule of DRIFT_RULES) {
    it(rule.id, () => {
      const dir = path.join(fixturesDir, 'drift', rule.id);
      for (const kind of ['fires', 'near-miss']) {
        const file = path.relative(repoRoot, path.join(dir, `${kind}.partition.yaml`));
        const run = driftJson(file);
        assert.equal(run.stderr, '');
        const expectedFile = path.join(dir, `${kind}.expected.json`);
        if (process.env.UPDATE_GOLDEN) fs.writeFileSync(expectedFile, `${JSON.stringify(run.diagnostics, null, 2)}\n`);
        assert.deepEqual(run.diagnostics, JSON.parse(fs.readFileSync(expectedFile, 'utf8')), file);
        if (kind === 'fires') {
          assert.ok(run.diagnostics.length > 0, `${file} fires nothing`);
          for (const d of run.diagnostics) assert.equal(d.rule, rule.id, `${file} fires only ${rule.id}`);
          for (const d of run.diagnostics) assert.equal(d.severity, 'error');
          assert.equal(run.status, 1);
        } else {
          assert.deepEqual(run.diagnostics, [], `${file} fires ${rule.id}`);
          assert.equal(run.status, 0);
        }
      }
    });
  }
});

describe('partition-lint import, then drift against the same host', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const inventory of ['host-ws2025-ps51', 'host-ws2025-ps7', 'host-ws2022-ps7', 'single-objects', 'value-count', 'extra-and-missing']) {
    it(`${inventory}: no findings`, () => {
      const inv = path.join(fixturesDir, 'inventory', `${inventory}.inventory.json`);
      const out = path.join(tmp, `${inventory}.partition.yaml`);
      const imported = runCli(['import', inv, '--output', out]);
      assert.equal(imported.status, 0, imported.stderr);
      const run = runCli(['drift', out, '--inventory', inv]);
      assert.equal(run.stdout, '✔ 1 file checked, no problems\n');
      assert.equal(run.status, 0);
    });
  }

  it('the committed matches.partition.yaml is what import writes today', () => {
    const run = runCli(['import', INVENTORY]);
    assert.equal(run.stdout, fs.readFileSync(path.join(repoRoot, MATCHES), 'utf8').replace(/^# Imported by partition-lint from .*\n/, (line) => line));
  });
});

describe('partition-lint drift: formats, severities, suppression, exit codes', () => {
  const FIRES = 'test-fixtures/drift/drift-mmio/fires.partition.yaml';

  it('stylish: the finding on the layout line, what the host has, the rule', () => {
    const run = runCli(['drift', FIRES, '--inventory', INVENTORY]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /\n +118:12 +error +Partition "render01" has mmioSpace\.low 1 GiB in the layout; VM "render01" has 3 GiB on the host \(LowMemoryMappedIoSpace\)\. +drift-mmio\n/);
  });

  it('github, sarif and junit carry the rule and the message', () => {
    const github = runCli(['drift', FIRES, '--inventory', INVENTORY, '--format', 'github']);
    assert.equal(github.status, 1);
    assert.match(github.stdout, /^::error file=test-fixtures\/drift\/drift-mmio\/fires\.partition\.yaml,line=118,col=12,endLine=118,endColumn=16,title=drift-mmio::Partition "render01" has mmioSpace\.low 1 GiB/m);
    const sarif = JSON.parse(runCli(['drift', FIRES, '--inventory', INVENTORY, '--format', 'sarif']).stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string }> }>;
    };
    const result = sarif.runs[0].results[0];
    assert.equal(result.ruleId, 'drift-mmio');
    assert.equal(result.level, 'error');
    assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'drift-mmio');
    const junit = runCli(['drift', FIRES, '--inventory', INVENTORY, '--format', 'junit']).stdout;
    assert.match(junit, /<failure [^>]*drift-mmio/);
  });

  it('--rule changes a drift rule\'s severity; a warning exits 0', () => {
    const run = driftJson(FIRES, '--rule', 'drift-mmio=warning');
    assert.deepEqual(
      run.diagnostics.map((d) => [d.rule, d.severity, d.line]),
      [['drift-mmio', 'warning', 118]],
    );
    assert.equal(run.status, 0);
    assert.equal(driftJson(FIRES, '--rule', 'drift-mmio=warning', '--max-warnings', '0').status, 1);
  });

  it('.partition-lint.yaml turns a drift rule off; a suppression comment silences one line', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-config-'));
    try {
      const layout = fs.readFileSync(path.join(repoRoot, FIRES), 'utf8');
      fs.writeFileSync(path.join(tmp, 'host.partition.yaml'), layout);
      fs.writeFileSync(path.join(tmp, '.partition-lint.yaml'), 'rules:\n  drift-mmio: off\n');
      const off = runCli(['drift', path.join(tmp, 'host.partition.yaml'), '--inventory', path.join(repoRoot, INVENTORY)]);
      assert.equal(off.status, 0);
      fs.rmSync(path.join(tmp, '.partition-lint.yaml'));
      fs.writeFileSync(path.join(tmp, 'host.partition.yaml'), layout.replace('      low: 1GiB\n', '      # partition-lint-disable-next-line drift-mmio -- being changed\n      low: 1GiB\n'));
      const suppressed = runCli(['drift', path.join(tmp, 'host.partition.yaml'), '--inventory', path.join(repoRoot, INVENTORY)]);
      assert.equal(suppressed.status, 0);
      // check alone does not call that comment unused: drift-mmio is drift's to suppress
      const check = runCli(['--format', 'json', path.join(tmp, 'host.partition.yaml')]);
      const found = (JSON.parse(check.stdout) as Array<{ diagnostics: DiagnosticJson[] }>)[0].diagnostics;
      assert.deepEqual(
        found.filter((d) => d.rule === 'unused-disable'),
        [],
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('usage errors and unreadable inventories: exit 2, one line, no stack trace', () => {
    const noInventory = runCli(['drift', MATCHES]);
    assert.equal(noInventory.status, 2);
    assert.equal(noInventory.stderr, `partition-lint: drift needs the host's inventory: partition-lint drift ${MATCHES} --inventory INVENTORY\n`);
    for (const bad of ['truncated-depth', 'not-json', 'wrong-schema', 'missing-vmhost']) {
      const run = runCli(['drift', MATCHES, '--inventory', `test-fixtures/inventory/${bad}.inventory.json`]);
      assert.equal(run.status, 2, bad);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, new RegExp(`^partition-lint: test-fixtures/inventory/${bad}\\.inventory\\.json[ :]`), bad);
      assert.equal(run.stderr.split('\n').length, 2, `${bad}: one line`);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
    const missing = runCli(['drift', MATCHES, '--inventory', 'nope.json']);
    assert.equal(missing.stderr, 'partition-lint: cannot read nope.json: no such file or directory\n');
    assert.equal(missing.status, 2);
  });
});
