import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { DiagnosticJson } from '../src/cli/diagnostic-json';
import { ALL_RULES } from '../src/core/rules/index';
import { ruleDocsUrl } from '../src/core/rules/docs-url';
import { repoRoot, runCli } from './support';

/** The five `--format`s of `partition-lint check`, on small fixtures (README "Command line"). */

const CLI = 'test-fixtures/cli';
const PROBLEMS = `${CLI}/problems.partition.yaml`;
const CLEAN = `${CLI}/clean.partition.yaml`;
const WARNING = `${CLI}/warning-only.partition.yaml`;
const ESC = '\u001b[';

/** The diagnostics of problems.partition.yaml, 1-based, as the json format prints them. */
const PROBLEMS_JSON: DiagnosticJson[] = [
  {
    rule: 'unused-disable',
    severity: 'warning',
    message: '"partition-lint-disable-next-line schema" suppresses nothing: no schema problem starts on the next line; remove it.',
    line: 10,
    column: 3,
    endLine: 10,
    endColumn: 72,
  },
  {
    rule: 'schema',
    severity: 'error',
    message: 'Child partition "web01" is missing the required property "virtualProcessors": add it.',
    line: 13,
    column: 5,
    endLine: 13,
    endColumn: 9,
  },
  {
    rule: 'schema',
    severity: 'error',
    message: 'unknown property "virtualprocessors" — did you mean "virtualProcessors"?',
    line: 16,
    column: 5,
    endLine: 16,
    endColumn: 22,
  },
  {
    rule: 'schema',
    severity: 'error',
    message: '"lots" is not a size: write a number and a binary unit (B, KiB, MiB, GiB, TiB), e.g. "8GiB".',
    line: 17,
    column: 13,
    endLine: 17,
    endColumn: 17,
  },
];

describe('--format json', () => {
  it('prints every file with its 1-based diagnostics', () => {
    const run = runCli(['--format', 'json', CLEAN, PROBLEMS]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout), [
      { file: CLEAN, diagnostics: [] },
      { file: PROBLEMS, diagnostics: PROBLEMS_JSON },
    ]);
  });

  it('accepts -f and --format=NAME', () => {
    assert.deepEqual(JSON.parse(runCli(['-f', 'json', CLEAN]).stdout), [{ file: CLEAN, diagnostics: [] }]);
    assert.deepEqual(JSON.parse(runCli([`--format=json`, CLEAN]).stdout), [{ file: CLEAN, diagnostics: [] }]);
  });
});

