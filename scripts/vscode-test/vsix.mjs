// What the packaged extension (.vsix, a zip) must and must not contain. Reads the zip's central
// directory itself, so the check needs neither unzip nor a zip library.
import { readFileSync } from 'node:fs';

/** Files the extension reads at run time (paths inside the .vsix, case-insensitive). */
export const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/schemas/partition-layout.schema.json',
  'extension/syntaxes/partition-yaml.tmLanguage.json',
  'extension/language-configuration.json',
  'extension/dist/webview/preview.js',
  'extension/client/media/preview.css',
];

/** Patterns nothing in the .vsix may match: tests, fixtures, sources, build output of tsc, maps. */
export const FORBIDDEN = [
  { what: 'test fixtures', re: /(^|\/)test-fixtures\// },
  { what: 'tests', re: /(^|\/)(test|tests)\/|\.test\.[cm]?js$/ },
  { what: 'TypeScript sources', re: /\.ts$/ },
  { what: 'source folders', re: /^extension\/(server|client)\/src\// },
  { what: 'tsc output', re: /^extension\/(server|client)\/out\// },
  { what: 'source maps', re: /\.map$/ },
  { what: 'node_modules', re: /(^|\/)node_modules\// },
  { what: 'caches, scripts, benchmarks, CI', re: /^extension\/(\.cache|scripts|bench|\.ci|\.github)\// },
  { what: 'screenshots and docs', re: /^extension\/docs\// },
  { what: 'packages', re: /\.vsix$/ },
  { what: 'the CLI bundle', re: /^extension\/(dist\/cli\.js|bin\/)/ },
];

/** The names of the files in a zip archive, from its central directory. */
export function zipEntries(file) {
  const zip = readFileSync(file);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip archive (no end-of-central-directory record)`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory at entry ${n}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Throws with every problem found; returns the file list when the .vsix is right. */
export async function checkVsixContents(file) {
  const names = zipEntries(file);
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const problems = [];
  for (const required of REQUIRED) if (!lower.has(required.toLowerCase())) problems.push(`missing ${required}`);
  for (const name of names) {
    const hit = FORBIDDEN.find((f) => f.re.test(name));
    if (hit) problems.push(`contains ${hit.what}: ${name}`);
  }
  if (problems.length > 0) throw new Error(`${file}:\n${problems.join('\n')}\nfiles: ${names.join(', ')}`);
  return names;
}
