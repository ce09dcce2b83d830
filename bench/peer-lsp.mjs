import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);
/** untimed edits before the timed ones (each takes about half a second: the peer's delay and validation) */
const WARM_UP = 10;

/**
 * yaml-language-server over real stdio with its default settings and the project's JSON Schema
 * (mapped to *.partition.yaml, as a user would configure it): open the document, then time each
 * ranged one-character edit from didChange to the publishDiagnostics that follows it (its 200 ms
 * validation delay included, as an editor sees it). As for ours, untimed edits come first, so that
 * the timed ones run code V8 has optimised.
 */
export async function measurePeerLsp(root, text, edits) {
  const P = require('vscode-languageserver-protocol/node');
  const bin = path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');
  const child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
  const schemaUri = pathToFileURL(path.join(root, 'schemas/partition-layout.schema.json')).href;
  const yamlSettings = { schemas: { [schemaUri]: ['*.partition.yaml'] }, validate: true, hover: true, completion: true, format: { enable: false } };
  conn.onRequest(P.ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'yaml' ? yamlSettings : item.section ? null : { yaml: yamlSettings })));
  conn.onRequest(P.RegistrationRequest.type, () => undefined);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(P.LogMessageNotification.type, () => undefined);
  conn.onNotification(P.ShowMessageNotification.type, () => undefined);
  conn.onNotification('$/progress', () => undefined);
  let waiting;
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    if (waiting && p.uri === waiting.uri) {
      const w = waiting;
      waiting = undefined;
      w.resolve(p);
    }
  });
  const next = (uri) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('yaml-language-server published no diagnostics within 60 s')), 60_000);
      waiting = { uri, resolve: (p) => (clearTimeout(timer), resolve(p)) };
    });
  conn.listen();
  try {
    await conn.sendRequest(P.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: true } } },
    });
    await conn.sendNotification(P.InitializedNotification.type, {});
    await conn.sendNotification(P.DidChangeConfigurationNotification.type, { settings: { yaml: yamlSettings } });
    const uri = 'file:///bench/peer.partition.yaml';
    let version = 1;
    let current = text;
    let published = next(uri);
    await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
    const opened = await published;
    const at = current.lastIndexOf('virtualProcessors: ') + 'virtualProcessors: '.length;
    const times = [];
    for (let i = -WARM_UP; i < edits; i++) {
      version++;
      const inserted = String(2 + ((i + WARM_UP + 1) % 3));
      const position = positionAt(current, at);
      current = `${current.slice(0, at)}${inserted}${current.slice(at + 1)}`;
      published = next(uri);
      const t0 = process.hrtime.bigint();
      await conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: inserted }] });
      await published;
      if (i >= 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { edit: median(times), diagnosticsOnOpen: opened.diagnostics.length };
  } finally {
    child.kill();
    conn.dispose();
  }
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}
