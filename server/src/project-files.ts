import * as fs from 'node:fs';
import * as path from 'node:path';

let rootDir: string | undefined;

/**
 * The folder of the installed package (where package.json and schemas/ are), found by walking up from
 * this file: the same code runs from server/out, from dist/ bundles and from an installed extension.
 */
function packageRoot(): string {
  if (rootDir) return rootDir;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'schemas', 'partition-layout.schema.json'))) return (rootDir = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`partition-layout: cannot find schemas/ above ${__dirname}`);
    dir = up;
  }
}

export function packageFile(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}

let cachedVersion: string | undefined;

/** The version of the package.json this code ships in (partition-lint's and the server's). */
export function packageVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(fs.readFileSync(packageFile('package.json'), 'utf8')) as { version?: unknown };
    cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cachedVersion;
}
