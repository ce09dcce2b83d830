/** Counts read as toLocaleString('en-US') writes them, in the CLI, the hover and the preview (sizes.ts). */
import * as assert from 'node:assert/strict';
import { formatCount } from '../src/core/util/sizes';

describe('formatCount', function () {
  it('groups thousands with commas exactly as toLocaleString("en-US") does', function () {
    const values = [0, 7, 999, 1000, 1001, 20_000, 999_999, 1_000_000, 2_048, -5, -1234, -1_000_000, Number.MAX_SAFE_INTEGER, -0, 0.5, 1234.5678, 2 ** 60, NaN, Infinity];
    for (let i = 1; i < 1e15; i = i * 7 + 3) values.push(i, -i);
    for (const n of values) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
    assert.equal(formatCount(1_234_567), '1,234,567');
  });
});
