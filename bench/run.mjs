#!/usr/bin/env node
// The benchmark (issue 6): `npm run bench` builds, then prints one table measured in this run, with
// the machine's parse floor (yaml's parseDocument of the same text) beside every figure.
//   node bench/run.mjs [--sizes 100,1000,10000] [--style-size 1000] [--runs N] [--json FILE] [--skip-peer] [--skip-lsp] [--skip-cli] [--skip-styles] [--skip-preview]
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureCore } from './core.mjs';
import { measurePeer } from './peer.mjs';
import { measureCli } from './cli.mjs';
import { measureLsp } from './lsp.mjs';
import { measureLspStyles } from './lsp-styles.mjs';
import { measurePeerLsp } from './peer-lsp.mjs';
import { measureStyles } from './styles.mjs';
import { measurePreview } from './preview.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const has = (name) => args.includes(`--${name}`);
const sizes = opt('sizes', '100,1000,10000').split(',').map(Number);
const runs = Number(opt('runs', '5'));
const styleSize = Number(opt('style-size', '1000'));
const { generateLayout, generateStyledLayout, LAYOUT_STYLES } = require(path.join(root, 'server/out/test/generate-layout.js'));

const rows = [];
const add = (section, measure, size, value, unit, floor, note = '') => rows.push({ section, measure, size, value, unit, floor, note });

console.error(`partition-layout benchmark — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, sizes ${sizes.join(', ')}, ${runs} runs (median)`);
const texts = new Map(sizes.map((n) => [n, generateLayout(n)]));
const floors = new Map();

for (const n of sizes) {
  const text = texts.get(n);
  const lines = text.split('\n').length;
  const core = measureCore(text, runs);
  floors.set(n, core.floor);
  add('core', 'floor: yaml parseDocument', n, core.floor, 'ms', core.floor, `${lines.toLocaleString('en-US')} lines`);
  add('core', 'validate() end to end', n, core.validate, 'ms', core.floor, `${(core.validate / core.floor).toFixed(2)}× floor (target ≤ 1.3×)`);
  add('core', 'one-line edit re-validated', n, core.edit, 'ms', core.floor, `${(core.edit / core.floor).toFixed(2)}× floor (target ≤ 50 ms at 1,000)`);
  add('core', 'validate() per partition', n, (core.validate / n) * 1000, 'µs', core.floor, 'linear when flat across sizes');
}

// Every YAML style of the catalogue, in the core: measured first, while this process holds little.
const styled = has('skip-styles') ? undefined : new Map(LAYOUT_STYLES.map((s) => [s, generateStyledLayout(styleSize, s)]));
const styledCore = styled && measureStyles(styled, runs);

if (!has('skip-peer')) {
  for (const n of sizes) {
    const peer = measurePeer(root, n, Math.max(3, Math.min(runs, 5)));
    const ours = rows.find((r) => r.size === n && r.measure === 'validate() end to end').value;
    add('peer', 'yaml-language-server schema-only validation', n, peer, 'ms', floors.get(n), `ours is ${(peer / ours).toFixed(2)}× faster (target ≥ 2×)`);
  }
}

if (!has('skip-lsp')) {
  for (const n of sizes.filter((s) => s <= 1000 || sizes.length === 1)) {
    const lsp = await measureLsp(root, texts.get(n), runs);
    if (!lsp) break;
    add('lsp', 'didChange → publishDiagnostics (no debounce)', n, lsp.change, 'ms', floors.get(n), `${(lsp.change / floors.get(n)).toFixed(2)}× floor (target ≤ 1.3×)`);
    add('lsp', 'one-line edit → publishDiagnostics', n, lsp.edit, 'ms', floors.get(n), 'target ≤ 50 ms at 1,000');
    add('lsp', 'hover at a device reference near the end', n, lsp.hover, 'ms', floors.get(n), 'target < 20 ms');
    add('lsp', 'completion in a devices list near the end', n, lsp.completion, 'ms', floors.get(n), 'target < 20 ms');
    add('lsp', 'server resident memory with the document open', n, lsp.rssMiB, 'MiB', floors.get(n), 'target < 200 MB');
  }
}

