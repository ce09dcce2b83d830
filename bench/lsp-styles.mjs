import { createRequire } from 'node:module';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);
/** untimed edits of each layout before its timed ones */
const WARM_UP = 5;
/** rounds over the styles */
const ROUNDS = 3;
/** edits right after the server starts, timed on their own (V8 has not optimised the code yet) */
const COLD_EDITS = 10;
/** further untimed edits before the styles are timed: the server has settled, as in an editing session */
const SESSION_WARM_UP = 30;

/**
 * The language server over real stdio, started as the extension starts it (SERVER_NODE_FLAGS) with its
 * default settings (the adaptive debounce). First the session's first edits (the first style's layout,
 * COLD_EDITS timed, then SESSION_WARM_UP untimed); then, for each style, open the layout and time ranged
 * one-character edits (as an editor sends a keystroke) from didChange to publishDiagnostics, each after
 * the previous one's diagnostics, in ROUNDS rounds over the styles. Returns each style's median and the median of the first edits.
 */
export async function measureLspStyles(texts, edits) {
  const { LspClient } = require('../server/out/test/lsp-harness.js');
  const P = require('vscode-languageserver-protocol');
  // The test harness fixes a 50 ms debounce for tests; the benchmark takes the server's own default.
  const client = await LspClient.start({ initializationOptions: { debounceMs: undefined } });
  const styles = new Map();
  try {
    const session = async (uri, text, untimed, timed) => {
      let version = 1;
      let current = text;
      let from = client.mark();
      await client.conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'partition-yaml', version, text } });
      await client.waitForDiagnostics(uri, (p) => p.version === version, from);
      const at = current.lastIndexOf('virtualProcessors: 2') + 'virtualProcessors: '.length;
      const times = [];
      for (let i = -untimed; i < timed; i++) {
        version++;
        const inserted = String(2 + ((i + untimed + 1) % 3));
        const before = current.slice(0, at);
        const position = { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
        current = `${before}${inserted}${current.slice(at + 1)}`;
        from = client.mark();
        const t0 = process.hrtime.bigint();
        await client.conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: inserted }] });
        await client.waitForDiagnostics(uri, (p) => p.version === version, from);
        if (i >= 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      await client.conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      return times;
    };
    const [firstStyle, firstText] = [...texts][0];
    const coldTimes = await session(`file:///bench/session-${firstStyle}.partition.yaml`, firstText, 0, COLD_EDITS);
    await session(`file:///bench/session-warm-up.partition.yaml`, firstText, SESSION_WARM_UP, 0);
    // in rounds, each style a share of its edits per round, so that a burst of machine noise hits the styles alike
    /** @type {Map<string, number[]>} */
    const times = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [style, text] of texts) times.set(style, [...(times.get(style) ?? []), ...(await session(`file:///bench/${style}.partition.yaml`, text, WARM_UP, Math.ceil(edits / ROUNDS)))]);
    }
    for (const [style, t] of times) styles.set(style, median(t));
    return { styles, cold: { style: firstStyle, edits: COLD_EDITS, median: median(coldTimes) } };
  } finally {
    await client.stop?.();
    client.child.kill();
  }
}
