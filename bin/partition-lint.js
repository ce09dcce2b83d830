#!/usr/bin/env node
'use strict';
// Prefer the esbuild bundle (fast start); fall back to the tsc output during development.
const fs = require('node:fs');
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
// main() reports every error itself; this only guards against a broken install (no stack traces).
const internal = (e) => {
  process.stderr.write(`partition-lint: internal error: ${e && e.message ? e.message.split('\n')[0] : String(e)} — please report it\n`);
  process.exitCode = 2;
};

/**
 * A cold start compiles the bundle before running it. V8 can keep what it compiled (its code cache):
 * the first run writes it to the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, on Windows
 * `%LOCALAPPDATA%`, under `partition-lint/`), later runs of the same bundle with the same Node.js read
 * it. V8 checks that a cache fits the source and rejects one that does not; any failure falls back to
 * a plain compile. `PARTITION_LINT_NO_CACHE=1` turns it off.
 */
function loadBundle(file) {
  const cacheFile = codeCacheFile(file);
  if (!cacheFile) return { exports: require(file), save: () => undefined };
  const vm = require('node:vm');
  const { createRequire, wrap } = require('node:module');
  // The bundle is ASCII (esbuild escapes the rest): decoding it as Latin-1 gives the same string and
  // skips the UTF-8 decoder, a few milliseconds of every start.
  const bytes = fs.readFileSync(file);
  const source = require('node:buffer').isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  const save = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, cacheFile);
      removeStaleCaches(cacheFile);
    } catch {
      // no cache this time
    }
  };
  return { exports: mod.exports, save };
}

/**
 * The caches of earlier builds of this same bundle (same path and Node.js, another size or time: an
 * update) are of no further use: removed, so updates do not fill the cache folder.
 */
function removeStaleCaches(cacheFile) {
  const dir = path.dirname(cacheFile);
  const name = path.basename(cacheFile);
  const prefix = name.slice(0, name.lastIndexOf('-') + 1);
  for (const other of fs.readdirSync(dir)) {
    if (other !== name && other.startsWith(prefix) && other.endsWith('.v8cache')) fs.rmSync(path.join(dir, other), { force: true });
  }
}

/** The cache file for this bundle (its path; its size and time) and this Node.js, or undefined for none. */
function codeCacheFile(file) {
  if (process.env.PARTITION_LINT_NO_CACHE) return undefined;
  const home = process.env.HOME || process.env.USERPROFILE;
  const root = process.platform === 'win32' ? process.env.LOCALAPPDATA : process.env.XDG_CACHE_HOME || (home && path.join(home, '.cache'));
  if (!root || !path.isAbsolute(root)) return undefined;
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const hash = (text) => {
    let h = 5381;
    for (const c of text) h = ((h * 33) ^ c.charCodeAt(0)) >>> 0;
    return h.toString(36);
  };
  return path.join(root, 'partition-lint', `cli-${process.version}-${process.arch}-${hash(file)}-${hash(`${stat.size}\0${stat.mtimeMs}`)}.v8cache`);
}

try {
  const { exports, save } = fs.existsSync(bundle) ? loadBundle(bundle) : { exports: require(path.join(__dirname, '..', 'server', 'out', 'src', 'cli', 'main.js')), save: () => undefined };
  exports.main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    save();
  }, internal);
} catch (e) {
  internal(e);
}
