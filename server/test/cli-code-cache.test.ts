import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support';

/**
 * bin/partition-lint.js keeps V8's compiled code of the bundle in the user's cache folder: later runs
 * give exactly what the first gave, a damaged cache file is ignored (and replaced), and
 * PARTITION_LINT_NO_CACHE=1 writes nothing.
 */
describe('CLI: the code cache of a cold start', () => {
  let cacheHome: string;
  const layout = path.join('test-fixtures', 'cli', 'clean.partition.yaml');
  const broken = path.join('test-fixtures', 'cli', 'problems.partition.yaml');
  const cacheFiles = (): string[] => {
    const dir = path.join(cacheHome, 'partition-lint');
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
  };

  beforeEach(() => {
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-lint-cache-'));
  });
  afterEach(() => fs.rmSync(cacheHome, { recursive: true, force: true }));

  it('the run after the first reads the cache and reports the same', () => {
    const env = { XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome };
    const first = runCli([layout, broken], { env });
    assert.equal(cacheFiles().length, 1, 'the first run leaves one cache file');
    const second = runCli([layout, broken], { env });
    assert.deepEqual(second, first);
    assert.equal(first.status, 1);
    assert.match(first.stdout, /problem/);
  });

  it('a damaged cache file is ignored and replaced', () => {
    const env = { XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome };
    const clean = runCli([layout], { env });
    const [file] = cacheFiles();
    fs.writeFileSync(file, 'not a code cache');
    const again = runCli([layout], { env });
    assert.deepEqual(again, clean);
    assert.equal(again.stdout, '✔ 1 file checked, no problems\n');
    assert.notEqual(fs.readFileSync(file, 'utf8'), 'not a code cache');
  });

  it('an update of the bundle replaces its old cache file; the caches of other installs stay', () => {
    const env = { XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome };
    runCli([layout], { env });
    const [file] = cacheFiles();
    // the name ends in the bundle's size and time: an earlier build of this bundle, and another install
    const earlier = file!.replace(/-[0-9a-z]+\.v8cache$/, '-earlierbuild.v8cache');
    const otherInstall = path.join(path.dirname(file!), path.basename(file!).replace(/-([0-9a-z]+)-([0-9a-z]+)\.v8cache$/, '-otherpath-$2.v8cache'));
    fs.writeFileSync(earlier, 'old');
    fs.writeFileSync(otherInstall, 'other');
    fs.rmSync(file!);
    runCli([layout], { env });
    assert.deepEqual(cacheFiles().sort(), [file!, otherInstall].sort());
  });

  it('PARTITION_LINT_NO_CACHE=1 writes no cache', () => {
    const r = runCli([layout], { env: { XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome, PARTITION_LINT_NO_CACHE: '1' } });
    assert.equal(r.stdout, '✔ 1 file checked, no problems\n');
    assert.deepEqual(cacheFiles(), []);
  });
});
