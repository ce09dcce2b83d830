// Debian's chromium, driven by playwright-core, opening code-server's web workbench: either with a
// test payload (VS Code then runs the mocha suite in its extension host and reports the exit code
// through window.codeAutomationExit) or as a person would use it (ui-test.mjs).
import { appendFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { sandboxEnv } from './code-server.mjs';
import { trackGroup } from './processes.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches chromium in its own process group (tracked for clean-up) and connects to it. */
export async function launchBrowser(s) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's "chromium" package (scripts/setup.sh) or set CHROMIUM_PATH.`);
  }
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: sandboxEnv(s),
    // the runner's own handlers kill every group it started
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  trackGroup(server.process().pid);
  const browser = await chromium.connect(server.wsEndpoint());
  return { server, browser };
}

/** A remote URI of code-server for a local path: the authority is the page's host:port. */
export function remoteUri(codeServer, file) {
  return `vscode-remote://127.0.0.1:${codeServer.port}${file.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** The workbench URL for `folder`, with the smoke-test payload entries (`[name, value]` pairs). */
export function workbenchUrl(codeServer, folder, payload = []) {
  const url = new URL(codeServer.url);
  url.searchParams.set('folder', folder);
  if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/**
 * Opens the workbench with the test payload and resolves with the suite's exit code once VS Code
 * calls codeAutomationExit. `onLine(line, source)` receives every log line: source 'automation'
 * (the workbench log, through codeAutomationLog) or 'console' (the browser console, which mirrors
 * the workbench log and carries the extension host's console when no development path is given).
 */
export async function runSuiteInWorkbench(browser, codeServer, { folder, developmentPath, testsPath, logFile, onLine }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const write = (line, source) => {
    appendFileSync(logFile, `${line}\n`);
    onLine(line, source);
  };
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = Array.isArray(args) ? args.map(String).join(' ') : String(args);
    for (const line of text.split('\n')) write(`[${type}] ${line}`, 'automation');
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('console', (message) => {
    for (const line of message.text().split('\n')) write(`[console.${message.type()}] ${line}`, 'console');
  });
  page.on('pageerror', (error) => write(`[pageerror] ${error.message}`, 'console'));

  const payload = [];
  if (developmentPath) payload.push(['extensionDevelopmentPath', remoteUri(codeServer, developmentPath)]);
  payload.push(['extensionTestsPath', remoteUri(codeServer, testsPath)], ['skipWelcome', 'true']);
  await page.goto(workbenchUrl(codeServer, folder, payload));
  return { page, context, exit };
}
