import * as assert from 'node:assert/strict';
import { validate } from '../src/core/validate';
import { formatExact } from '../src/core/rules/memory-sizes';
import { GiB, MiB } from '../src/core/util/sizes';

const MEMORY_RULES = [
  'memory-fits-host',
  'memory-fits-parent',
  'root-memory-low',
  'dynamic-memory-range',
  'memory-limit',
  'mmio-space',
  'numa-dynamic-memory',
  'memory-alignment',
  'memory-overcommit',
  'numa-fit',
  'size-unit-ambiguous',
];

interface Hit {
  rule: string;
  severity: string;
  /** 1-based line */
  line: number;
  /** the anchored text */
  text: string;
  message: string;
}

/** The findings of the memory rules, with 1-based lines and the text they cover. */
function hits(text: string, rule?: string): Hit[] {
  const r = validate(text);
  return r.findings
    .filter((f) => (rule ? f.rule === rule : MEMORY_RULES.includes(f.rule)))
    .map((f) => ({
      rule: f.rule,
      severity: f.severity,
      line: r.parsed.lines.position(f.range.start).line + 1,
      text: text.slice(f.range.start, f.range.end),
      message: f.message,
    }));
}

/** A layout: the given hypervisor/host lines and partitions (YAML text, indented as list items). */
function layout(opts: { reserve?: string; release?: string; limits?: string; host?: string; partitions: string }): string {
  return [
    'layout: v1',
    'name: t',
    'hypervisor:',
    '  model: microkernelized',
    ...(opts.release ? [`  release: ${opts.release}`] : []),
    ...(opts.reserve ? ['  reserve:', `    memory: ${opts.reserve}`] : []),
    ...(opts.limits ? ['  limits:', opts.limits] : []),
    'host:',
    opts.host ?? '  logicalProcessors: 16\n  memory: 64GiB',
    'partitions:',
    opts.partitions,
    '',
  ].join('\n');
}

const child = (name: string, memory: string, extra = ''): string =>
  `  - name: ${name}\n    role: child\n    parent: root\n    virtualProcessors: 2\n    memory: ${memory}\n${extra}`;
const root = (memory?: string): string => `  - name: root\n    role: root\n    virtualProcessors: 2\n${memory ? `    memory: ${memory}\n` : ''}`;
const dynamic = (startup: string, minimum: string, maximum: string): string =>
  `\n      startup: ${startup}\n      minimum: ${minimum}\n      maximum: ${maximum}`;

