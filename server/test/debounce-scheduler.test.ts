import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { DiagnosticsScheduler } from '../src/language/diagnostics';
import type { Analysis, DocumentCache } from '../src/language/document-cache';
import { Logger } from '../src/language/logger';

const URI = 'file:///burst.partition.yaml';
/** what each fake check reports it cost: far more than any pause in these tests */
const COST_MS = 1000;
const MAX_DEBOUNCE_MS = 175;

/**
 * The scheduler the server runs, with the adaptive debounce, over a cache whose every check reports
 * that it took COST_MS: which versions get checked and published, as an editor would see them.
 */
function setUp() {
  let doc = TextDocument.create(URI, 'partition-yaml', 1, 'name: a\n');
  const checked: number[] = [];
  const published: PublishDiagnosticsParams[] = [];
  const waiting: Array<{ version: number; resolve: () => void }> = [];
  const cache = {
    cancel: () => undefined,
    forget: () => undefined,
    check: async (d: TextDocument): Promise<Analysis> => {
      checked.push(d.version);
      return { uri: d.uri, version: d.version, doc: d, rules: {}, large: { chars: 0, findings: [] }, elapsedMs: COST_MS };
    },
  } as unknown as DocumentCache;
  const logger = new Logger({ write: () => undefined, show: () => undefined });
  const scheduler = new DiagnosticsScheduler(
    {
      document: () => doc,
      rulesFor: async () => ({}),
      publish: (p) => {
        published.push(p);
        for (const w of waiting.filter((x) => x.version === p.version)) w.resolve();
      },
      logger,
    },
    cache,
    { adaptiveUpTo: MAX_DEBOUNCE_MS },
  );
  const publishedVersion = (version: number) => (published.some((p) => p.version === version) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ version, resolve })));
  const edit = (text: string) => {
    doc = TextDocument.update(doc, [{ text }], doc.version + 1);
    scheduler.changed(doc);
    return doc.version;
  };
  return { scheduler, checked, published, publishedVersion, edit, open: () => scheduler.changed(doc) };
}

/** Lets timers due now, and the check they start, run. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

describe('adaptive debounce in the scheduler: bursts coalesce, paced edits do not wait', () => {
  it('a burst of edits faster than the checks is checked once, at its last version', async () => {
    const s = setUp();
    s.open();
    await s.publishedVersion(1);
    // the first edit is checked at once; its check "costs" COST_MS
    await s.publishedVersion(s.edit('name: b\n'));
    s.edit('name: c\n');
    s.edit('name: d\n');
    const last = s.edit('name: e\n');
    await settle();
    assert.deepEqual(s.checked, [1, 2], 'the burst waits for the debounce');
    await s.publishedVersion(last);
    assert.deepEqual(s.checked, [1, 2, 5]);
    assert.deepEqual(
      s.published.map((p) => p.version),
      [1, 2, 5],
    );
    s.scheduler.dispose();
  });

  it('an edit that comes a check or more after the previous one is checked at once', async () => {
    const s = setUp();
    s.open();
    await s.publishedVersion(1);
    await s.publishedVersion(s.edit('name: b\n'));
    // the user paused longer than a check takes (the fake one "took" COST_MS)
    await new Promise((r) => setTimeout(r, COST_MS + 20));
    const version = s.edit('name: c\n');
    await settle();
    assert.deepEqual(s.checked, [1, 2, version], 'checked without a debounce');
    s.scheduler.dispose();
  });
});
