import { createRequire } from 'node:module';
import { medianMs } from './stats.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const { validate, revalidate } = require('../server/out/src/core/validate.js');

/**
 * Each YAML style of the catalogue (server/test/generate-layout.ts) at one size: its parse floor,
 * validate() end to end, and a one-character edit in the last partition re-validated from the
 * previous result (as the language server does for a keystroke). Runs of the styles are interleaved
 * so that machine noise hits them alike.
 */
export function measureStyles(texts, runs) {
  const out = new Map([...texts.keys()].map((s) => [s, { floor: Infinity, validate: Infinity, edit: Infinity }]));
  for (let round = 0; round < 3; round++) {
    for (const [style, text] of texts) {
      const m = out.get(style);
      if (!m) continue;
      if (round === 0) m.floor = medianMs(() => YAML.parseDocument(text), Math.max(1, Math.min(runs, 3)));
      m.validate = Math.min(m.validate, medianMs(() => validate(text), runs));
      m.edit = Math.min(m.edit, measureEdit(text, runs));
    }
  }
  return out;
}

/** A one-character edit of the last partition's virtualProcessors, re-validated from the previous result. */
function measureEdit(text, runs) {
  const at = text.lastIndexOf('virtualProcessors: 2') + 'virtualProcessors: '.length;
  let prev = validate(text);
  let k = 0;
  return medianMs(() => {
    k++;
    const next = `${text.slice(0, at)}${2 + (k % 3)}${text.slice(at + 1)}`;
    prev = revalidate(prev, next);
  }, runs);
}
