import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from '../../src/core/validate';

/** The repository's root folder (where package.json is). */
export const repoRoot = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'schemas'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
})();

export const fixturesDir = path.join(repoRoot, 'test-fixtures');
const cliPath = path.join(repoRoot, 'bin', 'partition-lint.js');

export function readJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, ...parts), 'utf8')) as T;
}

export function readText(...parts: string[]): string {
  return fs.readFileSync(path.join(repoRoot, ...parts), 'utf8');
}

/** Every file under `dir` (relative to the repository) whose name ends with `suffix`, recursively, sorted. */
export function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(repoRoot, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(suffix)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

export function fixture(...parts: string[]): string {
  return fs.readFileSync(path.join(fixturesDir, ...parts), 'utf8');
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process (`entry`: a test script that wraps it instead of bin/partition-lint.js). */
export function runCli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv; entry?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [opts.entry ?? cliPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    input: opts.input,
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every `*.partition.yaml` under a folder, sorted, relative to the repository root. */
export function layoutFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.partition.yaml')) out.push(path.relative(repoRoot, p));
    }
  };
  walk(dir);
  return out;
}

/** A finding as a user sees it: rule, 1-based line, the text under its range, message, related locations. */
export interface SeenFinding {
  rule: string;
  line: number;
  text: string;
  message: string;
  related: Array<{ line: number; text: string; message: string }>;
}

/** validate()'s findings for `text` whose rule passes `keep`, as a user sees them, in document order. */
export function seenFindings(text: string, keep: (rule: string) => boolean = () => true): SeenFinding[] {
  const r = validate(text);
  const line = (o: number): number => r.parsed.lines.position(o).line + 1;
  return r.findings
    .filter((f) => keep(f.rule))
    .map((f) => ({
      rule: f.rule,
      line: line(f.range.start),
      text: text.slice(f.range.start, f.range.end),
      message: f.message,
      related: (f.related ?? []).map((x) => ({ line: line(x.range.start), text: text.slice(x.range.start, x.range.end), message: x.message })),
    }));
}
