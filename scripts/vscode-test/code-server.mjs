// Starts code-server (the real VS Code 1.139 server and web workbench) on loopback, in a sandbox of
// temporary folders, and installs a .vsix into it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { poll, spawnGroup } from './processes.mjs';

/**
 * The folders of one run, all under `root` (a fresh temporary folder): HOME, TMPDIR and XDG_* of
 * every process point here, so nothing is left in the real home folder or /tmp.
 */
export function sandbox(root) {
  const s = {
    root,
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    logs: path.join(root, 'logs'),
  };
  for (const dir of Object.values(s)) mkdirSync(dir, { recursive: true });
  for (const xdg of ['config', 'cache', 'data', 'state', 'runtime']) mkdirSync(path.join(root, 'xdg', xdg), { recursive: true, mode: 0o700 });
  // The web workbench saves edits after a delay by default: a test's edit would be written back.
  const settings = {
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'window.commandCenter': false,
    'editor.minimap.enabled': false,
    'editor.stickyScroll.enabled': false,
  };
  mkdirSync(path.join(s.userData, 'User'), { recursive: true });
  writeFileSync(path.join(s.userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return s;
}

/** The environment of a process started in the sandbox: no VS Code or npm variables of the caller. */
export function sandboxEnv(s, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|npm_|NODE_OPTIONS$|NODE_PATH$)/.test(key)) continue;
    env[key] = value;
  }
  const xdg = (name) => path.join(s.root, 'xdg', name);
  return {
    ...env,
    HOME: s.home,
    TMPDIR: s.tmp,
    XDG_CONFIG_HOME: xdg('config'),
    XDG_CACHE_HOME: xdg('cache'),
    XDG_DATA_HOME: xdg('data'),
    XDG_STATE_HOME: xdg('state'),
    XDG_RUNTIME_DIR: xdg('runtime'),
    ...extra,
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function commonArgs(install, s) {
  return [install.entry, '--user-data-dir', s.userData, '--extensions-dir', s.extensions, '--disable-telemetry', '--disable-update-check'];
}

/** `code-server --install-extension <vsix>` into the sandbox's extensions folder (offline). */
export async function installExtension(install, s, vsix, timeoutMs = 60_000) {
  const logFile = path.join(s.logs, 'install-extension.log');
  const { exited } = spawnGroup(install.node, [...commonArgs(install, s), '--install-extension', vsix], { env: sandboxEnv(s), cwd: s.home, logFile });
  const result = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve({ timedOut: true }), timeoutMs))]);
  const output = readFileSync(logFile, 'utf8');
  if (result.timedOut) throw new Error(`code-server --install-extension did not finish in ${timeoutMs} ms:\n${output}`);
  if (result.code !== 0 || /failed|error/i.test(output.replace(/Installing extensions\.\.\./, ''))) {
    throw new Error(`code-server --install-extension ${path.basename(vsix)} failed (exit ${result.code}):\n${output}`);
  }
  return output.trim();
}

/** Starts code-server on 127.0.0.1 with a free port; resolves once GET /healthz answers. */
export async function startCodeServer(install, s, { env = {} } = {}) {
  const port = await freePort();
  const logFile = path.join(s.logs, 'code-server.log');
  const args = [
    ...commonArgs(install, s),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    // without it the workbench ignores the test payload and nothing runs
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const { child, exited } = spawnGroup(install.node, args, { env: sandboxEnv(s, env), cwd: s.home, logFile });
  let exit;
  void exited.then((e) => (exit = e));
  const url = `http://127.0.0.1:${port}`;
  await poll(
    'code-server /healthz',
    async () => {
      if (exit) throw new Error(`code-server exited (${exit.code ?? exit.signal}):\n${readFileSync(logFile, 'utf8')}`);
      const response = await fetch(`${url}/healthz`);
      return response.ok;
    },
    { timeoutMs: 60_000, intervalMs: 150 },
  ).catch((error) => {
    // a crash makes the poll's last error the useful one
    if (exit) throw new Error(`code-server exited (${exit.code ?? exit.signal}) before answering /healthz:\n${readFileSync(logFile, 'utf8')}`);
    throw error;
  });
  return { url, port, pid: child.pid, exited, logFile };
}
