import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { allocationModel } from '../src/core/model/allocation';
import { validate } from '../src/core/validate';
import { fixture, fixturesDir, layoutFiles } from './support';

/**
 * Property: whatever is done to a valid layout, validate() never throws, every finding's range lies
 * inside the text, findings come sorted, and the allocation model can still be computed.
 */
const TOKENS = [':', ': ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '&b ', '*b', '\t', '\r\n', '\n', '# ', "'", '"', '---\n', '...', '!vm ', '!!str ', '<<: *a', '? ', '|\n', '>-\n', '0x1F', '1e9', '-1', '.inf', 'null', '~', '\u0000', '\ufeff', '\ufffd', 'é', '😀', '  ', 'devices: [gpu0]', 'role: root', 'parent: web01', 'memory: 1KB', '"4-7"', '# partition-lint-disable-next-line', '# partition-lint-disable-file schema, nope'];

type Edit = { kind: 'insert'; at: number; token: string } | { kind: 'delete'; at: number; len: number } | { kind: 'dupLine'; at: number } | { kind: 'dropLine'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
);

function apply(text: string, e: Edit): string {
  if (text.length === 0) return e.kind === 'insert' ? e.token : text;
  const at = e.at % (text.length + 1);
  switch (e.kind) {
    case 'insert':
      return text.slice(0, at) + e.token + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.len);
    case 'dupLine':
    case 'dropLine': {
      const lines = text.split('\n');
      const i = e.at % lines.length;
      if (e.kind === 'dupLine') lines.splice(i, 0, lines[i]);
      else lines.splice(i, 1);
      return lines.join('\n');
    }
  }
}

describe('property: validate() survives any edit of a valid layout', () => {
  for (const file of layoutFiles(path.join(fixturesDir, 'valid'))) {
    it(path.basename(file), function () {
      this.timeout(120_000);
      const original = fixture(...path.relative(fixturesDir, path.resolve(file)).split(path.sep));
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
          const text = edits.reduce(apply, original);
          const result = validate(text);
          let last = -1;
          for (const f of result.findings) {
            assert.ok(Number.isInteger(f.range.start) && Number.isInteger(f.range.end), `non-integer range ${JSON.stringify(f)}`);
            assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `range outside the text: ${JSON.stringify(f)}`);
            assert.ok(f.range.start >= last, 'findings not sorted');
            last = f.range.start;
            assert.ok(f.message.length > 0 && f.rule.length > 0);
            for (const r of f.related ?? []) assert.ok(r.range.start >= 0 && r.range.end <= text.length && r.range.start <= r.range.end);
          }
          if (result.model) {
            const alloc = allocationModel(result.model, result.findings, result.parsed.lines);
            JSON.stringify(alloc);
          }
        }),
        { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261124) },
      );
    });
  }
});
