#!/usr/bin/env node
// Runs the same integration suite (client/src/test/suite) in a desktop VS Code downloaded by
// @vscode/test-electron (a devDependency): for a desktop with internet access (it downloads VS Code
// from Microsoft on first use, into .vscode-test/; CI and offline machines use run-vscode-tests.mjs,
// which needs no download). Offline, and with no VS Code downloaded before, it says so and exits 1.
//
//   npm run test:vscode:electron                                            the checkout
//   npm run package && node scripts/vscode-test/run-electron.mjs --installed the .vsix
// Options: --vscode-version V (default 1.139.1, the VS Code code-server 4.139.1 bundles),
//          --vsix FILE, --keep. On Linux without a display, run it under `xvfb-run -a`.
// The last line is `N passed, N failed`, as with run-vscode-tests.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './install-code-server.mjs';

const EXTENSION_ID = 'partition-layout.partition-layout';

const { values: options } = parseArgs({
  options: {
    installed: { type: 'boolean', default: false },
    vsix: { type: 'string', default: path.join(repoRoot, 'partition-layout.vsix') },
    'vscode-version': { type: 'string', default: '1.139.1' },
    keep: { type: 'boolean', default: false },
  },
});

async function loadTestElectron() {
  try {
    return await import('@vscode/test-electron');
  } catch {
    throw new Error('@vscode/test-electron is not installed: run `npm ci` (it is a devDependency).');
  }
}

async function main() {
  const testsPath = path.join(repoRoot, 'client', 'out', 'src', 'test', 'suite', 'index.js');
  if (!existsSync(testsPath)) throw new Error(`${path.relative(repoRoot, testsPath)} is missing: run \`npm run build\` first`);
  if (options.installed && !existsSync(options.vsix)) throw new Error(`${options.vsix} is missing: run \`npm run package\` first`);
  if (!options.installed && !existsSync(path.join(repoRoot, 'dist', 'client.js'))) throw new Error('dist/client.js is missing: run `npm run build` first');
  const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = await loadTestElectron();

  const root = mkdtempSync(path.join(tmpdir(), 'partition-layout-electron-'));
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  const workspace = path.join(root, 'workspace');
  const resultFile = path.join(root, 'result.json');
  for (const dir of [path.join(userData, 'User'), extensions, workspace]) mkdirSync(dir, { recursive: true });
  // as in run-vscode-tests.mjs: nothing a test edits is saved behind its back
  writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify({ 'files.autoSave': 'off', 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'extensions.autoUpdate': false }, null, 2)}\n`);

  try {
    const vscodeExecutablePath = await downloadVSCode(downloadAndUnzipVSCode, options['vscode-version']);
    const env = { PARTITION_LAYOUT_TEST_RESULT_FILE: resultFile };
    let developmentPath = repoRoot;
    if (options.installed) {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
      const install = spawnSync(cli, [...cliArgs, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', path.resolve(options.vsix)], { encoding: 'utf8', shell: process.platform === 'win32' });
      if (install.status !== 0) throw new Error(`code --install-extension failed:\n${install.stdout}${install.stderr}`);
      if (!readdirSync(extensions).some((n) => n.toLowerCase().startsWith(`${EXTENSION_ID}-`))) throw new Error(`${EXTENSION_ID} is not in ${extensions} after installing`);
      // VS Code runs extensionTestsPath only in extension development mode: an empty extension
      // stands in, so that the extension under test is the installed one.
      developmentPath = path.join(root, 'test-host');
      mkdirSync(developmentPath, { recursive: true });
      writeFileSync(path.join(developmentPath, 'package.json'), JSON.stringify({ name: 'partition-layout-test-host', publisher: 'partition-layout-tests', version: '0.0.0', engines: { vscode: '^1.90.0' } }));
      env.PARTITION_LAYOUT_TEST_EXTENSIONS_DIR = extensions;
    } else {
      env.PARTITION_LAYOUT_TEST_DEVELOPMENT_PATH = repoRoot;
    }

    let exitError;
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: developmentPath,
        extensionTestsPath: testsPath,
        extensionTestsEnv: env,
        launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      });
    } catch (error) {
      exitError = error;
    }
    const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
    if (!result) throw new Error(`the suite wrote no result${exitError ? `: ${exitError instanceof Error ? exitError.message : String(exitError)}` : ''}`);
    if (result.activationMs !== undefined) console.log(`vscode-test: activation of the ${options.installed ? 'installed' : 'development'} extension: ${result.activationMs} ms`);
    return result;
  } finally {
    if (options.keep) console.log(`vscode-test: kept ${root}`);
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

/** The desktop VS Code (downloaded on first use); a clear message when there is no internet for that. */
async function downloadVSCode(download, version) {
  try {
    return await download(version);
  } catch (error) {
    const code = error?.code ?? error?.cause?.code;
    if (!OFFLINE_CODES.has(code) && !/getaddrinfo|socket hang up|network/i.test(String(error?.message))) throw error;
    throw new Error(
      `cannot download VS Code ${version} from update.code.visualstudio.com (${code ?? error.message}): this runner needs internet access ` +
        'the first time, to download a desktop VS Code. This machine looks offline. Run `npm run test:vscode` instead: the same suite in ' +
        'code-server, which needs no download.',
    );
  }
}

let passed = 0;
let failed = 0;
try {
  ({ passed, failed } = await main());
} catch (error) {
  console.error(`vscode-test: ${error instanceof Error ? error.message : String(error)}`);
  failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
