import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './stats.mjs';

/** The CLI: one invocation over many typical 50-line layouts, a cold single-file run, and node's own start. */
export function measureCli(root, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-bench-cli-'));
  try {
    const base = fs.readFileSync(path.join(root, 'test-fixtures/valid/modern-gpu-nic.partition.yaml'), 'utf8');
    for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, `host${String(i).padStart(4, '0')}.partition.yaml`), base.replace('name: hv-lab-01', `name: hv-lab-${i}`));
    const bin = path.join(root, 'bin/partition-lint.js');
    const run = (args, env = process.env) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`partition-lint exited ${r.status}: ${r.stderr || r.stdout.slice(0, 500)}`);
      return ms;
    };
    const many = median([run([dir]), run([dir]), run([dir])]);
    const one = path.join(dir, 'host0000.partition.yaml');
    // node's own start on this machine, for scale
    const nodeStart = (env) =>
      median(
        Array.from({ length: 7 }, () => {
          const t0 = process.hrtime.bigint();
          spawnSync(process.execPath, ['-e', '0'], { env });
          return Number(process.hrtime.bigint() - t0) / 1e6;
        }),
      );
    const cold = median(Array.from({ length: 7 }, () => run([one])));
    const startup = nodeStart(process.env);
    // NODE_EXTRA_CA_CERTS makes every node process read and parse those certificates as it starts
    // (this machine's CI sets it): the same runs without it, as most users' machines run.
    let plain;
    if (process.env.NODE_EXTRA_CA_CERTS) {
      const env = { ...process.env };
      delete env.NODE_EXTRA_CA_CERTS;
      plain = { cold: median(Array.from({ length: 7 }, () => run([one], env))), startup: nodeStart(env) };
    }
    return { files, many, cold, startup, plain };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
