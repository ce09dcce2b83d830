#!/usr/bin/env node
// Runs the extension's integration suite (client/src/test/suite) inside a real VS Code: code-server
// 4.139.1 (VS Code 1.139.1, a real Node extension host) driven by Debian's headless chromium through
// playwright-core. Then one UI-level test drives the workbench as a person would (ui-test.mjs).
//
//   node scripts/vscode-test/run-vscode-tests.mjs               the checkout (needs `npm run build`)
//   node scripts/vscode-test/run-vscode-tests.mjs --installed   the .vsix of `npm run package`,
//                                                               installed with --install-extension
// Options: --vsix FILE, --no-ui, --update-screenshots (write docs/images/vscode-*.png),
//          --no-suite (the UI test only), --timeout SECONDS (default 600), --keep (keep the
//          temporary folder), --verbose.
// Every process it starts runs in its own process group and is killed at the end, on failure, on
// timeout and on SIGINT/SIGTERM. The last line is `N passed, N failed`; the exit code is 0 only
// when nothing failed.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { installExtension, sandbox, startCodeServer } from './code-server.mjs';
import { cacheDir, ensureCodeServer, repoRoot } from './install-code-server.mjs';
import { killAll } from './processes.mjs';
import { runUiTest } from './ui-test.mjs';
import { checkVsixContents } from './vsix.mjs';
import { launchBrowser, runSuiteInWorkbench } from './workbench.mjs';

const RESULT_MARKER = '[vscode-suite-result]';
const SUITE_PREFIX = '[vscode-suite] ';
const EXTENSION_ID = 'partition-layout.partition-layout';

