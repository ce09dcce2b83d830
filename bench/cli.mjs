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
    const run = (args) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`partition-lint exited ${r.status}: ${r.stderr || r.stdout.slice(0, 500)}`);
      return ms;
    };
    const many = median([run([dir]), run([dir]), run([dir])]);
    const one = path.join(dir, 'host0000.partition.yaml');
    const cold = median(Array.from({ length: 7 }, () => run([one])));
    // node's own start on this machine, for scale
    const startup = median(
      Array.from({ length: 7 }, () => {
        const t0 = process.hrtime.bigint();
        spawnSync(process.execPath, ['-e', '0']);
        return Number(process.hrtime.bigint() - t0) / 1e6;
      }),
    );
    return { files, many, cold, startup };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
