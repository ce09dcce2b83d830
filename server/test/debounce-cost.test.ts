import * as assert from 'node:assert/strict';
import { adaptiveDelay, checkCost, typicalCost } from '../src/language/diagnostics';

/** What the adaptive debounce takes as the cost of checking an edit (no timings measured here). */
describe('adaptive debounce: the cost of a check', () => {
  it('is the wall time, or the CPU time when the machine was busy with other programs', () => {
    assert.equal(checkCost({ elapsedMs: 7 }), 7);
    assert.equal(checkCost({ elapsedMs: 40, cpuMs: 12 }), 12);
    // V8's collector threads add CPU time to a check that took 10 ms
    assert.equal(checkCost({ elapsedMs: 10, cpuMs: 25 }), 10);
  });

  it('one quick check among the last three publishes the next edit at once (a collection or cold code slowed the others)', () => {
    assert.equal(typicalCost([60, 9, 40]), 9);
    assert.equal(adaptiveDelay(typicalCost([60, 9, 40]), 175, 5), 0);
  });

  it('a document whose every recent check is costly is still debounced, and the first edit is not', () => {
    assert.equal(adaptiveDelay(typicalCost([60, 45, 40]), 175, 5), 80);
    assert.equal(typicalCost(undefined), undefined);
    assert.equal(adaptiveDelay(typicalCost([]), 175), 0);
  });
});