describe('memory rules through validate()', () => {
  describe('memory-fits-host', () => {
    it('reports the child whose memory first passes the host, with the exact shortfall', () => {
      const text = layout({ reserve: '1GiB', partitions: root('8GiB') + child('a', '40GiB') + child('b', '16GiB') + child('c', '1GiB') });
      const found = hits(text, 'memory-fits-host');
      assert.equal(found.length, 1);
      assert.equal(found[0].text, 'memory');
      assert.equal(found[0].line, text.split('\n').indexOf('    memory: 16GiB') + 1);
      assert.equal(found[0].severity, 'error');
      assert.equal(found[0].message, 'Partition "b" brings the host\'s committed memory to 65 GiB of 64 GiB (1 GiB short): lower memory here or elsewhere, or add host memory.');
    });

    it('states a small shortfall exactly instead of rounding it away', () => {
      const text = layout({ reserve: '2MiB', partitions: root('8GiB') + child('a', '56GiB') });
      const [hit] = hits(text, 'memory-fits-host');
      assert.equal(hit.message, 'Partition "a" brings the host\'s committed memory to 65538 MiB of 64 GiB (2 MiB short): lower memory here or elsewhere, or add host memory.');
    });

    it('is quiet when the memory exactly fills the host', () => {
      const text = layout({ reserve: '1GiB', partitions: root('7GiB') + child('a', '56GiB') });
      assert.deepEqual(hits(text), []);
    });

    it('anchors the root when reserve + root alone pass the host', () => {
      const text = layout({ reserve: '1GiB', partitions: root('64GiB') + child('a', '2GiB') });
      const found = hits(text, 'memory-fits-host');
      assert.equal(found.length, 1);
      assert.equal(found[0].line, 14);
      assert.match(found[0].message, /^The hypervisor reserve \(1 GiB\) and root partition "root" \(64 GiB\) need 65 GiB of the host's 64 GiB \(1 GiB short\)/);
    });

    it('anchors the reserve when it alone passes the host and the root is implicit', () => {
      const text = layout({ reserve: '80GiB', partitions: root() + child('a', '2GiB') });
      const [hit] = hits(text, 'memory-fits-host');
      assert.equal(hit.line, 6);
      assert.equal(hit.text, 'memory');
      assert.match(hit.message, /^The hypervisor reserve alone \(80 GiB of the host's 64 GiB, 16 GiB short\) leaves nothing for the root partition "root"/);
    });

    it('counts a dynamic child by its startup, and nested children not at all', () => {
      const nested = '    virtualizationStack: true\n';
      const inner = '  - name: inner\n    role: child\n    parent: a\n    virtualProcessors: 1\n    memory: 60GiB\n';
      const text = layout({ partitions: root('8GiB') + child('a', '8GiB', nested) + inner + child('b', dynamic('48GiB', '1GiB', '48GiB')) });
      assert.deepEqual(hits(text, 'memory-fits-host'), []);
      const over = layout({ partitions: root('8GiB') + child('b', dynamic('57GiB', '1GiB', '60GiB')) });
      const [hit] = hits(over, 'memory-fits-host');
      assert.match(hit.message, /^Partition "b" \(startup 57 GiB\) brings the host's committed memory to 65 GiB of 64 GiB \(1 GiB short\): lower its startup memory/);
    });

    it('can be disabled for the next line', () => {
      const text = layout({ partitions: root('8GiB') + child('a', '60GiB').replace('    memory: 60GiB', '    # partition-lint-disable-next-line memory-fits-host -- staged rollout\n    memory: 60GiB') });
      assert.deepEqual(hits(text, 'memory-fits-host'), []);
      assert.deepEqual(validate(text).findings.filter((f) => f.rule === 'unused-disable'), []);
    });
  });

  describe('memory-fits-parent', () => {
    const lab = (memory: string): string => child('lab', memory, '    virtualizationStack: true\n');
    const inner = (name: string, memory: string): string => `  - name: ${name}\n    role: child\n    parent: lab\n    virtualProcessors: 1\n    memory: ${memory}\n`;

    it('reports the nested child that first passes its parent', () => {
      const text = layout({ host: '  logicalProcessors: 16\n  memory: 128GiB', partitions: root('8GiB') + lab('16GiB') + inner('i1', '8GiB') + inner('i2', '10GiB') + inner('i3', '1GiB') });
      const found = hits(text, 'memory-fits-parent');
      assert.equal(found.length, 1);
      assert.equal(found[0].message, 'Nested partition "i2" (10 GiB) brings the memory of "lab"\'s children to 18 GiB of its 16 GiB (2 GiB short): lower the nested children\'s memory or give "lab" more.');
    });

    it('measures a parent with dynamic memory by its startup, the memory it keeps while Hyper-V runs inside it', () => {
      const text = layout({ partitions: root('8GiB') + lab(dynamic('4GiB', '1GiB', '8GiB')) + inner('i1', '8GiB') });
      assert.deepEqual(
        hits(text, 'memory-fits-parent').map((h) => h.message),
        ['Nested partition "i1" (8 GiB) brings the memory of "lab"\'s children to 8 GiB of its startup 4 GiB (4 GiB short): lower the nested children\'s memory or give "lab" more.'],
      );
      // Within the startup it fits, whatever the maximum says.
      const fits = layout({ partitions: root('8GiB') + lab(dynamic('4GiB', '1GiB', '8GiB')) + inner('i1', '4GiB') });
      assert.deepEqual(hits(fits, 'memory-fits-parent'), []);
    });
  });

  describe('root-memory-low', () => {
    it('honours hypervisor.limits.rootMemoryMinimum', () => {
      const text = layout({ limits: '    rootMemoryMinimum: 4GiB', partitions: root('3GiB') + child('a', '4GiB') });
      const [hit] = hits(text, 'root-memory-low');
      assert.equal(hit.message, 'Root partition "root" has 3 GiB of memory, below the 4 GiB of hypervisor.limits.rootMemoryMinimum: give it at least 4 GiB.');
      assert.equal(hit.severity, 'warning');
    });

    it('does not guess when the root memory or the host memory cannot be read', () => {
      assert.deepEqual(hits(layout({ partitions: root('lots') + child('a', '4GiB') }), 'root-memory-low'), []);
      assert.deepEqual(hits(layout({ host: '  logicalProcessors: 16', partitions: root() + child('a', '4GiB') }), 'root-memory-low'), []);
    });
  });

  describe('memory-limit', () => {
    it('names a hypervisor.limits override as the source of the limit', () => {
      const text = layout({ limits: '    memoryPerPartitionGen2: 16GiB', partitions: root('8GiB') + child('a', '32GiB') });
      const [hit] = hits(text, 'memory-limit');
      assert.equal(hit.text, '32GiB');
      assert.equal(hit.message, 'Partition "a" has 32 GiB of static memory, more than the 16 GiB a generation 2 partition may have (hypervisor.limits.memoryPerPartitionGen2): lower it to at most 16 GiB.');
    });

    it('leaves a generation the release lacks to release-feature', () => {
      const text = layout({ release: 'ws2008', limits: '    memoryPerPartitionGen2: 1GiB', partitions: root('8GiB') + child('a', '4GiB', '    generation: 2\n') });
      assert.deepEqual(hits(text, 'memory-limit'), []);
    });
  });

  describe('mmio-space', () => {
    const host = (mmio: string): string =>
      `  logicalProcessors: 16\n  memory: 64GiB\n  iommu: true\n  devices:\n    - id: gpu0\n      class: gpu\n      assignable: true\n      mmio: ${mmio}\n`;

    it('rounds the Set-VM suggestion up to whole megabytes', () => {
      const text = layout({ host: host('600MiB'), partitions: root('8GiB') + child('a', '8GiB', '    devices: [gpu0]\n    mmioSpace: { high: 100KiB }\n') });
      const [hit] = hits(text, 'mmio-space');
      assert.equal(hit.text, 'devices');
      assert.equal(hit.message, 'Devices assigned to "a" (gpu0 600 MiB) need 600 MiB of high MMIO space, more than its mmioSpace.high of 100 KiB: set mmioSpace.high to at least 1112 MiB (Set-VM -HighMemoryMappedIoSpace 1112MB).');
    });

    it('counts a device for its owner only (the first child listing it)', () => {
      const text = layout({ host: host('600MiB'), partitions: root('8GiB') + child('a', '8GiB', '    devices: [gpu0]\n    mmioSpace: { high: 1GiB }\n') + child('b', '8GiB', '    devices: [gpu0]\n') });
      assert.deepEqual(hits(text, 'mmio-space'), []);
    });
  });

  describe('NUMA rules', () => {
    const numaHost = (spanning: boolean): string => `  logicalProcessors: 30\n  numaNodes: 4\n  numaSpanning: ${spanning}\n  memory: 128GiB`;

    it('split LPs unevenly and report each value that does not fit', () => {
      const text = layout({ release: 'ws2022', host: numaHost(false), partitions: root('8GiB') + child('a', '33GiB').replace('virtualProcessors: 2', 'virtualProcessors: 8') });
      const found = hits(text, 'numa-fit');
      assert.deepEqual(found.map((h) => h.text), ['8', '33GiB']);
      assert.match(found[0].message, /more than the 7\.5 LPs of one NUMA node, and host\.numaSpanning is false: lower virtualProcessors to at most 7 /);
    });

    it('say nothing on a single-node host or for the root', () => {
      const single = layout({ host: '  logicalProcessors: 16\n  numaSpanning: false\n  memory: 64GiB', partitions: root('8GiB') + child('a', dynamic('4GiB', '1GiB', '48GiB')).replace('virtualProcessors: 2', 'virtualProcessors: 16') });
      assert.deepEqual(hits(single).filter((h) => h.rule.startsWith('numa')), []);
      const bigRoot = layout({ host: numaHost(false), partitions: root('64GiB').replace('virtualProcessors: 2', 'virtualProcessors: 30') });
      assert.deepEqual(hits(bigRoot).filter((h) => h.rule.startsWith('numa')), []);
    });

    it('numa-dynamic-memory is information on the memory key', () => {
      const text = layout({ host: numaHost(true), partitions: root('8GiB') + child('a', dynamic('4GiB', '1GiB', '40GiB')) });
      const [hit] = hits(text, 'numa-dynamic-memory');
      assert.equal(hit.severity, 'info');
      assert.equal(hit.text, 'memory');
      assert.match(hit.message, /a maximum of 40 GiB, more than one host NUMA node holds \(7\.5 LPs, 32 GiB\)/);
    });
  });

  describe('memory-overcommit', () => {
    it('counts dynamic children at their maximum and anchors the partitions key', () => {
      const text = layout({ partitions: root('8GiB') + child('a', dynamic('4GiB', '1GiB', '40GiB')) + child('b', '20GiB') });
      const [hit] = hits(text, 'memory-overcommit');
      assert.equal(hit.text, 'partitions');
      assert.match(hit.message, /\("a" up to 40 GiB\), the hypervisor reserve, the root and the root's children would need 68 GiB of the host's 64 GiB \(4 GiB over\)/);
    });
  });

  describe('value rules', () => {
    it('anchor a size reached through an alias on the alias', () => {
      const text = layout({ partitions: root('8GiB') + child('a', '&m 3001MB') + child('b', '*m') });
      const lines = text.split('\n');
      const found = hits(text);
      assert.deepEqual(
        found.map((h) => `${h.rule} ${h.line} ${h.text}`),
        [
          `memory-alignment ${lines.indexOf('    memory: &m 3001MB') + 1} 3001MB`,
          `size-unit-ambiguous ${lines.indexOf('    memory: &m 3001MB') + 1} 3001MB`,
          `memory-alignment ${lines.indexOf('    memory: *m') + 1} *m`,
          `size-unit-ambiguous ${lines.indexOf('    memory: *m') + 1} *m`,
        ],
      );
      assert.equal(found[1].message, 'Size "3001MB" (partition "a" memory) uses MB, which is read as the binary MiB (3001 MiB = 3,146,776,576 bytes), not decimal: write "3001MiB".');
      assert.equal(found[0].message, 'Memory size "3001MB" (partition "a" memory) is not a multiple of 2 MiB, the granularity of a partition\'s memory: write 3000MiB or 3002MiB.');
    });

    it('dynamic-memory-range skips a dynamic memory without a startup', () => {
      const text = layout({ partitions: root('8GiB') + child('a', '\n      minimum: 8GiB\n      maximum: 4GiB') });
      assert.deepEqual(hits(text, 'dynamic-memory-range'), []);
    });
  });

  describe('bad input never crashes a memory rule', () => {
    const cases: Record<string, string> = {
      'memory is a list': layout({ partitions: root('[1, 2]') + child('a', '[]') }),
      'memory is a number': layout({ partitions: root('8') + child('a', '4096') }),
      'dynamic fields are junk': layout({ partitions: root('8GiB') + child('a', '\n      startup: {}\n      minimum: yes\n      maximum: ~') }),
      'host without memory or LPs': layout({ host: '  numaNodes: 0\n  numaSpanning: false', partitions: root() + child('a', '4GiB') }),
      'partitions is a mapping': 'layout: v1\nname: t\nhypervisor: { model: microkernelized }\nhost: { logicalProcessors: 4, memory: 8GiB }\npartitions: { a: 1 }\n',
      'no root at all': layout({ partitions: child('a', '80GiB') }),
      'devices and mmioSpace are junk': layout({ host: '  logicalProcessors: 4\n  memory: 8GiB\n  devices: [1, {id: gpu0, mmio: lots}]', partitions: root('2GiB') + child('a', '2GiB', '    devices: [gpu0, 7]\n    mmioSpace: 5\n') }),
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, () => {
        assert.doesNotThrow(() => validate(text));
        for (const h of hits(text)) assert.ok(!/NaN|undefined|Infinity/.test(h.message), h.message);
      });
    }
    it('a layout without a root or without host memory draws no memory arithmetic', () => {
      assert.deepEqual(hits(cases['no root at all']).filter((h) => h.rule === 'memory-fits-host' || h.rule === 'memory-overcommit'), []);
      assert.deepEqual(hits(cases['host without memory or LPs']), []);
    });
  });

  describe('formatExact', () => {
    it('keeps round sizes short and never rounds a size away', () => {
      assert.equal(formatExact(1.5 * GiB), '1.5 GiB');
      assert.equal(formatExact(128 * GiB + MiB), '131073 MiB');
      assert.equal(formatExact(1112 * MiB), '1112 MiB');
      assert.equal(formatExact(0), '0 B');
      assert.equal(formatExact(-2.25 * GiB), '-2.25 GiB');
    });
  });
});
