/**
 * Runs the preview webview in headless Chromium: the real HTML from previewHtml(), the real bundled
 * webview (dist/webview/preview.js) and preview.css served from a loopback HTTP server, and a stub
 * `acquireVsCodeApi` that records what the webview posts and hands its filter and page requests to
 * the extension host's own PreviewSession. Models come from the real core. The preview tests and
 * `npm run bench` (bench/preview.mjs) both drive the webview through this file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AllocationModel } from '../../server/src/core/model/allocation-types';
import type * as AllocationModule from '../../server/src/core/model/allocation';
import type * as ValidateModule from '../../server/src/core/validate';
import { newNonce, previewHtml } from '../src/preview/preview-html';
import { parseFromWebview, type ViewUpdate } from '../src/preview/preview-messages';
import type * as SessionModule from '../src/preview/preview-session';
import type { WebviewTheme } from './preview-themes';
import { repoRoot } from './support';

export { repoRoot };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** One Chromium and one preview server for a mocha suite (call inside `describe`). */
export function chromiumSuite(): { browser(): Browser; server(): PreviewServer } {
  let browser: Browser | undefined;
  let server: PreviewServer | undefined;
  before(async function () {
    browser = await launchChromium();
    server = await startServer();
  });
  after(async function () {
    await browser?.close();
    await server?.close();
  });
  return { browser: () => browser!, server: () => server! };
}

/** @public (bench/preview.mjs loads it from the compiled harness) */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's "chromium" package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

// ------------------------------------------------------------------ models from the real core

interface Core {
  validate: typeof ValidateModule.validate;
  allocationModel: typeof AllocationModule.allocationModel;
}

let core: Core | undefined;

/** Loads the compiled core (server/out) the CLI and the server run. */
export async function loadCore(): Promise<Core> {
  if (!core) {
    const out = path.join(repoRoot, 'server', 'out', 'src', 'core');
    const v = (await import(pathToFileURL(path.join(out, 'validate.js')).href)) as typeof ValidateModule;
    const a = (await import(pathToFileURL(path.join(out, 'model', 'allocation.js')).href)) as typeof AllocationModule;
    core = { validate: v.validate, allocationModel: a.allocationModel };
  }
  return core;
}

/** A realistic layout of `children` partitions (the benchmark's generator, server/test/generate-layout.ts). */
export function generateLayout(children: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const generator = require(path.join(repoRoot, 'server', 'out', 'test', 'generate-layout.js')) as { generateLayout(children: number): string };
  return generator.generateLayout(children);
}

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test-fixtures', 'valid', name), 'utf8');
}

export type Session = InstanceType<typeof SessionModule.PreviewSession>;
export type AllocationAnswer = SessionModule.AllocationAnswer;

let sessionModule: typeof SessionModule | undefined;

