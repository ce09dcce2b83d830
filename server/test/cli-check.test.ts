import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DiagnosticJson } from '../src/cli/diagnostic-json';
import { main } from '../src/cli/main';
import { fixture, repoRoot, runCli, type CliRun } from './support';

/** `partition-lint [check] PATH...`: what gets checked, exit codes, and bad input (README "Command line"; docs/decisions.md "Parsing and bad input"). */

type JsonReport = Array<{ file: string; diagnostics: DiagnosticJson[] }>;
const CLI = 'test-fixtures/cli';

function json(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

function noStackTrace(run: CliRun): void {
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'a stack trace reached the user');
  assert.doesNotMatch(run.stderr, /internal error/);
}

describe('partition-lint check: exit codes', () => {
  it('exits 0 and says so when there are no problems', () => {
    const run = runCli([`${CLI}/clean.partition.yaml`]);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '✔ 1 file checked, no problems\n');
    assert.equal(run.status, 0);
  });

  it('accepts the explicit "check" command', () => {
    const run = runCli(['check', `${CLI}/clean.partition.yaml`]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '✔ 1 file checked, no problems\n');
  });

  it('exits 1 when a file has errors', () => {
    const run = runCli([`${CLI}/clean.partition.yaml`, `${CLI}/problems.partition.yaml`]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.match(run.stdout, /✖ 4 problems \(3 errors, 1 warning, 0 infos\) in 1 of 2 files\n$/);
  });

  it('exits 0 with warnings only (no --max-warnings)', () => {
    const run = runCli([`${CLI}/warning-only.partition.yaml`]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /10:3 {2}warning {2}"partition-lint-disable-next-line schema" suppresses nothing/);
  });

  it('exits 1 on a YAML syntax error and reports only it', () => {
    const run = runCli(['--format', 'json', `${CLI}/syntax-error.partition.yaml`]);
    assert.equal(run.status, 1);
    assert.deepEqual(
      json(run)[0].diagnostics.map((d) => [d.rule, d.line, d.column]),
      [['yaml-syntax', 3, 7]],
    );
  });

  it('exits 2 for a path that does not exist, and still checks and reports the other files', () => {
    const run = runCli(['--format', 'json', `${CLI}/problems.partition.yaml`, `${CLI}/missing.partition.yaml`, `${CLI}/clean.partition.yaml`]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `partition-lint: cannot read ${CLI}/missing.partition.yaml: no such file or directory\n`);
    const report = json(run);
    assert.deepEqual(
      report.map((r) => r.file),
      [`${CLI}/problems.partition.yaml`, `${CLI}/clean.partition.yaml`],
    );
    assert.equal(report[0].diagnostics.filter((d) => d.severity === 'error').length, 3);
  });

  it('exits 2 without a stack trace for a folder that does not exist', () => {
    const run = runCli(['no/such/folder/']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'partition-lint: cannot read no/such/folder/: no such file or directory\n');
    noStackTrace(run);
  });
});