describe('--format stylish (default)', () => {
  it('groups by file, aligns line:col severity message rule, ends with a summary', () => {
    const run = runCli([CLEAN, PROBLEMS]);
    const pad = (s: string): string => s.padEnd(PROBLEMS_JSON[0].message.length);
    assert.equal(
      run.stdout,
      [
        PROBLEMS,
        `  10:3   warning  ${pad(PROBLEMS_JSON[0].message)}  unused-disable`,
        `  13:5   error    ${pad(PROBLEMS_JSON[1].message)}  schema`,
        `  16:5   error    ${pad(PROBLEMS_JSON[2].message)}  schema`,
        `  17:13  error    ${pad(PROBLEMS_JSON[3].message)}  schema`,
        '',
        '✖ 4 problems (3 errors, 1 warning, 0 infos) in 1 of 2 files',
        '',
      ].join('\n'),
    );
  });

  it('shows a code frame with the range underlined under -v', () => {
    const run = runCli(['-v', PROBLEMS]);
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('> 16 |     virtualprocessors: 2'));
    assert.ok(at > 0, run.stdout);
    assert.match(lines[at - 1], /^\s+15 \| {5}parent: root$/);
    const carets = lines[at + 1];
    assert.equal(carets.indexOf('^'), lines[at].indexOf('virtualprocessors'));
    assert.equal(carets.trim().replace(/^\|\s*/, ''), '^'.repeat('virtualprocessors'.length));
    assert.match(lines[at + 2], /^\s+17 \| {5}memory: lots$/);
  });

  it('has no colour when stdout is not a terminal, even without NO_COLOR', () => {
    const run = runCli([PROBLEMS], { env: { NO_COLOR: undefined } });
    assert.ok(!run.stdout.includes(ESC), 'coloured output to a pipe');
  });

  it('colours with --color or FORCE_COLOR, never with --no-color', () => {
    assert.ok(runCli(['--color', PROBLEMS]).stdout.includes(`${ESC}31merror`));
    assert.ok(runCli([PROBLEMS], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout.includes(`${ESC}33mwarning`));
    assert.ok(!runCli(['--no-color', PROBLEMS], { env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
  });
});

describe('--format sarif', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'uri-reference', 'date-time']);
  const validateSarif = ajv.compile(schema);

  interface SarifRun {
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string } }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }>;
    }>;
  }
  const sarif = (args: string[], cwd?: string): { log: { version: string; runs: SarifRun[] }; status: number | null } => {
    const run = runCli(['--format', 'sarif', ...args], cwd ? { cwd } : {});
    const log = JSON.parse(run.stdout) as { version: string; runs: SarifRun[] };
    assert.ok(validateSarif(log), `not valid SARIF 2.1.0: ${ajv.errorsText(validateSarif.errors)}`);
    return { log, status: run.status };
  };

  it('validates against the SARIF 2.1.0 schema and lists every rule with its help URI and default level', () => {
    const { log, status } = sarif([CLEAN, PROBLEMS]);
    assert.equal(status, 1);
    assert.equal(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'partition-lint');
    assert.deepEqual(
      driver.rules.map((r) => [r.id, r.helpUri, r.defaultConfiguration.level]),
      ALL_RULES.map((r) => [r.id, ruleDocsUrl(r.id), r.severity === 'info' ? 'note' : r.severity]),
    );
  });

  it('has one result per diagnostic with its level and region', () => {
    const { log } = sarif([PROBLEMS, '--rule', 'unused-disable=info']);
    const results = log.runs[0].results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.level, r.message.text]),
      PROBLEMS_JSON.map((d) => [d.rule, d.rule === 'unused-disable' ? 'note' : 'error', d.message]),
    );
    const rules = log.runs[0].tool.driver.rules;
    for (const r of results) assert.equal(rules[r.ruleIndex].id, r.ruleId);
    assert.deepEqual(results[2].locations[0].physicalLocation, {
      artifactLocation: { uri: PROBLEMS, uriBaseId: '%SRCROOT%' },
      region: { startLine: 16, startColumn: 5, endLine: 16, endColumn: 22 },
    });
  });

  it('stays valid with odd file names, and reports unreadable files as notifications', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lint-sarif-'));
    try {
      fs.writeFileSync(path.join(tmp, 'my host, #1 [50%].partition.yaml'), fs.readFileSync(path.join(repoRoot, PROBLEMS)));
      const { log, status } = sarif(['my host, #1 [50%].partition.yaml', 'missing.partition.yaml'], tmp);
      assert.equal(status, 2);
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20host%2C%20%231%20%5B50%25%5D.partition.yaml');
      assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
      assert.deepEqual(
        log.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text),
        ['cannot read missing.partition.yaml: no such file or directory'],
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('--format github', () => {
  it('prints workflow commands, errors first, then warnings and notices', () => {
    const run = runCli(['--format', 'github', WARNING, PROBLEMS, '--rule', 'unused-disable=info']);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split(' ')[0]),
      ['::error', '::error', '::error', '::notice', '::notice'],
    );
    assert.equal(lines[1], `::error file=${PROBLEMS},line=16,col=5,endLine=16,endColumn=22,title=schema::${PROBLEMS_JSON[2].message}`);
    assert.equal(
      lines[3],
      `::notice file=${WARNING},line=10,col=3,endLine=10,endColumn=44,title=unused-disable::"partition-lint-disable-next-line schema" suppresses nothing: no schema problem starts on the next line; remove it.`,
    );
  });

  it('uses ::warning for warnings', () => {
    const run = runCli(['--format', 'github', WARNING]);
    assert.match(run.stdout, /^::warning file=test-fixtures\/cli\/warning-only\.partition\.yaml,line=10,col=3,/);
    assert.equal(run.status, 0);
  });

  it('escapes % CR LF in the message, and also : and , in properties', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lint-gh-'));
    try {
      const name = 'we,ird:name%.partition.yaml';
      // a device reference with %, comma, colon, CR and LF: device-exists names it as written
      const text = 'layout: v1\nname: x\nhypervisor:\n  model: microkernelized\nhost:\n  logicalProcessors: 4\n  memory: 16GiB\npartitions:\n  - name: root\n    role: root\n    devices: ["50%,a:b\\r\\nc"]\n';
      fs.writeFileSync(path.join(tmp, name), text);
      const json = JSON.parse(runCli(['--format', 'json', name], { cwd: tmp }).stdout) as Array<{ diagnostics: DiagnosticJson[] }>;
      const message = json[0].diagnostics[0].message;
      assert.ok(message.includes('50%,a:b\r\nc'), message);
      const run = runCli(['--format', 'github', name], { cwd: tmp });
      const expectedMessage = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
      assert.equal(run.stdout, `::error file=we%2Cird%3Aname%25.partition.yaml,line=11,col=15,endLine=11,endColumn=29,title=device-exists::${expectedMessage}\n`);
      assert.ok(expectedMessage.includes('"50%25,a:b%0D%0Ac"'), expectedMessage);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('--format junit', () => {
  interface XmlNode {
    name: string;
    attributes: Record<string, string>;
    children: XmlNode[];
    text: string;
  }
  interface SaxParser {
    onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
    onclosetag: () => void;
    ontext: (t: string) => void;
    onerror: (e: Error) => void;
    write(s: string): SaxParser;
    close(): void;
  }
  // sax (a strict XML parser, installed with the toolchain) proves the output well-formed
  const sax = createRequire(__filename)('sax') as { parser(strict: boolean): SaxParser };

  function parseXml(xml: string): XmlNode {
    const parser = sax.parser(true);
    const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
    const stack = [root];
    parser.onopentag = (tag) => {
      const node: XmlNode = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
      stack[stack.length - 1].children.push(node);
      stack.push(node);
    };
    parser.onclosetag = () => void stack.pop();
    parser.ontext = (t) => (stack[stack.length - 1].text += t);
    parser.onerror = (e) => {
      throw e;
    };
    parser.write(xml).close();
    return root;
  }
  const all = (n: XmlNode, name: string): XmlNode[] => [...(n.name === name ? [n] : []), ...n.children.flatMap((c) => all(c, name))];

  it('is well-formed XML with one testcase per file and a failure per error', () => {
    const run = runCli(['--format', 'junit', CLEAN, PROBLEMS, WARNING]);
    assert.equal(run.status, 1);
    const doc = parseXml(run.stdout);
    const cases = all(doc, 'testcase');
    assert.deepEqual(
      cases.map((c) => [c.attributes.name, all(c, 'failure').length]),
      [
        [CLEAN, 0],
        [PROBLEMS, 3],
        [WARNING, 0],
      ],
    );
    const failures = all(doc, 'failure');
    assert.deepEqual(
      failures.map((f) => [f.attributes.type, f.attributes.message]),
      PROBLEMS_JSON.filter((d) => d.severity === 'error').map((d) => [d.rule, d.message]),
    );
    assert.equal(failures[1].text, `${PROBLEMS}:16:5 error schema: ${PROBLEMS_JSON[2].message}`);
    const suite = all(doc, 'testsuite')[0];
    assert.deepEqual([suite.attributes.tests, suite.attributes.failures], ['3', '1']);
    // the warning goes to the test case's output, not a failure
    assert.match(all(cases[2], 'system-out')[0].text, /10:3 warning unused-disable/);
  });

  it('escapes markup in messages and names, and reports an unreadable file as an error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lint-junit-'));
    try {
      const name = 'a&b <"x">.partition.yaml';
      fs.writeFileSync(path.join(tmp, name), 'layout: v1\nname: x\nhypervisor:\n  model: microkernelized\nhost:\n  logicalProcessors: 4\n  memory: 16GiB\n  "<tag a=\'1\'>&amp;": 1\npartitions:\n  - name: root\n    role: root\n');
      const message = (JSON.parse(runCli(['--format', 'json', name], { cwd: tmp }).stdout) as Array<{ diagnostics: DiagnosticJson[] }>)[0].diagnostics[0].message;
      assert.ok(message.includes(`"<tag a='1'>&amp;"`), message);
      const run = runCli(['--format', 'junit', name, 'missing.partition.yaml'], { cwd: tmp });
      assert.equal(run.status, 2);
      const doc = parseXml(run.stdout);
      const cases = all(doc, 'testcase');
      assert.equal(cases[0].attributes.name, name);
      assert.equal(all(cases[0], 'failure')[0].attributes.message, message);
      assert.equal(cases[1].attributes.name, 'missing.partition.yaml');
      assert.equal(all(cases[1], 'error')[0].attributes.message, 'cannot read missing.partition.yaml: no such file or directory');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
