import { createRequire } from 'node:module';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);
/** untimed edits of each layout before the timed ones */
const WARM_UP = 5;

/**
 * The language server over real stdio with its default settings (the adaptive debounce): for each
 * style, open the layout, then time ranged one-character edits (as an editor sends a keystroke) from
 * didChange to publishDiagnostics, each after the previous one's diagnostics.
 */
export async function measureLspStyles(texts, edits) {
  const { LspClient } = require('../server/out/test/lsp-harness.js');
  const P = require('vscode-languageserver-protocol');
  // The test harness fixes a 50 ms debounce for tests; the benchmark takes the server's own default.
  const client = await LspClient.start({ initializationOptions: { debounceMs: undefined } });
  const out = new Map();
  try {
    for (const [style, text] of texts) {
      const uri = `file:///bench/${style}.partition.yaml`;
      let version = 1;
      let current = text;
      let from = client.mark();
      await client.conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'partition-yaml', version, text } });
      await client.waitForDiagnostics(uri, (p) => p.version === version, from);
      const at = current.lastIndexOf('virtualProcessors: 2') + 'virtualProcessors: '.length;
      const times = [];
      // The first edits after opening run cold code (and, costing more, set a longer debounce): as the
      // core measures do, they warm up untimed.
      for (let i = -WARM_UP; i < edits; i++) {
        version++;
        const inserted = String(2 + ((i + WARM_UP + 1) % 3));
        const before = current.slice(0, at);
        const position = { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
        current = `${before}${inserted}${current.slice(at + 1)}`;
        from = client.mark();
        const t0 = process.hrtime.bigint();
        await client.conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: inserted }] });
        await client.waitForDiagnostics(uri, (p) => p.version === version, from);
        if (i >= 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      out.set(style, median(times));
      await client.conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    return out;
  } finally {
    await client.stop?.();
    client.child.kill();
  }
}
