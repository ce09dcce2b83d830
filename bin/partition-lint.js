#!/usr/bin/env node
'use strict';
// Prefer the esbuild bundle (fast start); fall back to the tsc output during development.
const fs = require('node:fs');
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
const entry = fs.existsSync(bundle) ? bundle : path.join(__dirname, '..', 'server', 'out', 'src', 'cli', 'main.js');
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
