import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './support';

/** `npm pack` (the command-line package), the pre-commit hook, and the files packaging needs. */

interface Manifest {
  version: string;
  license: string;
  repository?: { url?: string };
  bin: Record<string, string>;
  scripts: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack: the partition-lint package', function () {
  let dir: string;
  let files: string[];

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lint-pack-'));
    // --ignore-scripts: the suite runs after `npm run build`; prepack would build again
    const r = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8', shell: process.platform === 'win32' });
    assert.equal(r.status, 0, r.stderr);
    const [packed] = JSON.parse(r.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed.files.map((f) => f.path).sort();
    const tar = spawnSync('tar', ['-xzf', path.join(dir, packed.filename), '-C', dir], { encoding: 'utf8' });
    assert.equal(tar.status, 0, tar.stderr);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the commands, their bundles, the schema, README, LICENSE and CHANGELOG, and nothing else', () => {
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/partition-language-server.js',
      'bin/partition-lint.js',
      'dist/cli.js',
      'dist/server.js',
      'package.json',
      'schemas/partition-layout.schema.json',
    ]);
    for (const bin of Object.values(pkg.bin)) assert.ok(files.includes(bin.replace(/^\.\//, '')), bin);
  });

  it('has no sources, tests, fixtures or compiled test output', () => {
    for (const f of files) assert.doesNotMatch(f, /(^|\/)(test|tests|test-fixtures|out|src|node_modules)\/|\.ts$|\.map$/, f);
  });

  it('runs from the unpacked package without the checkout', () => {
    const lint = (args: string[], input?: string) =>
      spawnSync(process.execPath, [path.join(dir, 'package', 'bin', 'partition-lint.js'), ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const version = lint(['--version']);
    assert.equal(version.stdout, `${pkg.version}\n`);
    const layout = fs.readFileSync(path.join(repoRoot, 'test-fixtures', 'cli', 'clean.partition.yaml'), 'utf8');
    const check = lint(['-', '--stdin-filename', 'lab.partition.yaml'], layout);
    assert.equal(check.stderr, '');
    assert.equal(check.stdout, '✔ 1 file checked, no problems\n');
    assert.equal(check.status, 0);
  });
});

describe('packaging metadata', () => {
  it('has the LICENSE the manifest names, a repository, and a CHANGELOG', () => {
    assert.equal(pkg.license, 'MIT');
    assert.match(fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'), /^MIT License\n/);
    assert.match(pkg.repository?.url ?? '', /^https:\/\/github\.com\/partition-layout\/partition-layout(\.git)?$/);
    assert.match(fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n[\s\S]*## \[0\.1\.0\]/);
    assert.doesNotMatch(pkg.scripts.package, /--skip-license|--allow-missing-repository/);
  });

  it('defines a pre-commit hook that runs partition-lint on layout files, documented in the README', () => {
    const hooks = parse(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string }>;
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'partition-lint');
    assert.ok(pkg.bin[hook.entry], `the hook's entry ${hook.entry} is no bin of the package`);
    assert.equal(hook.language, 'node');
    const files = new RegExp(hook.files);
    assert.ok(files.test('hosts/lab.partition.yaml'));
    assert.ok(!files.test('hosts/lab.yaml') && !files.test('lab.partition.yaml.bak'));
    assert.ok(pkg.scripts.prepack.includes('npm run build'), 'pre-commit packs the repository: prepack must build the bundles');
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    assert.match(readme, /- id: partition-lint/);
  });
});