if (!has('skip-cli')) {
  const cli = measureCli(root, Number(opt('cli-files', '1000')));
  add('cli', `one invocation over ${cli.files} 50-line layouts`, cli.files, cli.many, 'ms', floors.get(sizes[0]), 'target < 5 s');
  add('cli', 'cold single-file run', 1, cli.cold, 'ms', floors.get(sizes[0]), `target ≤ 150 ms; node itself starts in ${cli.startup.toFixed(0)} ms${cli.plain ? ' (NODE_EXTRA_CA_CERTS is set)' : ''}`);
  if (cli.plain) add('cli', 'cold single-file run, NODE_EXTRA_CA_CERTS unset', 1, cli.plain.cold, 'ms', floors.get(sizes[0]), `target ≤ 150 ms; node itself starts in ${cli.plain.startup.toFixed(0)} ms`);
}

// Every YAML style of the catalogue (generate-layout.ts) at one size, in the core and over the LSP
// with default settings, and yaml-language-server over the LSP on the commented layout.
if (styled && styledCore) {
  const core = styledCore;
  const plain = core.get('plain')?.validate ?? NaN;
  for (const [style, m] of core) add('styles', `${style}: validate()`, styleSize, m.validate, 'ms', m.floor, `${(m.validate / plain).toFixed(2)}× plain`);
  const slowest = [...core].reduce((a, b) => (b[1].validate > a[1].validate ? b : a));
  add('styles', 'slowest style ÷ plain, validate()', styleSize, slowest[1].validate / plain, '×', slowest[1].floor, `${slowest[0]} (target ≤ 1.5×)`);
  for (const [style, m] of core) add('styles', `${style}: one-character edit re-validated`, styleSize, m.edit, 'ms', m.floor, 'target ≤ 10 ms at 1,000');
  if (!has('skip-lsp')) {
    // more timed edits than core runs: one slow edit (a collection, another program) moves a short median
    const { styles: lsp, cold } = await measureLspStyles(styled, Math.max(15, runs));
    add('styles', `the server's first ${cold.edits} edits after it starts (${cold.style}): edit → publishDiagnostics`, styleSize, cold.median, 'ms', core.get(cold.style)?.floor ?? NaN, 'code not yet optimised by V8; the rows below are after 40 edits');
    for (const [style, ms] of lsp) add('styles', `${style}: one-character edit → publishDiagnostics (LSP, default settings)`, styleSize, ms, 'ms', core.get(style)?.floor ?? NaN, 'target ≤ 30 ms at 1,000');
    if (!has('skip-peer')) {
      const peer = await measurePeerLsp(root, styled.get('comments'), runs);
      const ours = lsp.get('comments');
      add('peer', 'yaml-language-server (LSP, default settings): comments style, one-character edit → diagnostics', styleSize, peer.edit, 'ms', core.get('comments')?.floor ?? NaN, `ours (${fmtMs(ours)}) is ${(ours / peer.edit).toFixed(2)}× (target ≤ 0.25×)`);
    }
  }
}

if (!has('skip-preview')) {
  for (const p of await measurePreview(root, sizes, Math.max(3, Math.min(runs, 5)))) {
    const floor = floors.get(p.size);
    add('preview', 'webview main thread: first render', p.size, p.first, 'ms', floor, `CPU time; tasks took ${p.firstTasks.toFixed(0)} ms of wall time (target ≤ 300 ms at 1,000)`);
    add('preview', 'webview main thread: one update (one partition edited)', p.size, p.update, 'ms', floor, `CPU time; tasks took ${p.updateTasks.toFixed(0)} ms of wall time (target ≤ 50 ms at 1,000)`);
    const bound = Math.max(p.first, p.update);
    add('preview', 'webview longest task (first render or update)', p.size, p.longest > 0 ? p.longest : bound, 'ms', floor, p.longest > 0 ? 'target ≤ 100 ms' : 'no long task (over 50 ms) seen: at most the whole render (target ≤ 100 ms)');
    add('preview', 'message to the webview: first / update', p.size, p.sizeFirst / 1024, 'KB', floor, `update ${(p.sizeUpdate / 1024).toFixed(1)} KB (target ≤ 100 KB at 1,000)`);
    add('preview', 'extension host: view built from the model', p.size, p.build, 'ms', floor, '');
  }
}

function fmtMs(v) {
  return `${fmt(v)} ms`;
}
function fmt(v) {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}
console.log('| section | measure | partitions | value | parse floor | note |');
console.log('| --- | --- | ---: | ---: | ---: | --- |');
for (const r of rows) console.log(`| ${r.section} | ${r.measure} | ${r.size.toLocaleString('en-US')} | ${fmt(r.value)} ${r.unit} | ${r.floor === undefined ? '–' : `${fmt(r.floor)} ms`} | ${r.note} |`);
const jsonOut = opt('json', undefined);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
