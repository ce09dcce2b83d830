import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validate } from '../src/core/validate';
import { fixturesDir, repoRoot, runCli } from './support';

/** `partition-lint import INVENTORY [--output FILE] [--force]` and `partition-lint inventory-script`. */

const inventory = (name: string): string => path.join(fixturesDir, 'inventory', `${name}.inventory.json`);

describe('partition-lint import', () => {
  let text: string;
  before(() => {
    const run = runCli(['import', inventory('host-ws2025-ps51')]);
    assert.equal(run.status, 0);
    text = run.stdout;
  });

  it('takes the release from the OS build and the host from Get-VMHost', () => {
    assert.match(text, /^ {2}release: ws2025 # OS build 10\.0\.26100$/m);
    assert.match(text, /^host:\n {2}logicalProcessors: 64\n {2}numaNodes: 2\n {2}numaSpanning: true\n {2}memory: 256GiB\n {2}iommu: true\n/m);
  });

  it('lists PCI devices with class, address, location path, MMIO and the FriendlyName in a comment', () => {
    assert.match(text, /^ {4}- id: gpu0 # NVIDIA A2 \(Display\)\n {6}class: gpu\n {6}address: 0000:17:00\.0\n {6}locationPath: PCIROOT\(16\)#PCI\(0100\)#PCI\(0000\)\n {6}mmio: 16416MiB\n {6}gpuPartitions: 4\n/m);
    assert.match(text, /^ {4}- id: nvme0 # Standard NVM Express Controller \(SCSIAdapter\)\n {6}class: storage\n/m);
    assert.match(text, /^ {4}- id: sys0 # Intel\(R\) Xeon\(R\) Processor PCI Express Root Port \(System\)\n {6}class: platform\n/m);
    assert.match(text, /^ {4}- id: dev1 # dismounted from the host \(PCIP\\VEN_10DE&DEV_1EB8&SUBSYS_12A210DE&REV_A1\\6&3F1C7E2&0&00000030\): its class, address and MMIO are not in the inventory\n {6}class: other\n {6}locationPath: PCIROOT\(48\)#PCI\(0300\)#PCI\(0000\)\n {6}assignable: true\n/m);
  });

  it('writes switches with their uplinks and SR-IOV, names made valid with the original in a comment', () => {
    assert.match(text, /^ {2}switches:\n {4}- name: lan # on the host: "LAN"\n {6}type: external\n {6}devices: \[nic0, nic1\]\n {6}sriov: true\n {4}- name: lab-internal # on the host: "Lab Internal"\n {6}type: internal\n {4}- name: isolated\n {6}type: private\n/m);
  });

  it('writes a root and each VM as a child: memory, devices by location path, adapters, nested, MMIO, GPU partition', () => {
    assert.match(text, /^partitions:\n {2}- name: root\n {4}role: root\n/m);
    assert.match(text, /^ {2}- name: web01\n {4}role: child\n {4}parent: root\n {4}generation: 2\n {4}virtualProcessors: 4\n {4}memory:\n {6}startup: 2GiB\n {6}minimum: 1GiB\n {6}maximum: 8GiB\n {6}buffer: 20\n {4}networkAdapters: \[lan\]\n/m);
    assert.match(text, /^ {2}- name: render01\n(?: {4}.*\n)* {4}memory: 64GiB\n {4}devices: \[dev1\]\n {4}networkAdapters: \[lan\]\n {4}mmioSpace:\n {6}low: 3GiB\n {6}high: 32\.5GiB\n/m);
    assert.match(text, /^ {4}gpuPartition: gpu0 # the inventory does not say which GPU the partition is on: the first partitionable GPU with a free partition$/m);
    assert.match(text, /^ {2}- name: build-agent-1 # on the host: "Build Agent #1"\n(?: {4}.*\n)* {4}virtualizationStack: true\n/m);
  });

  for (const host of ['host-ws2025-ps51', 'host-ws2025-ps7', 'host-ws2022-ps7', 'host-ws2025-utf8-bom']) {
    it(`writes a layout that passes check with no errors or warnings (${host})`, () => {
      const run = runCli(['import', inventory(host)]);
      assert.equal(run.status, 0, run.stderr);
      const findings = validate(run.stdout).findings.filter((f) => f.severity !== 'info');
      assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
    });
  }

  it('says what the inventory cannot tell', () => {
    assert.match(text, /^# Not in the inventory, so not written here: the hypervisor reserve; .*the root's VPs and memory/m);
  });

  it('maps an OS build it does not know to the nearest earlier release, with a comment', () => {
    const inv = JSON.parse(fs.readFileSync(inventory('host-ws2022-ps7'), 'utf8').replace(/^\uFEFF/, '')) as { os: { Version: string; BuildNumber: string } };
    inv.os = { Version: '10.0.25398', BuildNumber: '25398' };
    const run = runCli(['import', '-'], { input: JSON.stringify(inv) });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^ {2}release: ws2022 # OS build 10\.0\.25398 is not one partition-lint knows: the nearest earlier release$/m);
  });

  it('never overwrites a file without --force', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
    try {
      const out = path.join(tmp, 'host.partition.yaml');
      fs.writeFileSync(out, 'keep me\n');
      const refused = runCli(['import', inventory('host-ws2022-ps7'), '--output', out]);
      assert.equal(refused.status, 2);
      assert.equal(refused.stderr, `partition-lint: ${out} exists: partition-lint import does not overwrite a file; add --force to replace it, or name another --output\n`);
      assert.equal(fs.readFileSync(out, 'utf8'), 'keep me\n');
      const forced = runCli(['import', inventory('host-ws2022-ps7'), '--output', out, '--force']);
      assert.equal(forced.status, 0);
      assert.match(fs.readFileSync(out, 'utf8'), /^name: HV-EDGE-02$/m);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('bad inventories: a clear error, exit 2, no stack trace', () => {
    const run = runCli(['import', inventory('truncated-depth')]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^partition-lint: .*truncated-depth\.inventory\.json: ConvertTo-Json cut these 6 values at its -Depth, .* vms\[0\]\.processor .*-Depth 10 or more\n$/);
    const usage = runCli(['import']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^partition-lint: import needs one inventory file/);
    assert.equal(runCli(['import', inventory('host-ws2022-ps7'), '--inventory', 'x']).stderr, 'partition-lint: option --inventory is for partition-lint drift, not import\n');
  });
});

describe('partition-lint inventory-script', () => {
  it('prints the collector shipped in collector/', () => {
    const run = runCli(['inventory-script']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, fs.readFileSync(path.join(repoRoot, 'collector', 'collect-partition-inventory.ps1'), 'utf8'));
  });

  it('takes no paths', () => {
    const run = runCli(['inventory-script', 'x.json']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'partition-lint: inventory-script takes no paths, not "x.json"\n');
  });
});
