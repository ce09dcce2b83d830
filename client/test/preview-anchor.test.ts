/**
 * The host side of the preview without VS Code: which definition the cursor is in (drives the
 * highlight) and which webview messages are accepted.
 */
import * as assert from 'node:assert/strict';
import { anchorAt } from '../src/preview/cursor-anchor';
import { parseFromWebview } from '../src/preview/preview-messages';
import { analyse, fixtureText } from './preview-harness';

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line with ${needle}`);
  return i + 1;
}

describe('preview: the definition under the cursor', function () {
  const text = fixtureText('modern-gpu-nic.partition.yaml');

  it('is the partition whose item starts last at or above the cursor', async function () {
    const model = (await analyse(text)).allocation!;
    const web01 = lineOf(text, '- name: web01');
    const render01 = lineOf(text, '- name: render01');
    assert.deepEqual(anchorAt(model, web01), { partition: 'web01' });
    assert.deepEqual(anchorAt(model, lineOf(text, 'buffer: 20')), { partition: 'web01' }, 'inside web01’s memory block');
    assert.deepEqual(anchorAt(model, render01 - 1), { partition: 'web01' }, 'the blank line after web01');
    assert.deepEqual(anchorAt(model, render01), { partition: 'render01' });
    assert.deepEqual(anchorAt(model, text.split('\n').length), { partition: 'edge01' }, 'the last line');
  });

  it('is a host device inside host.devices, and nothing above the first definition', async function () {
    const model = (await analyse(text)).allocation!;
    assert.deepEqual(anchorAt(model, lineOf(text, 'mmio: 176MiB')), { device: 'gpu0' });
    assert.deepEqual(anchorAt(model, lineOf(text, 'release: ws2025')), {});
    assert.deepEqual(anchorAt(model, 1), {});
  });
});

describe('preview: messages from the webview', function () {
  it('accepts ready, reveal with a 1-based position, rendered names, and a filter or page query', function () {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'reveal', position: { line: 12, column: 5 } }), { type: 'reveal', position: { line: 12, column: 5 } });
    assert.deepEqual(parseFromWebview({ type: 'rendered', partitions: ['root', 'web01'] }), { type: 'rendered', partitions: ['root', 'web01'] });
    assert.deepEqual(parseFromWebview({ type: 'query', query: { filter: 'web', offsets: { partitions: 50, devices: -1, other: 3 } } }), { type: 'query', query: { filter: 'web', offsets: { partitions: 50 } } });
  });

  it('drops anything malformed', function () {
    for (const bad of [
      null,
      'ready',
      { type: 'reveal' },
      { type: 'reveal', position: { line: 0, column: 1 } },
      { type: 'reveal', position: { line: 1.5, column: 1 } },
      { type: 'reveal', position: { line: '3', column: 1 } },
      { type: 'rendered', partitions: [1] },
      { type: 'rendered' },
      { type: 'run', command: 'x' },
      { type: 'query' },
      { type: 'query', query: { filter: 3, offsets: {} } },
      { type: 'query', query: { filter: 'x'.repeat(201), offsets: {} } },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });
});
