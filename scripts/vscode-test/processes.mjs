// Process groups the runner starts, and their clean-up. Every child is started detached (its own
// process group, pgid = pid), so that killing `-pid` also ends what it spawned (code-server's
// extension host and language server, chromium's renderers).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** pgids still to kill */
const groups = new Set();

/** Remembers a process group to kill at clean-up (for groups spawned by a library). */
export function trackGroup(pid) {
  if (pid) groups.add(pid);
}

/**
 * Spawns `command` in its own process group; stdout and stderr go to `logFile`. Returns the child
 * and a promise of its exit (`{ code, signal }`).
 */
export function spawnGroup(command, args, { env, cwd, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  trackGroup(child.pid);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: null, signal: null, error }));
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  void exited.then(() => {
    groups.delete(child.pid);
    log.end();
  });
  return { child, exited };
}

/** Sends SIGTERM to every tracked group, waits up to `graceMs`, then SIGKILLs what is left. */
export async function killAll(graceMs = 3000) {
  const pending = [...groups];
  for (const pgid of pending) signal(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pending.some(alive)) await delay(100);
  for (const pgid of pending) {
    if (alive(pgid)) signal(pgid, 'SIGKILL');
    groups.delete(pgid);
  }
}

/** Whether any process of the group still exists. */
export function alive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pgid, name) {
  try {
    process.kill(-pgid, name);
  } catch {
    // already gone
  }
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` (sync or async) every `intervalMs` until it returns a truthy value; throws after `timeoutMs`. */
export async function poll(what, check, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await delay(intervalMs);
  }
}