describe('partition-lint check: folders, globs, standard input', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lint-cli-'));
    const write = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
      fs.writeFileSync(path.join(tmp, rel), text);
    };
    write('tree/a.partition.yaml', fixture('cli', 'clean.partition.yaml'));
    write('tree/sub/deeper/b.partition.yaml', fixture('cli', 'problems.partition.yaml'));
    write('tree/sub/notes.yaml', 'not: a layout\n');
    write('tree/node_modules/pkg/c.partition.yaml', 'broken: [\n');
    write('tree/.git/d.partition.yaml', 'broken: [\n');
    write('broken-link/ok.partition.yaml', fixture('cli', 'clean.partition.yaml'));
    fs.symlinkSync(path.join(tmp, 'nowhere.partition.yaml'), path.join(tmp, 'broken-link', 'gone.partition.yaml'));
    fs.mkdirSync(path.join(tmp, 'empty'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('recurses into folders for *.partition.yaml, in name order, skipping node_modules and .git', () => {
    const run = runCli(['--format', 'json', 'tree'], { cwd: tmp });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.deepEqual(
      json(run).map((r) => r.file),
      [path.join('tree', 'a.partition.yaml'), path.join('tree', 'sub', 'deeper', 'b.partition.yaml')],
    );
  });

  it('reports a file found in a folder that cannot be read (a broken link), exits 2, and checks the rest', () => {
    const run = runCli(['broken-link'], { cwd: tmp });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `partition-lint: cannot read ${path.join('broken-link', 'gone.partition.yaml')}: no such file or directory (a symbolic link to a file that does not exist)\n`);
    assert.equal(run.stdout, '✔ 1 file checked, no problems\n');
  });

  it('exits 2 for a folder without layouts', () => {
    const run = runCli(['empty'], { cwd: tmp });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'partition-lint: no *.partition.yaml files in the folder empty\n');
  });

  it('expands globs (tinyglobby), sorted, each file once', () => {
    const run = runCli(['--format', 'json', `${CLI}/*.partition.yaml`, `${CLI}/clean.partition.yaml`]);
    assert.equal(run.stderr, '');
    assert.deepEqual(
      json(run).map((r) => r.file),
      ['clean', 'problems', 'syntax-error', 'warning-only'].map((n) => `${CLI}/${n}.partition.yaml`),
    );
  });

  it('expands ** globs into sub-folders', () => {
    const run = runCli(['--format', 'json', `${CLI}/**/problems.partition.yaml`]);
    assert.deepEqual(
      json(run).map((r) => r.file),
      [`${CLI}/nearest-config/deep/problems.partition.yaml`, `${CLI}/problems.partition.yaml`],
    );
  });

  it('exits 2 for a glob that matches nothing', () => {
    const run = runCli([`${CLI}/*.nothing.yaml`, `${CLI}/clean.partition.yaml`]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `partition-lint: no files match the pattern ${CLI}/*.nothing.yaml\n`);
    assert.equal(run.stdout, '✔ 1 file checked, no problems\n');
  });

  it('reads standard input for "-", named <stdin> by default', () => {
    const run = runCli(['--format', 'json', '-'], { input: fixture('cli', 'problems.partition.yaml') });
    assert.equal(run.status, 1);
    const report = json(run);
    assert.equal(report[0].file, '<stdin>');
    assert.deepEqual(
      report[0].diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`),
      ['10:3 unused-disable', '13:5 schema', '16:5 schema', '17:13 schema'],
    );
  });

  it('names standard input with --stdin-filename and looks up the config from its folder', () => {
    const name = `${CLI}/nearest-config/deep/typed.partition.yaml`;
    const run = runCli(['-', '--stdin-filename', name, '--format', 'json'], { input: fixture('cli', 'problems.partition.yaml') });
    assert.equal(run.stderr, '');
    const report = json(run);
    assert.equal(report[0].file, name);
    // nearest-config/.partition-lint.yaml makes schema problems warnings
    assert.deepEqual(
      report[0].diagnostics.map((d) => `${d.rule} ${d.severity}`),
      ['unused-disable warning', 'schema warning', 'schema warning', 'schema warning'],
    );
    assert.equal(run.status, 0);
  });
});

describe('partition-lint check: bytes that are not plain UTF-8 text', () => {
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lint-bytes-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const check = (name: string, bytes: Buffer): DiagnosticJson[] => {
    fs.writeFileSync(path.join(tmp, name), bytes);
    const run = runCli(['--format', 'json', name], { cwd: tmp });
    assert.equal(run.stderr, '');
    return json(run)[0].diagnostics;
  };

  it('reports invalid UTF-8 as yaml-syntax at the first bad byte (line and UTF-16 column)', () => {
    // "größe" holds two 2-byte characters before the bad byte 0xFF: byte 26 of the file, text column 14
    const bytes = Buffer.concat([Buffer.from('layout: v1\nname: "größe '), Buffer.from([0xff]), Buffer.from('"\n')]);
    const d = check('bad-utf8.partition.yaml', bytes);
    assert.equal(d.length, 1);
    assert.equal(d[0].rule, 'yaml-syntax');
    assert.equal(d[0].line, 2);
    assert.equal(d[0].column, 14);
    assert.match(d[0].message, /byte 0xFF here \(byte 26 of the file\) is not valid UTF-8/);
  });

  it('keeps columns right after a byte-order mark and with CRLF line endings', () => {
    const text = ['bogus: 1', 'layout: v1', 'name: x', 'hypervisor:', '  model: microkernelized', 'host:', '  logicalProcessors: 4', '  memory: 8GiB', '  colour: red', 'partitions:', '  - name: root', '    role: root', ''].join('\r\n');
    const d = check('bom-crlf.partition.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    assert.deepEqual(
      d.map((x) => [x.line, x.column, x.endLine, x.endColumn, x.rule]),
      [
        [1, 1, 1, 6, 'schema'],
        [9, 3, 9, 9, 'schema'],
      ],
    );
  });

  it('reports a binary file as yaml-syntax without crashing', () => {
    const d = check('binary.partition.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]));
    assert.equal(d[0].rule, 'yaml-syntax');
    assert.equal(d[0].severity, 'error');
  });

  it('checks an empty file', () => {
    const d = check('empty.partition.yaml', Buffer.alloc(0));
    assert.ok(d.length > 0, 'an empty file is not a layout');
    assert.ok(d.every((x) => x.line === 1));
  });
});

describe('partition-lint: the error boundary of main()', () => {
  it('turns an unexpected exception into one "please report" line and exit code 2', async () => {
    // in-process: an output stream that fails is the one way to make the CLI meet a bug on purpose
    const errors: string[] = [];
    const code = await main([`${CLI}/clean.partition.yaml`], {
      cwd: repoRoot,
      env: {},
      stdoutIsTTY: false,
      out: () => {
        throw new TypeError('stdout exploded');
      },
      error: (line) => errors.push(line),
      err: (text) => errors.push(text),
      readStdin: () => Promise.resolve(new Uint8Array()),
    });
    assert.equal(code, 2);
    assert.deepEqual(errors, ['internal error: stdout exploded — this is a bug in partition-lint, please report it with the command line and the file that caused it']);
  });
});
