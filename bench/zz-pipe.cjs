const { generateStyledLayout } = require('/work/main/server/out/test/generate-layout.js');
const { DocumentCache } = require('/work/main/server/out/src/language/document-cache.js');
const { diagnosticsOf } = require('/work/main/server/out/src/language/diagnostics.js');
const { TextDocument } = require('vscode-languageserver-textdocument');
const style = process.env.STYLE || 'plain';
let text = generateStyledLayout(1000, style);
let doc = TextDocument.create('file:///x.partition.yaml', 'partition-yaml', 1, text);
const cache = new DocumentCache();
const t = { update: 0, check: 0, diags: 0, json: 0 };
const N = Number(process.env.N || 200);
(async () => {
  await cache.check(doc, {});
  const times = [];
  for (let i = 0; i < N; i++) {
    const cur = doc.getText();
    const at = cur.lastIndexOf('virtualProcessors: ') + 'virtualProcessors: '.length;
    const pos = doc.positionAt(at);
    const a = process.hrtime.bigint();
    TextDocument.update(doc, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: String(2 + (i % 3)) }], doc.version + 1);
    const b = process.hrtime.bigint();
    const an = await cache.check(doc, {});
    const c = process.hrtime.bigint();
    const d = diagnosticsOf(an);
    const e = process.hrtime.bigint();
    const s = Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, version: doc.version, diagnostics: d } }));
    const f = process.hrtime.bigint();
    if (i >= N / 2) { t.update += Number(b - a); t.check += Number(c - b); t.diags += Number(e - c); t.json += Number(f - e); times.push(Number(f - a) / 1e6); }
  }
  const n = N / 2;
  times.sort((x, y) => x - y);
  console.log(style, Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / n / 1e6).toFixed(2)])), 'median total', times[Math.floor(n / 2)].toFixed(2), 'p90', times[Math.floor(n * 0.9)].toFixed(2), 'rss', Math.round(process.memoryUsage().rss / 1e6));
})();
