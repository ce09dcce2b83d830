#!/usr/bin/env node
'use strict';
// Prefer the esbuild bundle (fast start); fall back to the tsc output during development.
const fs = require('node:fs');
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
const entry = fs.existsSync(bundle) ? bundle : path.join(__dirname, '..', 'server', 'out', 'src', 'cli', 'main.js');
// main() reports every error itself; this only guards against a broken install (no stack traces).
const internal = (e) => {
  process.stderr.write(`partition-lint: internal error: ${e && e.message ? e.message.split('\n')[0] : String(e)} — please report it\n`);
  process.exitCode = 2;
};
try {
  require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, internal);
} catch (e) {
  internal(e);
}
