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
