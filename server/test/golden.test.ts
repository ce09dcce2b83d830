import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DRIFT_RULE_IDS } from '../src/core/rules/drift-rules';
import { ALL_RULES } from '../src/core/rules/index';
import type { DiagnosticJson } from '../src/cli/diagnostic-json';
import { fixturesDir, layoutFiles, repoRoot, runCli } from './support';

/**
 * The golden test: every fixture under valid/ and rules/ goes through the CLI's JSON output once and
 * must produce exactly the diagnostics written beside it in `<name>.expected.json`.
 * `UPDATE_GOLDEN=1 npm run test:unit` rewrites the expected files (review the diff!).
 */
describe('golden fixtures through the CLI (json)', () => {
  const dirs = ['valid', 'rules'].map((d) => path.join(fixturesDir, d));
  const files = dirs.flatMap((d) => layoutFiles(d));
  let results = new Map<string, DiagnosticJson[]>();

  before(() => {
    const run = runCli(['--format', 'json', ...files]);
    assert.equal(run.stderr, '', 'the CLI wrote to stderr');
    const parsed = JSON.parse(run.stdout) as Array<{ file: string; diagnostics: DiagnosticJson[] }>;
    results = new Map(parsed.map((r) => [path.relative(repoRoot, path.resolve(repoRoot, r.file)), r.diagnostics]));
  });

  for (const file of files) {
    it(file, () => {
      const expectedFile = path.join(repoRoot, file.replace(/\.partition\.yaml$/, '.expected.json'));
      const actual = results.get(file);
      assert.ok(actual, `no CLI result for ${file}`);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      assert.ok(fs.existsSync(expectedFile), `missing ${path.relative(repoRoot, expectedFile)}`);
      const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as DiagnosticJson[];
      assert.deepEqual(actual, expected);
    });
  }

  it('valid examples have no errors or warnings', () => {
    for (const file of layoutFiles(path.join(fixturesDir, 'valid'))) {
      const bad = (results.get(file) ?? []).filter((d) => d.severity !== 'info');
      assert.deepEqual(bad, [], file);
    }
  });

  describe('every rule has a fixture that fires it and a near miss that does not', () => {
    // the drift-* rules compare a layout with an inventory: drift.test.ts has their fixtures
    for (const rule of ALL_RULES.filter((r) => !DRIFT_RULE_IDS.has(r.id))) {
      it(rule.id, () => {
        const dir = path.join(fixturesDir, 'rules', rule.id);
        const all = fs.existsSync(dir) ? layoutFiles(dir) : [];
        const fires = all.filter((f) => path.basename(f).startsWith('fires'));
        const misses = all.filter((f) => path.basename(f).startsWith('near-miss'));
        assert.ok(fires.length > 0, `no test-fixtures/rules/${rule.id}/fires*.partition.yaml`);
        assert.ok(misses.length > 0, `no test-fixtures/rules/${rule.id}/near-miss*.partition.yaml`);
        for (const f of fires) {
          const hits = (results.get(f) ?? []).filter((d) => d.rule === rule.id);
          assert.ok(hits.length > 0, `${f} does not fire ${rule.id}`);
          for (const h of hits) assert.equal(h.severity, rule.severity, `${f}: default severity`);
        }
        for (const f of misses) assert.deepEqual((results.get(f) ?? []).filter((d) => d.rule === rule.id), [], `${f} fires ${rule.id}`);
      });
    }
  });
});
