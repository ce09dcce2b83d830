import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPTIONS } from '../src/cli/args';
import { COMMANDS } from '../src/cli/commands';
import type { DiagnosticJson } from '../src/cli/diagnostic-json';
import { repoRoot, runCli, type CliRun } from './support';

/** Severities (--rule, --config, the nearest .partition-lint.yaml), --max-warnings, --quiet, usage errors, --help, --version. */

const CLI = 'test-fixtures/cli';
const PROBLEMS = `${CLI}/problems.partition.yaml`;
const CLEAN = `${CLI}/clean.partition.yaml`;
const WARNING = `${CLI}/warning-only.partition.yaml`;
const NEAREST = `${CLI}/nearest-config/deep/problems.partition.yaml`;

function diagnostics(run: CliRun, i = 0): string[] {
  const report = JSON.parse(run.stdout) as Array<{ diagnostics: DiagnosticJson[] }>;
  return report[i].diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`);
}

function usageError(run: CliRun, line: string): void {
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `partition-lint: ${line}\n`);
}

describe('--rule RULE=SEVERITY', () => {
  it('changes a rule\'s severity, and the exit code follows', () => {
    const run = runCli(['--format', 'json', '--rule', 'schema=warning', PROBLEMS]);
    assert.deepEqual(diagnostics(run), ['10:3 warning unused-disable', '13:5 warning schema', '16:5 warning schema', '17:13 warning schema']);
    assert.equal(run.status, 0);
  });

  it('turns rules off, repeatably (also as -r and --rule=)', () => {
    const run = runCli(['--format', 'json', '-r', 'schema=off', '--rule=unused-disable=info', PROBLEMS]);
    assert.deepEqual(diagnostics(run), ['10:3 info unused-disable']);
    assert.equal(run.status, 0);
  });

  it('rejects an unknown rule with a suggestion', () => {
    usageError(runCli(['--rule', 'shema=off', CLEAN]), '--rule "shema=off": unknown rule "shema" — did you mean "schema"?');
  });

  it('rejects an unknown severity with a suggestion', () => {
    usageError(runCli(['--rule', 'schema=warn', CLEAN]), '--rule "schema=warn": unknown severity "warn" — did you mean "warning"?; use off, info, warning or error');
  });

  it('explains the RULE=SEVERITY form', () => {
    usageError(runCli(['--rule', 'schema', CLEAN]), '--rule "schema": write RULE=SEVERITY, e.g. --rule schema=error');
  });
});

describe('config files', () => {
  it('uses the nearest .partition-lint.yaml above each file', () => {
    const run = runCli(['--format', 'json', NEAREST, PROBLEMS]);
    assert.equal(run.stderr, '');
    // nearest-config/.partition-lint.yaml: schema problems are warnings there, errors elsewhere
    assert.deepEqual(diagnostics(run, 0), ['10:3 warning unused-disable', '13:5 warning schema', '16:5 warning schema', '17:13 warning schema']);
    assert.deepEqual(diagnostics(run, 1), ['10:3 warning unused-disable', '13:5 error schema', '16:5 error schema', '17:13 error schema']);
    assert.equal(run.status, 1);
  });

  it('lets --rule win over the config file', () => {
    const run = runCli(['--format', 'json', '--rule', 'schema=error', NEAREST]);
    assert.deepEqual(diagnostics(run), ['10:3 warning unused-disable', '13:5 error schema', '16:5 error schema', '17:13 error schema']);
    assert.equal(run.status, 1);
  });

  it('uses --config FILE for every file instead of the nearest one', () => {
    const run = runCli(['--format', 'json', '--config', `${CLI}/strict-config.yaml`, NEAREST, PROBLEMS]);
    assert.deepEqual(diagnostics(run, 0), ['10:3 error unused-disable']);
    assert.deepEqual(diagnostics(run, 1), ['10:3 error unused-disable']);
    assert.equal(run.status, 1);
  });

  it('exits 2 when --config names a file that does not exist', () => {
    const run = runCli(['--config', 'nope.yaml', CLEAN]);
    usageError(run, 'cannot read config file nope.yaml: no such file or directory');
    usageError(runCli(['--config', CLI, CLEAN]), `--config ${CLI} is a folder; name the config file itself (e.g. ${path.join(CLI, '.partition-lint.yaml')})`);
  });

  it('exits 2 without a stack trace for a config with an unknown rule, and still checks the other files', () => {
    const run = runCli([`${CLI}/bad-config/clean.partition.yaml`, CLEAN]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `partition-lint: ${path.join(CLI, 'bad-config', '.partition-lint.yaml')}: unknown rule "shema" — did you mean "schema"?\n`);
    assert.equal(run.stdout, '✔ 1 file checked, no problems\n');
  });

  it('exits 2 for --config with an unknown rule', () => {
    const file = path.join(repoRoot, CLI, 'bad-config', '.partition-lint.yaml');
    usageError(runCli(['--config', file, CLEAN]), `${file}: unknown rule "shema" — did you mean "schema"?`);
  });
});

describe('--max-warnings and --quiet', () => {
  it('exits 1 when warnings pass --max-warnings, and says why', () => {
    const run = runCli(['--max-warnings', '0', WARNING]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'partition-lint: 1 warning found, more than --max-warnings 0 allows\n');
    assert.match(run.stdout, /unused-disable/);
  });

  it('exits 0 when warnings are within --max-warnings', () => {
    const run = runCli(['--max-warnings=1', WARNING]);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });

  it('rejects a --max-warnings that is not a number', () => {
    usageError(runCli(['--max-warnings', 'few', WARNING]), '--max-warnings needs a whole number of warnings, not "few"');
  });

  it('--quiet reports errors only', () => {
    const run = runCli(['--quiet', PROBLEMS]);
    assert.equal(run.status, 1);
    assert.doesNotMatch(run.stdout, /warning {2}/);
    assert.match(run.stdout, /✖ 3 problems \(3 errors, 0 warnings, 0 infos\)/);
    const json = runCli(['-q', '--format', 'json', PROBLEMS]);
    assert.deepEqual(diagnostics(json), ['13:5 error schema', '16:5 error schema', '17:13 error schema']);
  });

  it('--quiet takes the exit code from errors only', () => {
    const run = runCli(['--quiet', '--max-warnings', '0', WARNING]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '✔ 1 file checked, no problems\n');
  });
});

describe('usage errors, --help, --version', () => {
  it('rejects an unknown option with a suggestion', () => {
    usageError(runCli(['--formt', 'json', CLEAN]), 'unknown option "--formt" — did you mean "--format"?');
    usageError(runCli(['-x', CLEAN]), 'unknown option "-x"');
  });

  it('rejects an unknown format', () => {
    usageError(runCli(['--format', 'xml', CLEAN]), 'unknown format "xml" for check: use stylish, json, sarif, github, junit');
    usageError(runCli(['--format', 'sarf', CLEAN]), 'unknown format "sarf" for check: use stylish, json, sarif, github, junit — did you mean "sarif"?');
    usageError(runCli(['-format', 'json', CLEAN]), 'unknown option "-format" — did you mean "--format"?');
    usageError(runCli(['-qz', CLEAN]), 'unknown option "-z" in "-qz"');
  });

  it('rejects an option without its value', () => {
    usageError(runCli([CLEAN, '--format']), 'option --format needs a value: --format NAME');
  });

  it('needs at least one path', () => {
    usageError(runCli([]), 'no files to check: give layout files, folders or globs, or - for standard input (see --help)');
  });

  it('needs "-" for --stdin-filename', () => {
    usageError(runCli(['--stdin-filename', 'x.partition.yaml', CLEAN]), '--stdin-filename names standard input, but no "-" is among the paths: add - to read the layout from standard input');
  });

  it('--help shows the usage, every option and an example', () => {
    const run = runCli(['--help']);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Usage:\n {2}partition-lint \[check\] \[options\] PATH\.\.\./);
    assert.match(run.stdout, /partition-lint allocation \[options\] FILE/);
    for (const o of OPTIONS) assert.ok(run.stdout.includes(o.long), `--help does not mention ${o.long}`);
    for (const c of COMMANDS) assert.ok(run.stdout.includes(`  ${c.usage}`), `--help does not show the usage of ${c.name}`);
    assert.match(run.stdout, /Examples:\n {2}partition-lint layouts\//);
    assert.equal(runCli(['-h']).stdout, run.stdout);
  });

  it('--version prints the version of package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = runCli(['--version']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${pkg.version}\n`);
    assert.equal(runCli(['-V']).stdout, `${pkg.version}\n`);
  });
});