/** A new host-side session: the extension's own PreviewSession, bundled with esbuild as the extension is. */
export async function newSession(pageSize?: number): Promise<Session> {
  if (!sessionModule) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-session-'));
    const outfile = path.join(dir, 'preview-session.js');
    await esbuild.build({ entryPoints: [path.join(repoRoot, 'client', 'src', 'preview', 'preview-session.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    sessionModule = (await import(pathToFileURL(outfile).href)) as typeof SessionModule;
  }
  return new sessionModule.PreviewSession(pageSize);
}

/** What the server answers for `text`, computed exactly as the server does. */
export async function analyse(text: string, version = 1): Promise<AllocationAnswer> {
  const { validate, allocationModel } = await loadCore();
  const result = validate(text);
  const problems = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) problems[f.severity]++;
  const answer: AllocationAnswer = { version, problems };
  if (result.model) answer.allocation = allocationModel(result.model, result.findings, result.parsed.lines);
  return answer;
}

export function uriOf(fileName: string): string {
  return `file:///layouts/${fileName}`;
}

// ---------------------------------------------------------------------------- the web server

export interface PreviewServer {
  origin: string;
  /** the HTML of the last page load (each load renders with a fresh nonce) */
  lastHtml: string;
  close(): Promise<void>;
}

/**
 * Serves the preview shell at /, the bundled webview and its stylesheet at /media/ on 127.0.0.1 with a random port.
 * @public (bench/preview.mjs loads it from the compiled harness)
 */
export async function startServer(): Promise<PreviewServer> {
  const files: Record<string, string> = { 'preview.js': path.join(repoRoot, 'dist', 'webview', 'preview.js'), 'preview.css': path.join(repoRoot, 'client', 'media', 'preview.css') };
  if (!fs.existsSync(files['preview.js'])) throw new Error(`${files['preview.js']} is missing: run npm run build`);
  const state: PreviewServer = { origin: '', lastHtml: '', close: () => Promise.resolve() };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', state.origin);
    if (url.pathname === '/') {
      state.lastHtml = previewHtml({ cspSource: state.origin, scriptUri: `${state.origin}/media/preview.js`, styleUri: `${state.origin}/media/preview.css`, nonce: newNonce() });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(state.lastHtml);
      return;
    }
    const file = /^\/media\/(preview\.(?:js|css))$/.exec(url.pathname)?.[1];
    if (file) {
      const type = file.endsWith('.js') ? 'text/javascript' : 'text/css';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(fs.readFileSync(files[file]));
      return;
    }
    // the browser's own favicon request: nothing to serve, and not an error of the panel
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

// ------------------------------------------------------------------------------ the webview

export interface Posted {
  type: string;
  [key: string]: unknown;
}

export interface PreviewPage {
  page: Page;
  /** the extension host's side: it answers the webview's filter and page requests */
  session: Session;
  /** analyses `text` as the server would and posts the session's view of it; waits until rendered */
  show(text: string, fileName: string, version?: number): Promise<AllocationModel | undefined>;
  /** posts the session's current message again (after `session.unavailable(…)`, say) and waits until rendered */
  showSession(message: ViewUpdate): Promise<void>;
  /** waits for the next render after an action in the page (a filter, a page button) */
  nextRender(action: () => Promise<void>): Promise<void>;
  /** console errors and warnings, uncaught exceptions, CSP violations and dialogs */
  problems: string[];
  dialogs: string[];
  /** posts a message to the webview as the extension would and waits until it rendered it */
  post(message: unknown): Promise<void>;
  /** posts a message that does not re-render (highlight); poll for its effect */
  postOnly(message: unknown): Promise<void>;
  posted(): Promise<Posted[]>;
  violations(): Promise<string[]>;
}

export async function openPreview(browser: Browser, server: PreviewServer, theme: WebviewTheme, viewport = { width: 1100, height: 900 }, pageSize?: number): Promise<PreviewPage> {
  const page = await browser.newPage({ viewport });
  const session = await newSession(pageSize);
  // the webview's requests reach the host's session, whose answers are posted back as the extension does
  await page.exposeFunction('__toHost', async (m: { type?: string; query?: unknown }) => {
    const parsed = parseFromWebview(m);
    const answer = parsed?.type === 'query' ? session.ask(parsed.query) : parsed?.type === 'resync' ? session.message() : undefined;
    if (answer) await page.evaluate((a) => window.postMessage(a, '*'), answer);
  });
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin)) problems.push(`request outside the webview's origin: ${r.url()}`);
  });
  await page.addInitScript(
    ({ variables, bodyClass }) => {
      const w = window as unknown as { __posted: unknown[]; __violations: string[]; __state: unknown; acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.__violations = [];
      w.__state = undefined;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => {
          w.__posted.push(JSON.parse(JSON.stringify(m)));
          void (window as unknown as { __toHost?: (m: unknown) => Promise<void> }).__toHost?.(m);
        },
        getState: () => w.__state,
        setState: (s: unknown) => {
          w.__state = s;
        },
      });
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      // What VS Code does: theme variables on <html>, the theme kind as a class on <body>.
      document.addEventListener('DOMContentLoaded', () => {
        for (const [k, v] of Object.entries(variables)) document.documentElement.style.setProperty(k, v);
        document.body.classList.add(bodyClass);
      });
    },
    { variables: theme.variables, bodyClass: theme.bodyClass },
  );
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'ready'));

  const posted = (): Promise<Posted[]> => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
  const renderedCount = async (): Promise<number> => (await posted()).filter((m) => m.type === 'rendered').length;
  const post = async (message: unknown): Promise<void> => {
    const before = await renderedCount();
    await page.evaluate((m) => window.postMessage(m, '*'), message);
    await page.waitForFunction((n) => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === 'rendered').length > n, before);
  };
  return {
    page,
    session,
    problems,
    dialogs,
    posted,
    async show(text: string, fileName: string, version = 1): Promise<AllocationModel | undefined> {
      const answer = await analyse(text, version);
      await post(session.answer(uriOf(fileName), fileName, answer));
      return answer.allocation;
    },
    showSession: post,
    async nextRender(action: () => Promise<void>): Promise<void> {
      const before = await renderedCount();
      await action();
      await page.waitForFunction((n) => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === 'rendered').length > n, before);
    },
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    post,
    async postOnly(message: unknown): Promise<void> {
      await page.evaluate((m) => window.postMessage(m, '*'), message);
    },
  };
}

/** Closes a test's page; after a passing test, checks that it saw no CSP violation, console error, outside request or dialog. */
export async function closeChecked(view: PreviewPage, test: Mocha.Test | undefined): Promise<void> {
  const violations = await view.violations();
  await view.page.close();
  if (test?.state === 'passed') {
    assert.deepEqual(violations, [], 'no CSP violation');
    assert.deepEqual(view.problems, [], 'no console error, page error or outside request');
    assert.deepEqual(view.dialogs, [], 'no dialog opened');
  }
}

/** Applies another theme to an open page (for screenshots). */
export async function applyTheme(page: Page, theme: WebviewTheme): Promise<void> {
  await page.evaluate(({ variables, bodyClass }) => {
    for (const [k, v] of Object.entries(variables)) document.documentElement.style.setProperty(k, v);
    document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
    document.body.classList.add(bodyClass);
  }, theme);
}