const { values: options } = parseArgs({
  options: {
    installed: { type: 'boolean', default: false },
    vsix: { type: 'string', default: path.join(repoRoot, 'partition-layout.vsix') },
    ui: { type: 'boolean', default: true },
    suite: { type: 'boolean', default: true },
    'update-screenshots': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  allowNegative: true,
});

const tally = { passed: 0, failed: 0 };
const failures = [];
function pass(name, detail = '') {
  tally.passed++;
  console.log(`  ✓ ${name}${detail ? ` (${detail})` : ''}`);
}
function fail(name, error) {
  tally.failed++;
  const message = error instanceof Error ? error.message : String(error);
  failures.push(`${name}: ${message}`);
  console.log(`  ✗ ${name}\n${indent(message)}`);
}
function indent(text) {
  return text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

let root;
let cleaning;
async function cleanUp() {
  cleaning ??= (async () => {
    await killAll();
    if (!root) return;
    // keep the logs of the last run for CI and for looking into failures
    const lastRun = path.join(cacheDir, 'last-run');
    rmSync(lastRun, { recursive: true, force: true });
    if (existsSync(path.join(root, 'logs'))) cpSync(path.join(root, 'logs'), lastRun, { recursive: true });
    if (options.keep) console.log(`vscode-test: kept ${root}`);
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`vscode-test: ${signal}: stopping every process this run started`);
    void cleanUp().finally(() => {
      console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  });
}

async function main() {
  const timeoutSeconds = Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(`--timeout must be a number of seconds, got "${options.timeout}"`);
  const testsPath = path.join(repoRoot, 'client', 'out', 'src', 'test', 'suite', 'index.js');
  if (!existsSync(testsPath)) throw new Error(`${path.relative(repoRoot, testsPath)} is missing: run \`npm run build\` first`);
  if (options.installed) {
    if (!existsSync(options.vsix)) throw new Error(`${options.vsix} is missing: run \`npm run package\` first`);
  } else if (!existsSync(path.join(repoRoot, 'dist', 'client.js'))) {
    throw new Error('dist/client.js is missing: run `npm run build` first');
  }

  const install = ensureCodeServer();
  root = mkdtempSync(path.join(tmpdir(), 'partition-layout-vscode-'));
  const s = sandbox(root);
  // playwright puts chromium's profile in os.tmpdir(): keep it inside the sandbox too
  process.env.TMPDIR = s.tmp;
  console.log(`vscode-test: ${options.installed ? `installed mode: ${path.relative(repoRoot, options.vsix)}` : 'development mode: the checkout'}; sandbox ${root}`);

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the run took longer than ${timeoutSeconds} s (--timeout)`)), timeoutSeconds * 1000);
  });
  try {
    await Promise.race([runAll(install, s), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runAll(install, s) {
  const suiteEnv = {};
  if (options.installed) {
    const vsix = path.resolve(options.vsix);
    try {
      const files = await checkVsixContents(vsix);
      pass('.vsix contains what the extension needs and no tests, fixtures, sources or source maps', `${files.length} files, ${(statSync(vsix).size / 1024).toFixed(1)} KiB`);
    } catch (error) {
      fail('.vsix contents', error);
    }
    try {
      const output = await installExtension(install, s, vsix);
      const installedDir = readdirFor(s.extensions, EXTENSION_ID);
      if (!installedDir) throw new Error(`no ${EXTENSION_ID}-* folder in the extensions folder after installing:\n${output}`);
      pass('code-server --install-extension installs the .vsix', path.basename(installedDir));
    } catch (error) {
      fail('code-server --install-extension', error);
      return;
    }
    suiteEnv.PARTITION_LAYOUT_TEST_EXTENSIONS_DIR = s.extensions;
  } else {
    suiteEnv.PARTITION_LAYOUT_TEST_DEVELOPMENT_PATH = repoRoot;
  }

  // the suite writes its counts here too (the log line is the fallback)
  suiteEnv.PARTITION_LAYOUT_TEST_RESULT_FILE = path.join(s.logs, 'suite-result.json');
  const codeServer = await startCodeServer(install, s, { env: suiteEnv });
  console.log(`vscode-test: code-server (VS Code ${vscodeVersion(install)}) at ${codeServer.url}`);
  const { browser } = await launchBrowser(s);

  const suite = options.suite ? await runSuite(browser, codeServer, s) : { result: { passed: 0, failed: 0 }, exitCode: 0 };
  if (options.suite && existsSync(suiteEnv.PARTITION_LAYOUT_TEST_RESULT_FILE)) suite.result = JSON.parse(readFileSync(suiteEnv.PARTITION_LAYOUT_TEST_RESULT_FILE, 'utf8'));
  if (!suite.result) {
    fail('the VS Code suite reported its results', new Error(`no result line from the suite (exit code ${suite.exitCode}); logs in ${path.join(cacheDir, 'last-run')}`));
  } else {
    tally.passed += suite.result.passed;
    tally.failed += suite.result.failed;
    if (suite.exitCode !== 0 && suite.result.failed === 0) fail('the VS Code suite exited cleanly', new Error(`exit code ${suite.exitCode}`));
    if (suite.result.activationMs !== undefined) console.log(`vscode-test: activation of the ${options.installed ? 'installed' : 'development'} extension: ${suite.result.activationMs} ms`);
  }

  if (options.ui) {
    const shots = options['update-screenshots'] ? path.join(repoRoot, 'docs', 'images') : path.join(s.logs, 'screenshots');
    mkdirSync(shots, { recursive: true });
    try {
      const detail = await runUiTest(browser, codeServer, s, { developmentPath: options.installed ? undefined : repoRoot, screenshots: shots });
      pass('UI: open a layout, read the Problems panel, open the preview, export a script', detail);
    } catch (error) {
      fail('UI: open a layout, read the Problems panel, open the preview, export a script', error);
    }
  }
  await browser.close().catch(() => undefined);
}

async function runSuite(browser, codeServer, s) {
  const logFile = path.join(s.logs, 'workbench.log');
  /** @type {{ passed: number, failed: number, activationMs?: number } | undefined} */
  let result;
  // The suite's lines reach the page twice when the workbench mirrors its log to the console:
  // follow the first source that delivers one.
  let suiteSource;
  const { exit, context } = await runSuiteInWorkbench(browser, codeServer, {
    folder: s.workspace,
    developmentPath: options.installed ? testHost(s) : repoRoot,
    testsPath: path.join(repoRoot, 'client', 'out', 'src', 'test', 'suite', 'index.js'),
    logFile,
    onLine: (line, source) => {
      const isSuite = line.includes(SUITE_PREFIX) || line.includes(RESULT_MARKER);
      if (isSuite) suiteSource ??= source;
      if (isSuite && source !== suiteSource) return;
      const marker = line.indexOf(RESULT_MARKER);
      if (marker >= 0) {
        result = JSON.parse(line.slice(marker + RESULT_MARKER.length));
        return;
      }
      const suiteLine = line.indexOf(SUITE_PREFIX);
      if (suiteLine >= 0) console.log(line.slice(suiteLine + SUITE_PREFIX.length));
      else if (options.verbose) console.log(line);
    },
  });
  const exitCode = await exit;
  await context.close().catch(() => undefined);
  return { exitCode, result };
}

/**
 * An empty extension to pass as the development path in --installed mode: VS Code runs an
 * extensionTestsPath only in extension development mode, and the extension under test must be the
 * installed one, not the checkout.
 */
function testHost(s) {
  const dir = path.join(s.root, 'test-host');
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'partition-layout-test-host', publisher: 'partition-layout-tests', version: '0.0.0', engines: { vscode: '^1.90.0' } };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

function readdirFor(dir, id) {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const name = names.find((n) => n.toLowerCase().startsWith(`${id}-`));
  return name && path.join(dir, name);
}

function vscodeVersion(install) {
  try {
    return JSON.parse(readFileSync(path.join(install.codeServer, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  fail('vscode-test run', error);
} finally {
  await cleanUp();
}
if (tally.failed > 0) {
  exitCode = 1;
  if (failures.length > 0) console.log(`vscode-test: failed:\n${failures.map((f) => `  - ${f.split('\n')[0]}`).join('\n')}`);
}
if (tally.passed === 0 && tally.failed === 0) exitCode = 1;
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(exitCode);
