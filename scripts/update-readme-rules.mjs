// Rewrites the README's rules table from the rule registry (run after `npm run build`).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
const require = createRequire(import.meta.url);
const { withRulesTable } = require('../server/out/src/core/rules/rules-table.js');
const readme = fs.readFileSync('README.md', 'utf8');
const next = withRulesTable(readme);
if (next !== readme) fs.writeFileSync('README.md', next);
console.log(next === readme ? 'README rules table is up to date' : 'README rules table rewritten');
