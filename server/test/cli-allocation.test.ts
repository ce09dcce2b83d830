import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { AllocationModel } from '../src/core/model/allocation-types';
import { allocationModel } from '../src/core/model/allocation';
import { validate } from '../src/core/validate';
import { fixture, runCli, type CliRun } from './support';

/** `partition-lint allocation FILE [--format text|json]` (docs/allocation-json.md; README "Command line"). */

const MODERN = 'test-fixtures/valid/modern-gpu-nic.partition.yaml';

function usageError(run: CliRun, line: string): void {
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `partition-lint: ${line}\n`);
}

describe('partition-lint allocation --format json', () => {
  let model: AllocationModel;
  before(() => {
    const run = runCli(['allocation', MODERN, '--format', 'json']);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    model = JSON.parse(run.stdout) as AllocationModel;
  });

  it('prints who owns each device and how', () => {
    assert.deepEqual(
      model.devices.map((d) => [d.id, d.owner, d.how, d.driverRunsIn ?? null]),
      [
        ['nic0', 'root', 'root-listed', 'root'],
        ['nic1', 'edge01', 'assigned', 'edge01'],
        ['gpu0', 'render01', 'assigned', 'render01'],
        ['disk0', 'root', 'root-default', 'root'],
        ['acpi', 'root', 'root-default', null],
      ],
    );
    assert.deepEqual(model.devices.find((d) => d.id === 'disk0')?.backs, [{ class: 'storage', partitions: ['web01', 'render01', 'edge01'] }]);
  });

  it('prints the memory split: reserve, root, each child, free', () => {
    const GiB = 1024 ** 3;
    assert.equal(model.memory.host, 128 * GiB);
    assert.deepEqual(
      model.memory.segments.map((s) => [s.owner, s.kind, s.bytes]),
      [
        ['hypervisor', 'hypervisor', 0.5 * GiB],
        ['root', 'root', 8 * GiB],
        ['web01', 'child', 2 * GiB],
        ['render01', 'child', 32 * GiB],
        ['edge01', 'child', 16 * GiB],
        ['free', 'free', 69.5 * GiB],
      ],
    );
    assert.equal(model.processors.childVirtualProcessors, 14);
  });

  it('is the core\'s allocation model of the file, unchanged', () => {
    const r = validate(fixture('valid', 'modern-gpu-nic.partition.yaml'));
    assert.ok(r.model);
    assert.deepEqual(model, JSON.parse(JSON.stringify(allocationModel(r.model, r.findings, r.parsed.lines))));
  });
});

