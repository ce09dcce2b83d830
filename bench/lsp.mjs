import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);
/** untimed one-line edits before the timed ones */
const EDIT_WARM_UP = 20;

/**
 * The language server over real stdio (the test harness's LSP client), with the debounce set to 0:
 * didChange → publishDiagnostics for a change that needs a full parse (the header) and for a one-line
 * edit inside a partition (after EDIT_WARM_UP untimed ones), hover and completion at a device
 * reference near the end, resident memory.
 */
export async function measureLsp(root, text, runs) {
  const { LspClient } = require('../server/out/test/lsp-harness.js');
  const P = require('vscode-languageserver-protocol');
  const client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  try {
    const uri = 'file:///bench/bench.partition.yaml';
    let version = 1;
    let current = text;
    let from = client.mark();
    await client.conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'partition-yaml', version, text } });
    await client.waitForDiagnostics(uri, (p) => p.version === version, from);

    const positionAt = (text, offset) => {
      const before = text.slice(0, offset);
      return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
    };
    /** A whole-text change, or (`at`, `removed`, `inserted`) the ranged change an editor sends for a keystroke. */
    const change = async (next, edit) => {
      version++;
      const contentChanges = edit ? [{ range: { start: positionAt(current, edit.at), end: positionAt(current, edit.at + edit.removed) }, text: edit.inserted }] : [{ text: next }];
      current = next;
      from = client.mark();
      const t0 = process.hrtime.bigint();
      await client.conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
      await client.waitForDiagnostics(uri, (p) => p.version === version, from);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const full = [];
    for (let i = 0; i < runs; i++) full.push(await change(current.replace(/^name: .*$/m, `name: bench-${version}`)));
    const at = current.lastIndexOf('virtualProcessors: ') + 'virtualProcessors: '.length;
    const edits = [];
    // untimed edits first, as in the styles' figures: the timed ones run code V8 has optimised
    for (let i = -EDIT_WARM_UP; i < runs; i++) {
      const inserted = String(2 + ((i + EDIT_WARM_UP + 1) % 3));
      const removed = current.indexOf('\n', at) - at;
      const ms = await change(`${current.slice(0, at)}${inserted}${current.slice(at + removed)}`, { at, removed, inserted });
      if (i >= 0) edits.push(ms);
    }

    const refAt = current.lastIndexOf('devices: [vf') + 'devices: [vf'.length;
    const before = current.slice(0, refAt);
    const position = { line: before.split('\n').length - 1, character: refAt - before.lastIndexOf('\n') - 1 };
    const timeRequest = async (type) => {
      const times = [];
      for (let i = 0; i < runs + 1; i++) {
        const t0 = process.hrtime.bigint();
        await client.conn.sendRequest(type, { textDocument: { uri }, position });
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return median(times.slice(1));
    };
    const hover = await timeRequest(P.HoverRequest.type);
    const completion = await timeRequest(P.CompletionRequest.type);
    const status = fs.readFileSync(`/proc/${client.child.pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { change: median(full), edit: median(edits), hover, completion, rssMiB: rssKiB / 1024 };
  } finally {
    await client.stop?.();
    client.child.kill();
  }
}
