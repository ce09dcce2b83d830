import * as assert from 'node:assert/strict';
import { allocationModel } from '../src/core/model/allocation';
import { validate, type ValidateResult } from '../src/core/validate';
import { describeLocations } from './locations-dump';

/** What revalidate() gave for `text` must be exactly what validate(text) gives: findings, data, positions, model. */
export function sameAsFull(incremental: ValidateResult, text: string): void {
  const full = validate(text);
  assert.deepEqual(incremental.findings, full.findings);
  assert.deepEqual(incremental.parsed.data, full.parsed.data);
  if (incremental.parsed.locations && full.parsed.locations) {
    assert.deepEqual(describeLocations(incremental.parsed.data, incremental.parsed.locations), describeLocations(full.parsed.data, full.parsed.locations), `positions differ for ${JSON.stringify(text)}`);
  }
  assert.equal(incremental.model === undefined, full.model === undefined);
  if (incremental.model && full.model) {
    assert.deepEqual(allocationModel(incremental.model, incremental.findings, incremental.parsed.lines), allocationModel(full.model, full.findings, full.parsed.lines));
  }
}
