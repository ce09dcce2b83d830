import { createRequire } from 'node:module';
import { medianMs } from './stats.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const { validate, revalidate } = require('../server/out/src/core/validate.js');

/**
 * The floor (yaml's parseDocument), validate() end to end, and a one-line edit near the end of the
 * file re-validated from the previous result. Floor and validate runs are interleaved so that
 * machine noise hits both alike.
 */
export function measureCore(text, runs) {
  const floors = [];
  const full = [];
  for (let i = 0; i < 3; i++) {
    floors.push(medianMs(() => YAML.parseDocument(text), runs));
    full.push(medianMs(() => validate(text), runs));
  }
  const at = text.lastIndexOf('virtualProcessors: 2');
  let prev = validate(text);
  let k = 0;
  const edit = medianMs(() => {
    k++;
    const next = `${text.slice(0, at)}virtualProcessors: ${2 + (k % 3)}${text.slice(at + 'virtualProcessors: 2'.length)}`;
    prev = revalidate ? revalidate(prev, next) : validate(next);
  }, runs);
  return { floor: Math.min(...floors), validate: Math.min(...full), edit };
}