describe('partition-lint allocation (text)', () => {
  let out: string[];
  before(() => {
    const run = runCli(['allocation', MODERN]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    out = run.stdout.split('\n');
  });
  /** the first row starting with `first` after the line starting with `section` */
  const row = (first: string, section = ''): string[] => {
    const from = out.findIndex((l) => l.startsWith(section));
    const line = out.slice(from).find((l) => l.trim().split(/\s{2,}/)[0] === first);
    assert.ok(line, `no row starting with ${first}:\n${out.join('\n')}`);
    return line.trim().split(/\s{2,}/);
  };

  it('names the layout, the release and the problem count', () => {
    assert.equal(out[0], 'Layout hv-lab-01: Windows Server 2025 (ws2025), microkernelized hypervisor');
    assert.equal(out[1], 'Problems: 0 errors, 0 warnings, 0 infos');
  });

  it('prints the device ownership table: owner, how, where the driver runs', () => {
    assert.deepEqual(row('gpu0', 'Devices:'), ['gpu0', 'gpu', '0000:65:00.0', 'render01', 'nvlddmkm in render01', 'assigned']);
    assert.deepEqual(row('nic0', 'Devices:'), ['nic0', 'network', '0000:03:00.0', 'root', 'ixgbe in root', 'root (listed); backs synthetic network for web01']);
    assert.deepEqual(row('disk0', 'Devices:'), ['disk0', 'storage', '-', 'root', 'stornvme in root', 'root by default; backs synthetic storage for web01, render01, edge01']);
    assert.deepEqual(row('acpi', 'Devices:'), ['acpi', 'platform', '-', 'root', '-', 'root by default']);
  });

  it('prints memory per owner with sizes and shares of the host', () => {
    assert.ok(out.includes('Memory: 128 GiB (137,438,953,472 bytes)'));
    assert.deepEqual(row('hypervisor', 'Memory:'), ['hypervisor', 'reserve', '512 MiB', '0.4%']);
    assert.deepEqual(row('web01', 'Memory:').slice(0, 5), ['web01', 'child', '2 GiB', '1.6%', 'dynamic: startup counted, 1 GiB to 4 GiB']);
    assert.deepEqual(row('free', 'Memory:'), ['free', 'free', '69.5 GiB', '54.3%']);
    assert.ok(out.includes('  committed 58.5 GiB of 128 GiB (45.7%)'));
    assert.ok(out.includes('  memory overcommit ratio (every dynamic child at its maximum): 60.5 GiB / 128 GiB = 0.47'));
  });

  it('prints processors, the VP:LP ratio and NUMA nodes', () => {
    assert.ok(out.includes('Processors: 32 logical processors'));
    assert.deepEqual(row('render01', 'Processors:').slice(0, 6), ['render01', 'child', 'root', '8', '25.0%', '16-23']);
    assert.ok(out.includes("  VP:LP ratio (VPs of the root's children per host LP): 14:32 = 0.44 (warning above 8)"));
    assert.ok(out.includes('NUMA: 2 nodes, 16 LPs and 64 GiB per node; partitions may span nodes'));
  });
});

describe('partition-lint allocation: host limits', () => {
  const json = (file: string): AllocationModel => {
    const run = runCli(['allocation', file, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as AllocationModel;
  };
  const textLines = (file: string): string[] => {
    const run = runCli(['allocation', file]);
    assert.equal(run.status, 0, run.stderr);
    const out = run.stdout.split('\n');
    const from = out.indexOf("Host limits (the root's children):");
    assert.ok(from >= 0, run.stdout);
    return out.slice(from + 1, from + 3);
  };

  it('counts the VPs of the root\'s children and the children against the release\'s per-host limits', () => {
    // ws2025: 2,048 VPs and 1,024 running VMs per host; 14 VPs in 3 children
    assert.deepEqual(json(MODERN).hostLimits, { virtualProcessors: { used: 14, limit: 2048 }, runningPartitions: { used: 3, limit: 1024 } });
    assert.deepEqual(textLines(MODERN), ['  virtual processors: 14 of 2048 (0.7%)', '  running partitions: 3 of 1024 (0.3%)']);
  });

  it('leaves nested children out, as the rules do', () => {
    const m = json('test-fixtures/rules/running-partition-limit/near-miss-nested.partition.yaml');
    assert.deepEqual(m.hostLimits.runningPartitions, { used: 2, limit: 2, overridden: true });
    assert.equal(m.partitions.filter((p) => p.role === 'child').length, 3, 'three children, one of them nested');
    assert.equal(m.hostLimits.virtualProcessors.used, m.processors.childVirtualProcessors);
  });

  it('names an override of hypervisor.limits and marks a limit passed', () => {
    const m = json('test-fixtures/rules/host-vp-limit/fires-override.partition.yaml');
    assert.deepEqual(m.hostLimits.virtualProcessors, { used: 72, limit: 64, overridden: true });
    assert.deepEqual(textLines('test-fixtures/rules/host-vp-limit/fires-override.partition.yaml'), [
      '  virtual processors: 72 of 64 (112.5%) set by hypervisor.limits  OVER by 8',
      '  running partitions: 3 of 1024 (0.3%)',
    ]);
    assert.deepEqual(textLines('test-fixtures/rules/host-vp-limit/fires.partition.yaml')[0], '  virtual processors: 2160 of 2048 (105.5%)  OVER by 112');
  });

  it('leaves the limit out where the release publishes none (Windows Server 2008)', () => {
    const m = json('test-fixtures/valid/ws2008-host.partition.yaml');
    assert.deepEqual(m.hostLimits, { virtualProcessors: { used: 5 }, runningPartitions: { used: 2 } });
    assert.deepEqual(textLines('test-fixtures/valid/ws2008-host.partition.yaml'), ['  virtual processors: 5 (no limit applies)', '  running partitions: 2 (no limit applies)']);
  });
});

describe('partition-lint allocation: errors', () => {
  it('prints the syntax errors to stderr and exits 1', () => {
    const run = runCli(['allocation', 'test-fixtures/cli/syntax-error.partition.yaml']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      'partition-lint: test-fixtures/cli/syntax-error.partition.yaml is not well-formed YAML, so it has no allocation; fix these first:\n' +
        '  3:7  error  The flow sequence opened with "[" on line 3 is never closed: add "]" after its last entry.  yaml-syntax\n',
    );
  });

  it('reads standard input', () => {
    const run = runCli(['allocation', '-', '--format', 'json'], { input: fixture('valid', 'modern-gpu-nic.partition.yaml') });
    assert.equal(run.status, 0);
    assert.equal((JSON.parse(run.stdout) as AllocationModel).layout, 'hv-lab-01');
  });

  it('needs exactly one file', () => {
    usageError(runCli(['allocation']), 'allocation needs one layout file (or - for standard input): partition-lint allocation FILE');
    usageError(runCli(['allocation', MODERN, MODERN]), `allocation takes one layout file, not 2: "${MODERN}", "${MODERN}"`);
  });

  it('rejects a check format', () => {
    usageError(runCli(['allocation', MODERN, '--format', 'sarif']), 'unknown format "sarif" for allocation: use text, json (that is a format of "partition-lint check")');
  });

  it('exits 2 for a folder or a missing file', () => {
    usageError(runCli(['allocation', 'test-fixtures/valid']), 'allocation needs one layout file, and test-fixtures/valid is a folder: name a *.partition.yaml file in it');
    usageError(runCli(['allocation', path.join('test-fixtures', 'nope.partition.yaml')]), `cannot read ${path.join('test-fixtures', 'nope.partition.yaml')}: no such file or directory`);
  });
});
