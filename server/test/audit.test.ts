import * as assert from 'node:assert/strict';
import { allocationModel } from '../src/core/model/allocation';
import { validate } from '../src/core/validate';

/**
 * Findings an independent audit of the rules against docs/format.md and docs/rules/ found wrong, each checked through
 * validate() as a user sees it: rule, 1-based line, the text under the range and the message.
 */

interface Hit {
  rule: string;
  line: number;
  text: string;
  message: string;
}

function hits(yaml: string, rules?: readonly string[]): Hit[] {
  const { parsed, findings } = validate(yaml);
  return findings
    .filter((f) => !rules || rules.includes(f.rule))
    .map((f) => ({ rule: f.rule, line: parsed.lines.position(f.range.start).line + 1, text: yaml.slice(f.range.start, f.range.end), message: f.message }));
}

/** A layout from lines (joined with newlines, ending in one). */
const lines = (...l: string[]): string => `${l.join('\n')}\n`;

const HEAD = ['layout: v1', 'name: t', 'hypervisor:', '  model: microkernelized'];

describe('audit: rules against their documentation', () => {
  describe('wrong-typed values are the schema\'s alone (one problem, one diagnostic: docs/decisions.md "Schema messages")', () => {
    it('mmio-space stays quiet when mmioSpace is not a mapping (no "default mmioSpace.high")', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  iommu: true',
        '  devices:',
        '    - { id: g, class: gpu, assignable: true, mmio: 512MiB }',
        '    - { id: h, class: gpu, assignable: true, mmio: 1MiB }',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - name: b',
        '    role: child',
        '    parent: root',
        '    virtualProcessors: 2',
        '    memory: 2GiB',
        '    devices: [h, g]',
        '    mmioSpace: 1GiB',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 21, '1GiB']],
      );
    });
    it('assignable-device stays quiet when assignable is not a boolean', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  iommu: true',
        '  devices:',
        '    - { id: g, class: gpu, assignable: "true" }',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - name: b',
        '    role: child',
        '    parent: root',
        '    virtualProcessors: 2',
        '    memory: 2GiB',
        '    devices: [g]',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 10, '"true"']],
      );
    });

    it('assignment-needs-iommu stays quiet when host.iommu is not a boolean', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  iommu: "yes"',
        '  devices:',
        '    - { id: g, class: gpu, assignable: true }',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - name: b',
        '    role: child',
        '    parent: root',
        '    virtualProcessors: 2',
        '    memory: 2GiB',
        '    devices: [g]',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 8, '"yes"']],
      );
    });
    it('generation2-needs-enlightened stays quiet when generation is not 1 or 2 (no "the default")', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - name: b',
        '    role: child',
        '    parent: root',
        '    generation: 3',
        '    virtualProcessors: 2',
        '    memory: 2GiB',
        '    guest: { enlightened: false }',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 14, '3']],
      );
    });

    it('parent-can-host stays quiet when the parent\'s virtualizationStack is not a boolean', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - name: lab',
        '    role: child',
        '    parent: root',
        '    virtualProcessors: 4',
        '    memory: 8GiB',
        '    virtualizationStack: "true"',
        '  - name: inner',
        '    role: child',
        '    parent: lab',
        '    virtualProcessors: 2',
        '    memory: 2GiB',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 16, '"true"']],
      );
    });

    it('root-memory-low stays quiet when the root\'s dynamic startup is missing or not a size (not "0 B of memory")', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        '    memory: { minimum: 4GiB, maximum: 8GiB }',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 11, 'memory']],
      );
      assert.deepEqual(
        hits(yaml.replace('{ minimum', '{ startup: lots, minimum')).map((h) => [h.rule, h.line, h.text]),
        [['schema', 11, 'lots']],
      );
    });
    it('an override in hypervisor.limits of the wrong type is not replaced by the release\'s limit: the rules it sets stay quiet', () => {
      const yaml = lines(
        ...HEAD,
        '  release: ws2016',
        '  limits:',
        '    hostLogicalProcessors: "600"',
        '    hostMemory: 30',
        '    rootVirtualProcessors: 400.5',
        '    vpsPerPartitionGen2: "300"',
        '    memoryPerPartitionGen2: 16',
        '    vpOvercommitRatio: "20"',
        '    rootMemoryMinimum: 1024',
        '    hostVirtualProcessors: "9999"',
        'host:',
        '  logicalProcessors: 600',
        '  memory: 30TiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        '    virtualProcessors: 400',
        '    memory: 1GiB',
        '  - { name: big, role: child, parent: root, virtualProcessors: 300, memory: 13TiB }',
        ...Array.from({ length: 16 }, (_, i) => `  - { name: c${i}, role: child, parent: root, virtualProcessors: 300, memory: 2GiB }`),
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [
          ['schema', 7, '"600"'],
          ['schema', 8, '30'],
          ['schema', 9, '400.5'],
          ['schema', 10, '"300"'],
          ['schema', 11, '16'],
          ['schema', 12, '"20"'],
          ['schema', 13, '1024'],
          ['schema', 14, '"9999"'],
        ],
      );
    });

    it('vp-limit and memory-limit leave a generation that is neither 1 nor 2 to the schema', () => {
      const yaml = lines(
        ...HEAD,
        '  release: ws2012',
        'host:',
        '  logicalProcessors: 128',
        '  memory: 4TiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - { name: db, role: child, parent: root, generation: "2", virtualProcessors: 100, memory: 1.5TiB }',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 12, '"2"']],
      );
    });

    it('generation2-needs-enlightened does not assume ws2025\'s default generation for a release that is not one', () => {
      const yaml = lines(
        ...HEAD,
        '  release: ws2008R2',
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - { name: nt4, role: child, parent: root, virtualProcessors: 1, memory: 1GiB, guest: { enlightened: false } }',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 5, 'ws2008R2']],
      );
    });

    it('memory-overcommit stays quiet when the root\'s or a child\'s memory cannot be read (it would count it as implicit or 0)', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        '    memory: 8gb',
        '  - name: a',
        '    role: child',
        '    parent: root',
        '    virtualProcessors: 2',
        '    memory: { startup: 8GiB, minimum: 4GiB, maximum: 60GiB }',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 11, '8gb']],
      );
      const child = yaml.replace('memory: 8gb', 'memory: 8GiB').replace('startup: 8GiB', 'startup: 50 GiBs');
      assert.deepEqual(
        hits(child).map((h) => [h.rule, h.line, h.text]),
        [['schema', 16, '50 GiBs']],
      );
      // With both readable, the same layout is overcommitted.
      assert.deepEqual(
        hits(yaml.replace('memory: 8gb', 'memory: 8GiB')).map((h) => [h.rule, h.line, h.text]),
        [['memory-overcommit', 8, 'partitions']],
      );
    });

    it('synthetic-needs-root-device stays quiet when the root owns a device whose class is not a valid class', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  devices:',
        '    - { id: nic0, class: netwrok }',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - { name: web, role: child, parent: root, virtualProcessors: 2, memory: 2GiB, synthetic: [network] }',
      );
      assert.deepEqual(
        hits(yaml).map((h) => [h.rule, h.line, h.text]),
        [['schema', 9, 'netwrok']],
      );
    });
  });

  describe('numbers in messages are exact', () => {
    it('host-limit states the host memory exactly, not rounded to the limit it passes', () => {
      const yaml = lines(
        'layout: v1',
        'name: t',
        'hypervisor:',
        '  model: microkernelized',
        '  release: ws2008',
        'host:',
        '  logicalProcessors: 8',
        '  memory: 1025GiB',
        'partitions:',
        '  - name: root',
        '    role: root',
      );
      assert.deepEqual(hits(yaml), [
        {
          rule: 'host-limit',
          line: 8,
          text: '1025GiB',
          message:
            'The host has 1025 GiB of memory but Windows Server 2008 supports at most 1 TiB per host; use Windows Server 2012 or later (release: ws2012) or lower host.memory to what the hypervisor may use.',
        },
      ]);
    });

    const dynamicChild = (extra: string): string =>
      lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  iommu: true',
        '  devices:',
        '    - { id: g, class: gpu, assignable: true }',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - name: b',
        '    role: child',
        '    parent: root',
        '    virtualProcessors: 2',
        '    memory: { startup: 2GiB, minimum: 2GiB, maximum: 4098MiB }',
        extra,
      );

    it('assignment-static-memory suggests the maximum as written, not rounded (4098MiB, not 4GiB)', () => {
      assert.deepEqual(hits(dynamicChild('    devices: [g]'), ['assignment-static-memory']), [
        {
          rule: 'assignment-static-memory',
          line: 18,
          text: 'memory',
          message:
            'Partition "b" has directly assigned devices (g) but uses dynamic memory; give it a static memory size (e.g. memory: 4098MiB), because a VM with an assigned device cannot use dynamic memory.',
        },
      ]);
    });

    it('nested-static-memory suggests the startup as written, not rounded (2050MiB, not 2GiB): the memory it keeps while Hyper-V runs inside it', () => {
      const yaml = dynamicChild('    virtualizationStack: true').replace('startup: 2GiB, minimum: 2GiB', 'startup: 2050MiB, minimum: 2GiB');
      assert.deepEqual(hits(yaml, ['nested-static-memory']), [
        {
          rule: 'nested-static-memory',
          line: 18,
          text: 'memory',
          message:
            'Partition "b" runs a nested virtualization stack (virtualizationStack: true) with dynamic memory, but while Hyper-V runs inside it its memory stays at startup and minimum and maximum do nothing: give it static memory of its startup size (memory: 2050MiB).',
        },
      ]);
    });
    const numaHost = (partition: string[]): string =>
      lines(...HEAD, 'host:', '  logicalProcessors: 16', '  numaNodes: 3', '  numaSpanning: false', '  memory: 64GiB', 'partitions:', '  - name: root', '    role: root', ...partition);

    it('numa-fit gives a node of 64 GiB / 3 in GiB (not 22906492245 B) and suggests a 2 MiB multiple that fits', () => {
      const yaml = numaHost(['  - name: a', '    role: child', '    parent: root', '    virtualProcessors: 2', '    memory: 22GiB']);
      assert.deepEqual(hits(yaml), [
        {
          rule: 'numa-fit',
          line: 17,
          text: '22GiB',
          message:
            'Partition "a" has 22 GiB of static memory, more than the 21.33 GiB of one NUMA node, and host.numaSpanning is false: lower it to at most 21844 MiB or set numaSpanning: true.',
        },
      ]);
      // The suggested size is quiet: it fits the node and is a multiple of 2 MiB.
      assert.deepEqual(hits(yaml.replace('memory: 22GiB', 'memory: 21844MiB')), []);
      assert.equal(hits(yaml.replace('memory: 22GiB', 'memory: 21846MiB')).length, 1);
    });

    it('numa-dynamic-memory describes a node of 64 GiB / 3 in GiB', () => {
      const yaml = numaHost([
        '  - name: c',
        '    role: child',
        '    parent: root',
        '    virtualProcessors: 2',
        '    memory: { startup: 2GiB, minimum: 2GiB, maximum: 22GiB }',
      ]);
      assert.deepEqual(hits(yaml, ['numa-dynamic-memory']), [
        {
          rule: 'numa-dynamic-memory',
          line: 17,
          text: 'memory',
          message:
            'Partition "c" uses dynamic memory with a maximum of 22 GiB, more than one host NUMA node holds (5.33 LPs, 21.33 GiB): dynamic memory gives it a single virtual NUMA node that spans host nodes, so use static memory if its workload is NUMA-aware, or size it to fit one node.',
        },
      ]);
    });
    const overcommit = (lps: number, limits: string[], vps: number[]): string =>
      lines(
        ...HEAD,
        ...limits,
        'host:',
        `  logicalProcessors: ${lps}`,
        '  memory: 1TiB',
        'partitions:',
        '  - name: root',
        '    role: root',
        ...vps.map((n, i) => `  - { name: c${i}, role: child, parent: root, virtualProcessors: ${n}, memory: 2GiB }`),
      );

    it('vp-overcommit never shows a ratio that rounds down to the threshold it passes (8.004:1, not 8.0:1)', () => {
      const yaml = overcommit(256, [], [256, 256, 256, 256, 256, 256, 256, 256, 1]);
      assert.deepEqual(hits(yaml, ['vp-overcommit']), [
        {
          rule: 'vp-overcommit',
          line: 8,
          text: 'partitions',
          message:
            "The root's 9 children have 2049 virtual processors on 256 host logical processors (8.004:1), above the vpOvercommitRatio of 8:1 (at most 2048); lower their virtualProcessors, or raise hypervisor.limits.vpOvercommitRatio if this density is intended.",
        },
      ]);
    });

    it('vp-overcommit with a fractional vpOvercommitRatio gives a whole number of VPs as the most', () => {
      const yaml = overcommit(3, ['  limits: { vpOvercommitRatio: 1.5 }'], [3, 2]);
      assert.deepEqual(hits(yaml, ['vp-overcommit']), [
        {
          rule: 'vp-overcommit',
          line: 9,
          text: 'partitions',
          message:
            "The root's 2 children have 5 virtual processors on 3 host logical processors (1.67:1), above the vpOvercommitRatio of 1.5:1 (at most 4); lower their virtualProcessors, or raise hypervisor.limits.vpOvercommitRatio if this density is intended.",
        },
      ]);
    });
  });
  describe('messages name an unnamed partition as partition #N, never ""', () => {
    it('every rule that reports an unnamed child names it by its position', () => {
      const yaml = lines(
        ...HEAD,
        '  release: ws2012',
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  devices:',
        '    - { id: g, class: gpu }',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - role: child',
        '    parent: root',
        '    generation: 2',
        '    virtualProcessors: 9',
        '    memory: { startup: 2GiB, minimum: 2GiB, maximum: 4GiB }',
        '    devices: [g]',
        '    processorAffinity: [9]',
        '    synthetic: [storage]',
        '    virtualizationStack: true',
        '    guest: { enlightened: false }',
        '  - { role: child, parent: root, virtualProcessors: 1, memory: 2GiB, processorAffinity: [0] }',
        '  - { role: child, parent: root, virtualProcessors: 1, memory: 2GiB, processorAffinity: [0] }',
      );
      const seen = hits(yaml).filter((h) => h.rule !== 'schema');
      assert.deepEqual(
        seen.map((h) => h.rule),
        [
          'release-feature',
          'vp-limit',
          'assignment-static-memory',
          'nested-static-memory',
          'dynamic-memory-needs-enlightened',
          'release-feature',
          'assignable-device',
          'assignment-needs-iommu',
          'affinity-range',
          'synthetic-needs-enlightened',
          'synthetic-needs-root-device',
          'release-feature',
          'generation2-needs-enlightened',
          'affinity-overlap',
        ],
      );
      for (const h of seen) assert.ok(!h.message.includes('""'), `${h.rule}: ${h.message}`);
      const byRule = (rule: string): string[] => seen.filter((h) => h.rule === rule).map((h) => h.message);
      assert.match(byRule('vp-limit')[0], /^Partition #2 has 9 virtual processors but the host has only 8 logical processors;/);
      assert.match(byRule('release-feature')[0], /^Partition #2 is generation 2 but Windows Server 2012 has no generation 2 partitions/);
      assert.match(byRule('assignment-static-memory')[0], /^Partition #2 has directly assigned devices \(g\) but uses dynamic memory;/);
      assert.match(byRule('nested-static-memory')[0], /^Partition #2 runs a nested virtualization stack/);
      assert.match(byRule('affinity-range')[0], /^Partition #2 is pinned to LP 9 but/);
      assert.match(byRule('synthetic-needs-enlightened')[0], /^Partition #2 uses synthetic devices \(storage\)/);
      assert.match(byRule('synthetic-needs-root-device')[0], /^Partition #2 uses synthetic storage but the root "root" owns no storage or network device/);
      assert.match(byRule('generation2-needs-enlightened')[0], /^Partition #2 is generation 2 but its guest is not enlightened;/);
      assert.match(byRule('affinity-overlap')[0], /^Partition #4 pins LP 0 that partition #3 is also pinned to;/);
    });

    it('synthetic-needs-root-device names an unnamed root and an unnamed child a device went to', () => {
      const yaml = lines(
        ...HEAD,
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  iommu: true',
        '  devices:',
        '    - { id: n, class: network, assignable: true }',
        'partitions:',
        '  - role: root',
        '  - { role: child, parent: root, virtualProcessors: 1, memory: 2GiB, devices: [n] }',
        '  - { name: web, role: child, parent: root, virtualProcessors: 1, memory: 2GiB, synthetic: [network] }',
      );
      const seen = hits(yaml, ['synthetic-needs-root-device']);
      assert.equal(seen.length, 0, 'an unnamed root cannot be a parent: web names no partition');
      const named = yaml.replace('  - role: root', '  - { name: root, role: root }');
      assert.deepEqual(hits(named, ['synthetic-needs-root-device']).map((h) => [h.line, h.text, h.message]), [
        [
          14,
          'network',
          'Partition "web" uses synthetic network but the root "root" owns no network device for its VSP to drive (every network device is directly assigned to a child: n to partition #2); connect the child to a switch with networkAdapters (an internal or private switch needs no adapter), or add a network device under host.devices that stays with the root, or remove network from synthetic.',
        ],
      ]);
    });
  });
  describe('the derived model (docs/format.md, docs/decisions.md "The model")', () => {
    it('driver placement: an assigned device\'s driver runs in the child that owns it, on a monolithic hypervisor too', () => {
      const yaml = lines(
        'layout: v1',
        'name: t',
        'hypervisor:',
        '  model: monolithic',
        'host:',
        '  logicalProcessors: 8',
        '  memory: 64GiB',
        '  iommu: true',
        '  devices:',
        '    - { id: gpu0, class: gpu, assignable: true, driver: nvlddmkm }',
        '    - { id: nic0, class: network, driver: ixgbe }',
        'partitions:',
        '  - name: root',
        '    role: root',
        '  - { name: render, role: child, parent: root, virtualProcessors: 2, memory: 8GiB, devices: [gpu0] }',
      );
      const result = validate(yaml);
      assert.ok(result.model);
      const alloc = allocationModel(result.model, result.findings, result.parsed.lines);
      assert.deepEqual(
        alloc.devices.map((d) => [d.id, d.owner, d.how, d.driverRunsIn]),
        [
          ['gpu0', 'render', 'assigned', 'render'],
          ['nic0', 'root', 'root-default', 'hypervisor'],
        ],
      );
    });
  });
});
