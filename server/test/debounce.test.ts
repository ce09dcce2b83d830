import * as assert from 'node:assert/strict';
import { adaptiveDelay, QUICK_CHECK_MS } from '../src/language/diagnostics';

/** The debounce after a change follows what checking the document cost (no timings measured here). */
describe('adaptive debounce', () => {
  it('a document whose last check was quick is checked again at once', () => {
    assert.equal(adaptiveDelay(0.4, 175), 0);
    assert.equal(adaptiveDelay(QUICK_CHECK_MS, 175), 0);
  });

  it('in a burst of changes faster than the checks, a costly check waits twice its cost, at most the configured debounce', () => {
    assert.equal(adaptiveDelay(40, 175, 10), 80);
    assert.equal(adaptiveDelay(400, 175, 120), 175);
    assert.equal(adaptiveDelay(400, 0, 10), 0, 'a debounce of 0 (tests) stays 0');
  });

  it('a change that comes a check or more after the previous one is checked at once, however costly the check', () => {
    assert.equal(adaptiveDelay(40, 175, 40), 0);
    assert.equal(adaptiveDelay(60, 175, 250), 0, 'typing at four keys a second, with a 60 ms check');
    assert.equal(adaptiveDelay(400, 175), 0, 'the first change of the document');
  });

  it('the first edit of a document is checked at once (what an edit costs is not known yet)', () => {
    assert.equal(adaptiveDelay(undefined, 175), 0);
  });
});
