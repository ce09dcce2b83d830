#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'server.js');
require(fs.existsSync(bundle) ? bundle : path.join(__dirname, '..', 'server', 'out', 'src', 'server.js'));
